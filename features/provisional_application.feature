Feature: Provisional application — a State applying a Part provisionally, by kind of request
  A State applying Part III (mutual legal assistance) provisionally is treated as bound for
  mutual legal assistance, and Part IV for extradition, from its date until it ends the
  provisional application. Whether provisional application creates relations with other States
  is an interpretation: every answer relying on it says so.

  Background:
    Given a world where nothing has happened yet
    And Latvia signed on 10 February 2025 and ratified on 28 August 2025
    And the Netherlands applies Part III provisionally from 15 February 2024

  @bound-provisional @provisional-application
  Scenario: Part III provisionally applied covers mutual legal assistance, flagged
    When Latvia asks the Netherlands for mutual legal assistance about genocide on 1 March 2026
    Then the Convention applies
    And the answer names "bound-provisional" as interpretation

  @bound-provisional
  Scenario: Part III provisionally applied does not cover extradition
    When Latvia asks the Netherlands for extradition about genocide on 1 March 2026
    Then the Convention does not apply
    And the explanation says "Netherlands does not apply the Part governing extradition provisionally"

  @bound-provisional @provisional-application
  Scenario: Part IV provisionally applied covers extradition
    Given the Netherlands applies Part IV provisionally from 1 June 2026
    When Latvia asks the Netherlands for extradition about war crimes on 1 June 2026
    Then the Convention applies

  @provisional-application-end
  Scenario: Ending provisional application ends the relation
    Given the Netherlands ended its provisional application of Part III on 1 March 2027
    When Latvia asks the Netherlands for mutual legal assistance about genocide on 28 February 2027
    Then the Convention applies
    When Latvia asks the Netherlands for mutual legal assistance about genocide on 1 March 2027
    Then the Convention does not apply
    And the explanation says "Netherlands ended its provisional application of Part III by 1 March 2027"

  @provisional-application-end
  Scenario: Ending provisional application without naming a Part ends every Part applied
    Given the Netherlands applies Part IV provisionally from 1 June 2026
    And the Netherlands ended its provisional application on 1 March 2027
    When Latvia asks the Netherlands for mutual legal assistance about genocide on 1 March 2027
    Then the Convention does not apply
    When Latvia asks the Netherlands for extradition about genocide on 1 March 2027
    Then the Convention does not apply
    And the explanation says "Netherlands ended its provisional application of Part IV by 1 March 2027"
