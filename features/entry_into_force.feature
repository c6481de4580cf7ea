Feature: Article 90 — when the Convention enters into force, generally and for each State
  The Convention enters into force on the first day of the month following the expiry of three
  months after the deposit of the instrument that reaches the threshold (one instrument, per
  the depositary's record of Latvia: unverified). For a State depositing later, it enters into
  force on the first day of the month following three months after its own deposit. A deposit
  in month M therefore gives the first day of month M+4, whatever the day of the deposit.

  Background:
    Given a world where nothing has happened yet
    And Slovenia signed on 14 February 2024 and ratified on 15 January 2025
    And Latvia signed the Convention on 10 February 2025

  @art90-own-date @timing-computed @art90-in-force-for @party-in-force
  Scenario Outline: A State is bound from the first day of the fourth month after its deposit
    Given Latvia deposited its instrument of ratification on <deposit>
    When Slovenia asks Latvia for mutual legal assistance about genocide on <day before>
    Then the Convention does not apply
    And the explanation says "Latvia's instrument takes effect on <in force>"
    When Slovenia asks Latvia for mutual legal assistance about genocide on <in force>
    Then the Convention applies

    Examples:
      | deposit          | day before       | in force        |
      | 28 August 2025   | 30 November 2025 | 1 December 2025 |
      | 1 August 2025    | 30 November 2025 | 1 December 2025 |
      | 31 October 2025  | 31 January 2026  | 1 February 2026 |
      | 10 December 2025 | 31 March 2026    | 1 April 2026    |

  @art90-general
  Scenario: The first instrument brings the Convention into force generally
    Given Latvia deposited its instrument of ratification on 28 August 2025
    When Slovenia asks Latvia for mutual legal assistance about genocide on 1 December 2025
    Then the Convention applies
    And the explanation says "The Convention entered into force generally on 1 May 2025"
    And the answer names "art90-general" as unverified

  @art90-general
  Scenario: If fifteen instruments are needed, two ratifications bring nothing into force
    Given the Convention needs 15 instruments to enter into force
    And Latvia deposited its instrument of ratification on 28 August 2025
    When Slovenia asks Latvia for extradition about war crimes on 1 June 2026
    Then the Convention does not apply
    And the explanation says "The Convention has not entered into force generally"

  @art90-in-force-for @art90-general
  Scenario: A State that deposits early waits for the general entry into force
    Given the Convention needs 2 instruments to enter into force
    And Latvia deposited its instrument of ratification on 28 August 2025
    When Slovenia asks Latvia for mutual legal assistance about genocide on 30 November 2025
    Then the Convention does not apply
    When Slovenia asks Latvia for mutual legal assistance about genocide on 1 December 2025
    Then the Convention applies
    And the explanation says "The Convention is in force for Slovenia from 1 December 2025"

  @timing-recorded
  Scenario: A date of effect recorded by the depositary governs over the computed one
    Given Latvia deposited its instrument of ratification on 28 August 2025
    And the depositary recorded that the ratification of Latvia of 28 August 2025 took effect on 1 January 2026
    When Slovenia asks Latvia for mutual legal assistance about genocide on 15 December 2025
    Then the Convention does not apply
    And the explanation says "The depositary records that the ratification of Latvia of 28 August 2025 took effect on 1 January 2026"

  @timing-delay-instruments
  Scenario: Accession counts like ratification
    Given Kenya deposited its instrument of accession on 3 March 2026
    When Kenya asks Slovenia for extradition about genocide on 1 July 2026
    Then the Convention applies
    And the explanation says "Kenya deposited its instrument of accession on 3 March 2026"
