Feature: The shipped record — what the depositary's record gives on 28 November 2026
  The record is as of 1 September 2025: Latvia is the only State with an instrument deposited
  (in force for it since 1 December 2025), the Netherlands applies Part III provisionally, the
  other signatories have only signed.

  Background:
    Given the shipped record

  @can-request @bound-party
  Scenario: Latvia and Belgium: no, Belgium has only signed
    When Latvia asks Belgium for mutual legal assistance about genocide on 28 November 2026
    Then the Convention does not apply
    And the explanation says "Belgium has deposited no instrument of ratification, acceptance, approval or accession"
    And the explanation says "The record is as of 2025-09-01"

  @bound-provisional @timing-recorded
  Scenario: Latvia and the Netherlands, mutual legal assistance: yes, under provisional application
    When Latvia asks the Netherlands for mutual legal assistance about genocide on 28 November 2026
    Then the Convention applies
    And the answer names "bound-provisional" as interpretation
    And the explanation says "Netherlands applies Part III of the Convention provisionally since 15 February 2024"

  Scenario: Latvia and the Netherlands, extradition: no
    When Latvia asks the Netherlands for extradition about genocide on 28 November 2026
    Then the Convention does not apply

  @art2-2-opt-in
  Scenario: The DRC opted in to every annex at signature, but is not a Party
    When Latvia asks the Democratic Republic of the Congo for mutual legal assistance about aggression on 28 November 2026
    Then the Convention does not apply
    And the explanation says "Democratic Republic of the Congo has deposited no instrument"

  Scenario: Practical notes follow a yes for the requested State
    When the Netherlands asks Latvia for mutual legal assistance about war crimes on 28 November 2026
    Then the Convention applies
    And the explanation says "requests to Latvia must be in Latvian"

  Scenario: Before Latvia's entry into force nothing applies
    When the Netherlands asks Latvia for mutual legal assistance about genocide on 30 November 2025
    Then the Convention does not apply
