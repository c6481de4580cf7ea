Feature: Denunciation — a State stops being bound once its denunciation takes effect
  By default a denunciation takes effect on the first day of the month following twelve months
  after the depositary receives it (a common clause in treaties of this family; unverified).

  Background:
    Given a world where nothing has happened yet
    And Latvia signed on 10 February 2025 and ratified on 28 August 2025
    And Slovenia signed on 14 February 2024 and ratified on 15 January 2025

  @denunciation-effect @timing-delay-denunciation @party-in-force
  Scenario: Requests are covered until the denunciation takes effect, and not after
    Given Slovenia notified its denunciation on 15 March 2027
    When Latvia asks Slovenia for extradition about genocide on 31 March 2028
    Then the Convention applies
    When Latvia asks Slovenia for extradition about genocide on 1 April 2028
    Then the Convention does not apply
    And the explanation says "Slovenia's denunciation has taken effect by 1 April 2028"
    And the answer names "denunciation-effect" as unverified

  @denunciation-effect
  Scenario: The denouncing State can no longer ask either
    Given Latvia notified its denunciation on 1 January 2027
    When Latvia asks Slovenia for mutual legal assistance about war crimes on 1 February 2028
    Then the Convention does not apply
    And the explanation says "Latvia is not a State Party bound by the Convention on 1 February 2028"
