Feature: Checking the record before it ships — `mla facts check`
  Whoever updates facts/ after a new ratification runs `mla facts check` before committing. It
  reads every file of the facts directory and lists every problem at once, each with its file
  and line and, where it helps, what to do. It exits 0 when there is nothing to fix and 3
  (a data error) otherwise; the shipped facts are never changed.

  Background:
    Given a copy of the shipped facts called "my-facts"

  Scenario: The shipped record passes the check
    When I run "mla facts check my-facts"
    Then the exit code is 0
    And the error says "no problems found"

  Scenario: A new ratification, entered correctly, passes
    Given the maintainer adds this event to the events of "my-facts":
      """
      {state: BEL, type: ratification, date: 2025-08-30, source: depositary_parties}
      """
    And the maintainer sets the record of "my-facts" as of 2025-09-30
    When I run "mla facts check my-facts"
    Then the exit code is 0
    And the error says "index.json is out of date: run `mla facts index"
    When I run "mla facts index my-facts"
    And I run "mla facts check my-facts"
    Then the exit code is 0
    And the error says "no problems found"

  Scenario Outline: A mistake in a new event is reported at its line
    Given the maintainer adds this event to the events of "my-facts":
      """
      <event>
      """
    When I run "mla facts check my-facts"
    Then the exit code means a data error
    And the check reports at the added event: "<problem>"

    Examples:
      | event                                                                             | problem                                                                       |
      | {state: BEL, type: ratification, date: 2024-01-10, source: depositary_parties}    | ratification on 2024-01-10 is before BEL's signature (2024-02-14)              |
      | {state: KEN, type: ratification, date: 2025-06-01, source: depositary_parties}    | ratification without a signature                                              |
      | {state: KEN, type: signature, date: 2025-06-01, source: depositary_parties}       | signature on 2025-06-01 is outside the signature period (2024-02-14 to 2025-02-14) |
      | {state: BEL, type: ratification, date: 2025-08-30}                                | has no source                                                                 |
      | {state: BEL, type: ratification, date: 2025-08-30, source: the-gazette}           | unknown source 'the-gazette'                                                  |
      | {state: Belgum, type: ratification, date: 2025-08-30, source: depositary_parties} | unknown State: 'Belgum'                                                       |
      | {state: BEL, type: ratified, date: 2025-08-30, source: depositary_parties}        | unknown event type 'ratified'                                                 |
      | {state: BEL, type: ratification, on: 2025-08-30, source: depositary_parties}      | unknown key(s) True                                                           |
      | {state: BEL, type: ratification, date: 2025-02-30, source: depositary_parties}    | date must be a real date written YYYY-MM-DD, got '2025-02-30'                 |
      | {state: BEL, type: declaration, annexes: [I], date: 2025-08-30, source: depositary_parties} | unknown annex 'I'                                                    |
      | {state: BEL, type: denunciation, date: 2023-01-01, source: depositary_parties}    | date 2023-01-01 is before the Convention was adopted (2023-05-26)             |

  Scenario: Every problem is reported at once, not only the first
    Given the maintainer adds this event to the events of "my-facts":
      """
      {state: BEL, type: ratification, date: 2024-01-10}
      """
    And the maintainer adds this event to the events of "my-facts":
      """
      {state: KEN, type: approval, date: 2025-06-01, source: depositary_parties}
      """
    When I run "mla facts check my-facts"
    Then the exit code means a data error
    And the output says "before BEL's signature"
    And the output says "has no source"
    And the output says "approval without a signature"
    And the error says "3 problems"

  Scenario: The as-of date must not be before the latest event
    Given the maintainer sets the record of "my-facts" as of 2025-09-01
    And the maintainer adds this event to the events of "my-facts":
      """
      {state: BEL, type: ratification, date: 2025-10-15, source: depositary_parties}
      """
    When I run "mla facts check my-facts"
    Then the exit code means a data error
    And the output says "record_as_of (2025-09-01) is before the latest event (2025-10-15"

  Scenario: A source cited twice in sources.yaml is a duplicate key
    Given the maintainer appends to sources.yaml of "my-facts":
      """
      depositary_parties:
        url: https://example.org/
        title: the same id again
      """
    When I run "mla facts check my-facts"
    Then the exit code means a data error
    And the output says "duplicate key 'depositary_parties' (first on line"

  Scenario: Checking a directory that does not exist is a usage error
    When I run "mla facts check no-such-directory"
    Then the exit code means a usage error
    And the error says "no-such-directory is not a directory"
