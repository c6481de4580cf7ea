Feature: The cooperation network — what-if questions for policy staff
  Policy staff ask about the whole network: which relations a ratification opens and from
  when, what happens if the unverified Art. 90 threshold is fifteen, how the network grows.
  The network is the set of ordered pairs of States (requesting, requested) for which the
  Convention applies, per crime and kind of request, on a date.

  Scenario: On 28 November 2026 only Latvia and the Netherlands cooperate, for MLA
    Given the shipped record
    When I run "mla matrix --on 2026-11-28 --format csv"
    Then the output says "LVA,NLD,genocide,mla"
    And the output says "NLD,LVA,war-crimes,mla"
    And the CSV lists 6 relations

  Scenario: Senegal's ratification opens relations from the first day of the fourth month
    Given a file "senegal.yaml" containing:
      """
      name: Senegal ratifies
      events:
        - {state: SEN, type: ratification, date: 2026-12-10}
        - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
      """
    When I run "mla what-if senegal.yaml --on 2027-03-31 --format json"
    Then the JSON lists 0 gained relations
    When I run "mla what-if senegal.yaml --on 2027-04-01"
    Then the output says "Senegal (in force for it from 1 April 2027) gains 4 for Annex H, 18 for the Art. 5 crimes."

  Scenario: Aggression is covered only within the clique of States that opted in to Annex H
    Given a file "two.yaml" containing:
      """
      name: Senegal and Argentina ratify
      events:
        - {state: SEN, type: ratification, date: 2026-12-10}
        - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
        - {state: ARG, type: ratification, date: 2026-12-10}
      """
    When I run "mla matrix --scenario two.yaml --on 2027-06-01 --crime aggression --format csv"
    Then the output says "SEN,LVA,annex-h,extradition"
    And the CSV lists 4 relations
    And the output does not say "ARG"

  Scenario: If the Convention needs fifteen instruments, it is in force for no one yet
    Given a file "fifteen.yaml" containing:
      """
      name: fifteen instruments
      parameters:
        entry_into_force_threshold: 15
      """
    When I run "mla what-if fifteen.yaml --on 2026-11-28 --format json"
    Then the JSON lists 6 lost relations
    And the JSON lists 0 gained relations

  Scenario: An unknown parameter in a scenario is a data error
    Given a file "typo.yaml" containing:
      """
      name: typo
      parameters:
        entry_into_force_treshold: 15
      """
    When I run "mla what-if typo.yaml"
    Then the exit code means a data error
    And the error says "unknown parameter"

  Scenario: The timeline shows when the network changes
    Given the shipped record
    When I run "mla timeline"
    Then the output says "15 February 2024: 1 bound for MLA, 0 for extradition, 0 relations"
    And the output says "1 December 2025: 2 bound for MLA, 1 for extradition, 6 relations"
    And the output says "Latvia: opt-in takes effect (Annex H)"

  Scenario: Evaluating scenarios leaves the shipped record as it was
    Given a file "senegal.yaml" containing:
      """
      name: Senegal ratifies
      events:
        - {state: SEN, type: ratification, date: 2026-12-10}
      """
    When I run "mla what-if senegal.yaml --on 2027-06-01 --format json"
    And I run "mla matrix --on 2027-06-01 --format csv"
    Then the CSV lists 6 relations
    And the output does not say "SEN"
