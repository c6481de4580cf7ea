Feature: What-if scenarios on the command line, and errors in scenario files
  `--scenario FILE` adds events on top of the shipped record without changing it. A scenario
  file has `name:`, optionally `description:` and `date:` (the default date of the question),
  and `events:` in the facts' event format. Errors in the file exit 3, naming the file and the
  event.

  A policy officer weighing two courses of action compares them with `mla what-if A --against
  B`: each is applied alone to the shipped record, B is the baseline, and what A gains is what
  it gives that B does not. `--on-top-of B` asks instead what A adds once B has happened.

  Scenario: Belgium ratifies in a what-if scenario
    Given a file "belgium.yaml" containing:
      """
      name: Belgium ratifies
      date: 2027-01-01
      events:
        - {state: BEL, type: ratification, date: 2026-07-15}
      """
    When I run "mla can-request --from Latvia --to Belgium --crime genocide --scenario belgium.yaml"
    Then the exit code means it applies
    And the output says "What-if scenario 'Belgium ratifies'"
    When I run "mla can-request --from Latvia --to Belgium --crime genocide --on 2027-01-01"
    Then the exit code means it does not apply

  Scenario Outline: Mistakes in a scenario file are data errors naming the event
    Given a file "bad.yaml" containing:
      """
      name: a mistake
      events:
        - <event>
      """
    When I run "mla can-request --from LVA --to NLD --crime genocide --scenario bad.yaml"
    Then the exit code means a data error
    And the error says "<message>"

    Examples:
      | event                                                        | message                            |
      | {state: KEN, type: signature, date: 2025-06-01}              | outside the signature period       |
      | {state: KEN, type: ratification, date: 2026-06-01}           | use `type: accession`              |
      | {state: LVA, type: declaration, annexes: [Z], date: 2026-01-01} | unknown annex 'Z'                |
      | {state: LVA, type: ratify, date: 2026-01-01}                 | unknown event type 'ratify'        |
      | {state: LVA, type: denunciation}                             | event 1 (LVA denunciation): has no date |
      | {state: Atlantis, type: accession, date: 2026-01-01}         | unknown State: 'Atlantis'          |
      | {state: KEN, type: accession, on: 2026-01-01}                | Use `date:`                        |

  Scenario: Duplicate keys in a scenario file are refused
    Given a file "dup.yaml" containing:
      """
      name: twice
      name: again
      events: []
      """
    When I run "mla can-request --from LVA --to NLD --crime genocide --scenario dup.yaml"
    Then the exit code means a data error
    And the error says "duplicate key 'name'"

  Scenario: A scenario file that is not YAML is refused with its line
    Given a file "broken.yaml" containing:
      """
      name: broken
      events: [ {state: LVA
      """
    When I run "mla can-request --from LVA --to NLD --crime genocide --scenario broken.yaml"
    Then the exit code means a data error
    And the error says "invalid YAML"

  Scenario: An event whose effect would fall after the year 9999 is refused, not misread
    Given a file "far.yaml" containing:
      """
      name: a ratification in the far future
      events:
        - {state: BEL, type: ratification, date: 9999-11-15}
      """
    When I run "mla can-request --from LVA --to BEL --crime genocide --on 9999-12-31 --scenario far.yaml"
    Then the exit code means a data error
    And the error says "event 1 (BEL ratification): would take effect on 10000-03-01, after 9999-12-31"

  Scenario: Which ratification to encourage: Senegal's or Argentina's
    Given a file "senegal.yaml" containing:
      """
      name: Senegal ratifies
      date: 2027-06-01
      events:
        - {state: SEN, type: ratification, date: 2026-12-10}
        - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
      """
    And a file "argentina.yaml" containing:
      """
      name: Argentina ratifies
      date: 2027-06-01
      events:
        - {state: ARG, type: ratification, date: 2026-12-10}
      """
    When I run "mla what-if senegal.yaml --against argentina.yaml"
    Then the output says "Scenario 'Senegal ratifies' compared with scenario 'Argentina ratifies'."
    And the output says "On 1 June 2027, compared with 'Argentina ratifies', 'Senegal ratifies' gains 22 and loses 18 cooperation relations"
    And the output says "Senegal (in force for it from 1 April 2027) gains 4 for Annex H, 18 for the Art. 5 crimes."
    And the output says "Argentina loses 18 for the Art. 5 crimes."
    When I run "mla what-if argentina.yaml --against senegal.yaml"
    Then the output says "compared with 'Senegal ratifies', 'Argentina ratifies' gains 18 and loses 22 cooperation relations"

  Scenario: What Senegal's ratification would add once Argentina has ratified
    Given a file "senegal.yaml" containing:
      """
      name: Senegal ratifies
      date: 2027-06-01
      events:
        - {state: SEN, type: ratification, date: 2026-12-10}
        - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
      """
    And a file "argentina.yaml" containing:
      """
      name: Argentina ratifies
      date: 2027-06-01
      events:
        - {state: ARG, type: ratification, date: 2026-12-10}
      """
    When I run "mla what-if senegal.yaml --on-top-of argentina.yaml"
    Then the output says "Scenario 'Senegal ratifies' added on top of scenario 'Argentina ratifies', compared with scenario 'Argentina ratifies' alone."
    And the output says "'Senegal ratifies' opens 34 and closes 0 cooperation relations"
    And the output says "Argentina (in force for it from 1 April 2027) gains 12 for the Art. 5 crimes."
    When I run "mla what-if senegal.yaml --against argentina.yaml --on-top-of argentina.yaml"
    Then the exit code means a usage error
    And the error says "--against and --on-top-of together"

  Scenario: Two courses of action dated differently are compared on a date the officer gives
    Given a file "senegal.yaml" containing:
      """
      name: Senegal ratifies
      date: 2027-06-01
      events:
        - {state: SEN, type: ratification, date: 2026-12-10}
        - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
      """
    And a file "argentina-later.yaml" containing:
      """
      name: Argentina ratifies later
      date: 2027-09-01
      events:
        - {state: ARG, type: ratification, date: 2027-02-10}
      """
    When I run "mla what-if senegal.yaml --against argentina-later.yaml"
    Then the exit code means a usage error
    And the error says "'Senegal ratifies' is dated 2027-06-01 and 'Argentina ratifies later' 2027-09-01"
    And the error says "Give the date of the comparison with --on"
    When I run "mla what-if senegal.yaml --against argentina-later.yaml --on 2027-09-01"
    Then the output says "On 1 September 2027, compared with 'Argentina ratifies later'"

  Scenario: A relation lost is explained by what fails under the course of action chosen
    Given a file "senegal.yaml" containing:
      """
      name: Senegal ratifies
      date: 2027-06-01
      events:
        - {state: SEN, type: ratification, date: 2026-12-10}
        - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
      """
    And a file "argentina.yaml" containing:
      """
      name: Argentina ratifies
      date: 2027-06-01
      events:
        - {state: ARG, type: ratification, date: 2026-12-10}
      """
    When I run "mla what-if senegal.yaml --against argentina.yaml --explain 23"
    Then the explanation of "lost: ARG → LVA, genocide, mla" says "NO — the Convention does not govern a request for mutual legal assistance from Argentina to Latvia"
    And the explanation of "lost: ARG → LVA, genocide, mla" says "Argentina has deposited no instrument of ratification"
    And the explanation of "gained: LVA → SEN, genocide, mla" says "YES — the Convention governs"

  Scenario: Asked before the ratification takes effect, the what-if says when to ask
    Given a file "senegal.yaml" containing:
      """
      name: Senegal ratifies
      date: 2027-06-01
      events:
        - {state: SEN, type: ratification, date: 2026-12-10}
        - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
      """
    When I run "mla what-if senegal.yaml --on 2027-03-31"
    Then the output says "On 31 March 2027, 'Senegal ratifies' changes no cooperation relation."
    And the output says "None of the scenario's events has taken effect by 31 March 2027: the first takes effect on 1 April 2027 (ask with --on 2027-04-01)."
    When I run "mla what-if senegal.yaml --on 2027-03-31 --format json"
    Then the JSON note says "the first takes effect on 1 April 2027"
