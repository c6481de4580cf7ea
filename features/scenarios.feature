Feature: What-if scenarios on the command line, and errors in scenario files
  `--scenario FILE` adds events on top of the shipped record without changing it. A scenario
  file has `name:`, optionally `description:` and `date:` (the default date of the question),
  and `events:` in the facts' event format. Errors in the file exit 3, naming the file and the
  event.

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
