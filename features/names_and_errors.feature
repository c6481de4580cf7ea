Feature: Asking from the command line — names, exit codes and errors
  States are accepted as ISO 3166-1 codes and as English, French or Spanish names, case- and
  accent-insensitive; Kosovo as XK or XKX. Crimes by id, as "Annex F", or by name. The exit
  code says the answer: 0 it applies, 1 it does not, 2 a usage error, 3 a data error in a
  facts or scenario file. No input ever produces a traceback.

  Scenario Outline: States and crimes by code or name
    When I run "mla can-request --from <from> --to <to> --crime <crime> --on 2026-11-28 --format json"
    Then the JSON answer has requesting "<a3>"
    And the JSON answer has requested "<b3>"
    And the JSON answer has crime "<crime id>"

    Examples:
      | from         | to                   | crime                     | a3  | b3  | crime id                |
      | LV           | NL                   | genocide                  | LVA | NLD | genocide                |
      | Lettonie     | Pays-Bas             | "crimes against humanity" | LVA | NLD | crimes-against-humanity |
      | Letonia      | "Países Bajos"       | "Annex F"                 | LVA | NLD | annex-f                 |
      | LATVIA       | "the netherlands"    | "forced disappearance"    | LVA | NLD | annex-g                 |
      | lva          | "Côte d'Ivoire"      | aggression                | LVA | CIV | annex-h                 |
      | XK           | "Republic of Moldova" | torture                 | XKX | MDA | annex-f                 |
      | Kosovo       | Moldavie             | "Annex B"               | XKX | MDA | annex-b                 |

  Scenario: A yes exits 0 and a no exits 1
    When I run "mla can-request --from Latvia --to Netherlands --crime genocide --on 2026-11-28"
    Then the exit code means it applies
    When I run "mla can-request --from Latvia --to Belgium --crime genocide --on 2026-11-28"
    Then the exit code means it does not apply

  Scenario: An unknown State is a usage error with suggestions
    When I run "mla can-request --from Lativa --to Netherlands --crime genocide"
    Then the exit code means a usage error
    And the error says "unknown requesting State: 'Lativa'"
    And the error says "Did you mean: Latvia (LVA)"

  Scenario: A State does not send a request to itself
    When I run "mla can-request --from LVA --to Latvia --crime genocide"
    Then the exit code means a usage error
    And the error says "both Latvia"

  Scenario: An impossible date is a usage error
    When I run "mla can-request --from LVA --to NLD --crime genocide --on 2026-02-30"
    Then the exit code means a usage error
    And the error says "not a real date"

  Scenario: An unknown crime is a usage error that says what is accepted
    When I run "mla can-request --from LVA --to NLD --crime piracy"
    Then the exit code means a usage error
    And the error says "unknown crime: 'piracy'"
    And the error says "mla crimes"

  Scenario: A State name made of Python code is refused and runs nothing
    When I run "mla can-request --from "__import__('os').system('touch pwned')" --to NLD --crime "__import__('os').system('touch pwned')""
    Then the exit code means a usage error
    And the error says "unknown requesting State"
    And no file "pwned" was created
