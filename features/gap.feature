Feature: The gap the Convention closes — for policy staff
  Many pairs of States have no treaty on which to base a request for the most serious
  international crimes. Policy staff arguing for ratification, and for opting in to annexes,
  need that gap measured: how many pairs of States have no legal basis today for crimes
  against humanity? If Senegal ratifies, how much of the gap closes, and with whom? Which
  step would close the most? A pair is in the gap when no instrument of the catalogue's
  multilateral instruments is a legal basis for a request between them; undertakings do not
  count, bilateral treaties are not known, and where the shipped lists of parties are partial
  the figures are upper bounds.

  Scenario: The gap today for crimes against humanity, and what the figure means
    Given the shipped record
    When I run "mla gap --on 2026-11-28 --crime crimes-against-humanity"
    Then the exit code is 0
    And the output says "197 States, 38,612 ordered pairs per crime and kind"
    And the output says "undertakings do not count; bilateral treaties are not known"
    And the output says "A treaty matters most where the requested State requires one"
    And the output says "these figures are upper bounds"

  Scenario: Every ordered pair is listed with its legal bases
    Given the shipped record
    When I run "mla gap --on 2026-11-28 --crime genocide --kind extradition --format csv"
    Then the output says "requesting,requested,crime,kind,bases"
    And the CSV has the row "FRA,DEU,genocide,extradition,coe-extradition-1957;eu-arrest-warrant-2002"
    And the CSV has the row "JPN,SEN,genocide,extradition,"

  Scenario: One State's gap: with whom it has no basis
    Given the shipped record
    When I run "mla gap --on 2026-11-28 --state Latvia --crime genocide"
    Then the output says "The gap of Latvia on 28 November 2026"
    And the output says "Genocide — mutual legal assistance: 147 States"

  Scenario: A ratification closes part of the gap: the what-if says how much
    Given a file "senegal.yaml" containing:
      """
      name: Senegal ratifies
      events:
        - {state: SEN, type: ratification, date: 2026-12-10}
        - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
      """
    When I run "mla what-if senegal.yaml --on 2027-06-01"
    Then the output says "Of the relations opened, 22 close a gap (no legal basis in the catalogue's multilateral instruments before) and 0 add a basis to existing ones."
    And the output says "Gap closed, per State (relations either way): Senegal 22"

  Scenario: What would close the most of a State's gap
    Given the shipped record
    When I run "mla gap --suggest Senegal --on 2027-06-01"
    Then the output says "What would close the gap of Senegal on 1 June 2027"
    And the output says "18  ratify the Ljubljana – The Hague Convention — with Latvia, Netherlands"
    And the output says "4  opt in to Annex H (aggression) (on ratifying: pairs added) — with Latvia"
    And the output says "Check first whether Senegal is already bound (the shipped lists of parties are partial; Senegal is not in them)"
    And the output says "join Additional Protocol I — with"
    And the output does not say "note: Senegal is not known to be a party"

  Scenario: A policy officer shows the gap on two maps, one per kind of request, each with its own scale
    Given the shipped record
    When I run "mla gap --on 2026-11-28 --format html"
    Then the output says "of its pairs (either way; Genocide, Crimes against humanity, War crimes) with no basis found"
    And the output says "<h2>Mutual legal assistance: each State"
    And the output says "<h2>Extradition: each State"
    And the output says "Colours are quantiles of the States"

  Scenario: The timeline counts the gap at each change of the network
    Given the shipped record
    When I run "mla timeline --gap --from 2025-01-01"
    Then the output says "1 December 2025: 2 bound for MLA, 1 for extradition, 6 relations"
    And the output says "with no legal basis"

  Scenario: Asking for the gap of a territory, or of a State no instrument names, is a usage error
    Given the shipped record
    When I run "mla gap --state Aruba"
    Then the exit code means a usage error
    And the error says "Aruba (ABW) is not among the States this tool answers for"
    When I run "mla gap --state Niue"
    Then the exit code means a usage error
    And the error says "Niue is not among the 197 States of the gap"

  Scenario: The pairs with no basis found that could not be decided are counted apart
    Given the shipped record
    When I run "mla gap --on 2026-11-28 --crime war-crimes"
    Then the output says "of them undecided"
    And the output says "Undecided: pairs with no basis found where an instrument could not be decided"
    When I run "mla gap --on 2026-11-28 --state Kenya --crime war-crimes"
    Then the output says "undecided)"
