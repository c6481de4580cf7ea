Feature: Article 2(2) — when an opt-in and its withdrawal take effect
  An opt-in takes effect at the later of the Convention's entry into force for the State and
  the first day of the month following three months after the declaration; a withdrawal on the
  first day of the month following three months after it is notified. Both delays are
  unverified parameters.

  Background:
    Given a world where nothing has happened yet
    And Latvia signed on 10 February 2025 and ratified on 28 August 2025
    And Latvia declared under Article 2(2) on 28 August 2025 that it applies the Convention to Annex H
    And Slovenia signed on 14 February 2024 and ratified on 15 January 2025

  @art2-2-opt-in @timing-delay-declarations
  Scenario: A declaration made with the ratification takes effect with the entry into force
    Given Slovenia declared under Article 2(2) on 15 January 2025 that it applies the Convention to Annex H
    When Latvia asks Slovenia for extradition about aggression on 30 November 2025
    Then the Convention does not apply
    When Latvia asks Slovenia for extradition about aggression on 1 December 2025
    Then the Convention applies

  @art2-2-opt-in @timing-delay-declarations
  Scenario: A later declaration takes effect on the first day of the fourth month
    Given Slovenia declared under Article 2(2) on 15 March 2026 that it applies the Convention to Annex H
    When Latvia asks Slovenia for extradition about aggression on 30 June 2026
    Then the Convention does not apply
    And the explanation says "The declaration of Slovenia notified on 15 March 2026 takes effect on 1 July 2026"
    When Latvia asks Slovenia for extradition about aggression on 1 July 2026
    Then the Convention applies

  @art2-2-withdrawal
  Scenario: A withdrawn opt-in stops covering the annex crime three months later
    Given Slovenia declared under Article 2(2) on 15 January 2025 that it applies the Convention to Annex H
    And Latvia withdrew its Article 2(2) declaration for Annex H on 10 January 2026
    When Slovenia asks Latvia for mutual legal assistance about aggression on 30 April 2026
    Then the Convention applies
    When Slovenia asks Latvia for mutual legal assistance about aggression on 1 May 2026
    Then the Convention does not apply
    And the explanation says "Latvia's opt-in to Annex H (aggression) was withdrawn with effect by 1 May 2026"

  @art2-2-withdrawal @art2-2-opt-in
  Scenario: A State may opt in again after a withdrawal
    Given Slovenia declared under Article 2(2) on 15 January 2025 that it applies the Convention to Annex H
    And Latvia withdrew its Article 2(2) declaration for Annex H on 10 January 2026
    And Latvia declared under Article 2(2) on 2 June 2026 that it applies the Convention to Annex H
    When Slovenia asks Latvia for mutual legal assistance about aggression on 1 August 2026
    Then the Convention does not apply
    When Slovenia asks Latvia for mutual legal assistance about aggression on 1 October 2026
    Then the Convention applies
