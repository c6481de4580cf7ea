Feature: Asking from the command line — names, exit codes and errors
  States are accepted as ISO 3166-1 codes and as English, French or Spanish names, case- and
  accent-insensitive, and by their common short and former names (Russia, Burma, Zaire); Kosovo
  as XK or XKX. A name is never guessed: one that two States share (Congo, Korea), a State that
  no longer exists (Yugoslavia) or a territory that is not a State (Antarctica) is refused with
  the States to ask about instead. Crimes by id, as "Annex F", or by name in English, French or
  Spanish. The exit code says the answer: 0 it applies, 1 it does not, 2 a usage error, 3 a data error in a
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

  Scenario: A name two States share is refused, and both are offered
    When I run "mla can-request --from Congo --to France --crime genocide"
    Then the exit code means a usage error
    And the error says "Congo: the Republic of the Congo (COG) or the Democratic Republic of the Congo (COD)?"
    And the error says "ask again with the code of the requesting State you mean (COG or COD)"
    When I run "mla can-request --from Latvia --to Korea --crime genocide"
    Then the exit code means a usage error
    And the error says "the Republic of Korea (KOR) or the Democratic People's Republic of Korea (PRK)?"

  Scenario Outline: A State's short, common or former name is the State
    When I run "mla can-request --from <name> --to France --crime genocide --on 2026-11-28 --format json"
    Then the JSON answer has requesting "<code>"

    Examples:
      | name                | code |
      | Russia              | RUS  |
      | "Holy See"          | VAT  |
      | Vatican             | VAT  |
      | Burma               | MMR  |
      | Swaziland           | SWZ  |
      | Zaire               | COD  |
      | "East Timor"        | TLS  |
      | "Ivory Coast"       | CIV  |
      | "Czech Republic"    | CZE  |
      | Turkey              | TUR  |
      | Macedonia           | MKD  |
      | "Cape Verde"        | CPV  |
      | Laos                | LAO  |
      | Syria               | SYR  |
      | Iran                | IRN  |
      | Moldova             | MDA  |
      | Tanzania            | TZA  |
      | Bolivia             | BOL  |
      | Venezuela           | VEN  |
      | Vietnam             | VNM  |
      | Brunei              | BRN  |
      | Micronesia          | FSM  |
      | UK                  | GBR  |
      | Britain             | GBR  |
      | "Great Britain"     | GBR  |
      | USA                 | USA  |
      | America             | USA  |
      | "United States"     | USA  |
      | "South Korea"       | KOR  |
      | "North Korea"       | PRK  |
      | "DR Congo"          | COD  |
      | DRC                 | COD  |
      | Congo-Brazzaville   | COG  |
      | Congo-Kinshasa      | COD  |
      | Palestine           | PSE  |

  Scenario Outline: A name is the State of exactly that name, never a State whose name contains it
    When I run "mla can-request --from <name> --to France --crime genocide --on 2026-11-28 --format json"
    Then the JSON answer has requesting "<code>"

    Examples:
      | name     | code |
      | Guinea   | GIN  |
      | Niger    | NER  |
      | Sudan    | SDN  |
      | Dominica | DMA  |
      | Samoa    | WSM  |

  Scenario: A State that no longer exists is refused with its successors
    When I run "mla can-request --from Czechoslovakia --to France --crime genocide"
    Then the exit code means a usage error
    And the error says "Czechoslovakia no longer exists: its successors are Czechia (CZE) and Slovakia (SVK). Ask about one of them."
    When I run "mla can-request --from Yugoslavia --to France --crime genocide"
    Then the exit code means a usage error
    And the error says "Yugoslavia no longer exists: its successors are Bosnia and Herzegovina (BIH), Croatia (HRV), North Macedonia (MKD), Montenegro (MNE), Serbia (SRB) and Slovenia (SVN)."
    When I run "mla can-request --from France --to USSR --crime genocide"
    Then the exit code means a usage error
    And the error says "The Soviet Union no longer exists"
    And the error says "Russian Federation (RUS)"
    When I run "mla status "East Germany""
    Then the exit code means a usage error
    And the error says "its successor is Germany (DEU)"

  Scenario: A territory that is not a State is refused, by name and by code
    When I run "mla can-request --from Antarctica --to France --crime genocide"
    Then the exit code means a usage error
    And the error says "Antarctica (ATA) is not a State"
    When I run "mla can-request --from France --to ATA --crime genocide"
    Then the exit code means a usage error
    And the error says "Antarctica (ATA) is not a State"
    When I run "mla can-request --from "Virgin Islands" --to France --crime genocide"
    Then the exit code means a usage error
    And the error says "the British Virgin Islands (VGB)"
    And the error says "the United States Virgin Islands (VIR)"

  Scenario: An entry of ISO 3166-1 that is not among the States the tool answers for is refused
    The tool answers for the members of the United Nations, the observer States (the Holy See,
    Palestine), Kosovo, the Cook Islands and Niue (facts/universe.json). Puerto Rico, Greenland,
    Hong Kong and the other ISO 3166-1 entries are not: no answer is given for them, by name or
    by code. The refusal states that scope only: it says nothing of the entry's status in law,
    which may be contested, nor of a State responsible for it that no source here names.
    When I run "mla legal-basis --from "Puerto Rico" --to France --crime torture"
    Then the exit code means a usage error
    And the error says "Puerto Rico (PRI) is not among the States this tool answers for: the members of the United Nations, the observer States and the others facts/universe.json names."
    And the error says "Ask about one of those States; `mla states --all` lists them."
    When I run "mla can-request --from Denmark --to GRL --crime genocide"
    Then the exit code means a usage error
    And the error says "Greenland (GRL) is not among the States this tool answers for"
    When I run "mla status "Hong Kong""
    Then the exit code means a usage error
    And the error says "Hong Kong (HKG) is not among the States this tool answers for"
    When I run "mla status Niue"
    Then the exit code is 0

  Scenario: The Republic of the Congo is never printed as plain "Congo"
    When I run "mla legal-basis --from COG --to France --crime genocide"
    Then the output says "from Republic of the Congo to France"

  Scenario: A letter that folds into a code does not reach that code's State
    When I run "mla can-request --from ß --to France --crime genocide"
    Then the exit code means a usage error
    And the error says "unknown requesting State: 'ß'"

  Scenario Outline: Crimes are named in English, French or Spanish, accents optional
    When I run "mla can-request --from LVA --to NLD --crime <crime> --on 2026-11-28 --format json"
    Then the JSON answer has crime "<id>"

    Examples:
      | crime                          | id                      |
      | génocide                       | genocide                |
      | genocidio                      | genocide                |
      | "le crime de génocide"         | genocide                |
      | "crimes contre l'humanité"     | crimes-against-humanity |
      | "crímenes de lesa humanidad"   | crimes-against-humanity |
      | "crimenes contra la humanidad" | crimes-against-humanity |
      | "crimes de guerre"             | war-crimes              |
      | "los crímenes de guerra"       | war-crimes              |
      | tortura                        | annex-f                 |
      | "disparition forcée"           | annex-g                 |
      | "desaparicion forzada"         | annex-g                 |
      | agression                      | annex-h                 |
      | "el crimen de agresión"        | annex-h                 |
      | "Annex F"                      | annex-f                 |
      | "annexe F"                     | annex-f                 |
      | "l'annexe G"                   | annex-g                 |
      | "anexo H"                      | annex-h                 |

  Scenario: A misspelt crime in Spanish is answered with a suggestion
    When I run "mla can-request --from LVA --to NLD --crime genocidoi"
    Then the exit code means a usage error
    And the error says "Did you mean: genocide (Genocide)?"

  Scenario: The list of States is in the order of their names, accents aside
    When I run "mla states --all"
    Then the output lists "Costa Rica", "Côte d'Ivoire" and "Croatia" in that order

  Scenario: The web service offers the States an ambiguous name stands for
    When the JSON API is asked "/api/can-request?from=Congo&to=FRA&crime=genocide"
    Then it answers 400 with the candidates "COG, COD"
    When the Ask page is opened at "/?from=Congo&to=FRA&crime=genocide"
    Then it answers 400 with a link to "/?from=COG&amp;to=FRA&amp;crime=genocide&amp;kind=mla"
    And it answers 400 with a link to "/?from=COD&amp;to=FRA&amp;crime=genocide&amp;kind=mla"
