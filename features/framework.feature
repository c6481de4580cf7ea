Feature: The instruments beside the Convention, one by one
  Each instrument of the catalogue enters into force by its own clause, covers its own kinds
  of request and crimes, with a clause of its own nature — a legal basis, a legal basis where
  the requested State requires a treaty, or an undertaking — and may displace another between
  the States bound by both. These worlds start with no State party to any of them.

  Background:
    Given a world where no State has joined the other instruments

  @eif-own-computed @eif-in-force-for @eif-general-recorded
  Scenario: The Convention against Torture, on each side of its entry into force for Japan
    Given France deposited its instrument of ratification of the Convention against Torture on 18 February 1986
    And Japan deposited its instrument of accession to the Convention against Torture on 29 June 1999
    When France asks Japan for mutual legal assistance about torture on 28 July 1999, under any treaty
    Then the Convention against Torture does not apply, because "not yet in force for Japan (from 29 July 1999)"
    When France asks Japan for mutual legal assistance about torture on 29 July 1999, under any treaty
    Then the Convention against Torture applies as a legal basis

  Scenario: The Convention against Torture is a legal basis for extradition only where the requested State requires a treaty
    Given France deposited its instrument of ratification of the Convention against Torture on 18 February 1986
    And Japan deposited its instrument of accession to the Convention against Torture on 29 June 1999
    When Japan asks France for extradition about torture on 1 January 2026, under any treaty
    Then the Convention against Torture applies as a legal basis where a treaty is required
    And the adviser is told "Only where the requested State makes extradition conditional on a treaty"

  @eif-general-threshold
  Scenario: Without the depositary's date, an instrument enters into force after its threshold
    Given the depositary's date of general entry into force of Additional Protocol I is not known
    And Ghana deposited its instrument of ratification of Additional Protocol I on 7 June 1978
    And Libya deposited its instrument of accession to Additional Protocol I on 7 June 1978
    When Ghana asks Libya for mutual legal assistance about war crimes on 6 December 1978, under any treaty
    Then Additional Protocol I does not apply
    When Ghana asks Libya for mutual legal assistance about war crimes on 7 December 1978, under any treaty
    Then Additional Protocol I applies as a legal basis
    And the adviser is told "grave breach"

  @eif-own-recorded
  Scenario: The date of entry into force the depositary records for a State governs
    Given Bosnia and Herzegovina deposited its instrument of succession to the Geneva Conventions on 31 December 1992, in force for it on 6 March 1992
    And Croatia deposited its instrument of succession to the Geneva Conventions on 11 May 1992, in force for it on 8 October 1991
    When Croatia asks Bosnia and Herzegovina for extradition about war crimes on 1 April 1992, under any treaty
    Then the Geneva Conventions applies as an undertaking
    And the request has no treaty basis
    And the adviser is told "prima facie case"

  @eif-own-succession
  Scenario: A succession the depositary dates only by its notification binds the State from that notification, not after the delay
    Given France deposited its instrument of ratification of the Genocide Convention on 14 October 1950
    And Montenegro deposited its instrument of succession to the Genocide Convention on 23 October 2006
    When France asks Montenegro for extradition about genocide on 23 October 2006, under any treaty
    Then the Genocide Convention applies as an undertaking

  @eif-no-later-than
  Scenario: A State a source shows bound only "no later than" a date is bound from then; before, it could not be decided
    Given France deposited its instrument of ratification of the Geneva Conventions on 28 June 1951
    And a source shows South Sudan bound by the Geneva Conventions no later than 19 July 2012
    When France asks South Sudan for extradition about war crimes on 1 January 2013, under any treaty
    Then the Geneva Conventions applies as an undertaking
    And the adviser is told "South Sudan no later than 19 July 2012"
    When France asks South Sudan for extradition about war crimes on 1 January 2012, under any treaty
    Then the Geneva Conventions could not be decided, because "a source shows South Sudan bound no later than 19 July 2012, not since when"
    And the adviser is told "could not be decided: the Geneva Conventions"

  @instrument-end @instrument-bound-again
  Scenario: A Member State that ceased to apply the arrest warrant is bound again from its new date of application
    Given Spain applies the European arrest warrant (Framework Decision 2002/584/JHA) from 1 January 2004
    And Germany applies the European arrest warrant (Framework Decision 2002/584/JHA) from 23 August 2004
    And Germany ceased to apply the European arrest warrant (Framework Decision 2002/584/JHA) from 18 July 2005
    And Germany applies the European arrest warrant (Framework Decision 2002/584/JHA) from 2 August 2006
    When Spain asks Germany for extradition about genocide on 1 October 2005, under any treaty
    Then the European arrest warrant (Framework Decision 2002/584/JHA) does not apply, because "Germany's end of application took effect on 18 July 2005"
    When Spain asks Germany for extradition about genocide on 1 January 2007, under any treaty
    Then the European arrest warrant (Framework Decision 2002/584/JHA) applies as a legal basis
    And the adviser is told "Germany from 2 August 2006"

  @objection-effect @objection-either-way
  Scenario: An objection precludes the Genocide Convention between the objecting and the reserving State
    Given the Netherlands deposited its instrument of accession to the Genocide Convention on 20 June 1966
    And the United States deposited its instrument of ratification of the Genocide Convention on 25 November 1988
    And the Netherlands objected on 27 December 1989 that the Genocide Convention is not in force between it and the United States
    When the United States asks the Netherlands for extradition about genocide on 1 December 1989, under any treaty
    Then the Genocide Convention applies as an undertaking
    When the United States asks the Netherlands for extradition about genocide on 1 January 1990, under any treaty
    Then the Genocide Convention does not apply, because "precludes it between Netherlands and United States"

  @objection-lifted
  Scenario: A lifted objection no longer precludes the Convention, from the lifting on
    Given the Netherlands deposited its instrument of accession to the Genocide Convention on 20 June 1966
    And the United States deposited its instrument of ratification of the Genocide Convention on 25 November 1988
    And the Netherlands objected on 27 December 1989 that the Genocide Convention is not in force between it and the United States
    And the Netherlands lifted on 1 March 1995 its objection regarding the United States under the Genocide Convention
    When the United States asks the Netherlands for extradition about genocide on 28 February 1995, under any treaty
    Then the Genocide Convention does not apply
    When the United States asks the Netherlands for extradition about genocide on 1 January 2020, under any treaty
    Then the Genocide Convention applies as an undertaking
    And the adviser is told "and lifted the objection on 1995-03-01"

  @legal-basis
  Scenario: An undertaking alone is no legal basis
    Given Rwanda deposited its instrument of accession to the Genocide Convention on 16 April 1975
    And Burundi deposited its instrument of accession to the Genocide Convention on 6 January 1997
    When Rwanda asks Burundi for extradition about genocide on 1 January 2026, under any treaty
    Then the Genocide Convention applies as an undertaking
    And the request has no treaty basis

  Scenario: The Enforced Disappearance Convention: assistance, and extradition where a treaty is required
    Given Argentina deposited its instrument of ratification of the Enforced Disappearance Convention on 14 December 2007
    And France deposited its instrument of ratification of the Enforced Disappearance Convention on 23 September 2008
    When Argentina asks France for mutual legal assistance about enforced disappearance on 1 January 2026, under any treaty
    Then the Enforced Disappearance Convention applies as a legal basis
    When Argentina asks France for extradition about enforced disappearance on 1 January 2026, under any treaty
    Then the Enforced Disappearance Convention applies as a legal basis where a treaty is required
    When Argentina asks France for mutual legal assistance about torture on 1 January 2026, under any treaty
    Then the Enforced Disappearance Convention does not apply, because "it does not cover Annex F (Torture)"

  Scenario: The European Convention on Extradition does not cover assistance
    Given Israel deposited its instrument of accession to the European Convention on Extradition (ETS 24) on 27 September 1967
    And Germany deposited its instrument of ratification of the European Convention on Extradition (ETS 24) on 2 October 1976
    When Israel asks Germany for extradition about crimes against humanity on 1 January 2026, under any treaty
    Then the European Convention on Extradition (ETS 24) applies as a legal basis
    And the adviser is told "not for crimes against humanity"
    When Israel asks Germany for mutual legal assistance about crimes against humanity on 1 January 2026, under any treaty
    Then the European Convention on Extradition (ETS 24) does not apply, because "it does not cover mutual legal assistance"

  Scenario: The European Convention on Mutual Assistance
    Given Chile deposited its instrument of accession to the European Convention on Mutual Assistance (ETS 30) on 30 May 2011, in force for it on 28 August 2011
    And Italy deposited its instrument of ratification of the European Convention on Mutual Assistance (ETS 30) on 23 August 1961
    When Chile asks Italy for mutual legal assistance about war crimes on 27 August 2011, under any treaty
    Then the European Convention on Mutual Assistance (ETS 30) does not apply
    When Chile asks Italy for mutual legal assistance about war crimes on 28 August 2011, under any treaty
    Then the European Convention on Mutual Assistance (ETS 30) applies as a legal basis

  Scenario: The Inter-American conventions on mutual assistance, extradition and forced disappearance
    Given Argentina deposited its instrument of ratification of the Inter-American Convention on Mutual Assistance (A-55) on 1 March 2005
    And Chile deposited its instrument of ratification of the Inter-American Convention on Mutual Assistance (A-55) on 1 March 2004
    And Argentina deposited its instrument of ratification of the Inter-American Convention on Extradition (B-47) on 1 March 2005
    And Chile deposited its instrument of ratification of the Inter-American Convention on Extradition (B-47) on 1 March 2004
    And Argentina deposited its instrument of ratification of the Inter-American Convention on Forced Disappearance (A-60) on 1 March 2005
    And Chile deposited its instrument of ratification of the Inter-American Convention on Forced Disappearance (A-60) on 1 March 2004
    When Argentina asks Chile for mutual legal assistance about crimes against humanity on 1 January 2026, under any treaty
    Then the Inter-American Convention on Mutual Assistance (A-55) applies as a legal basis
    When Argentina asks Chile for extradition about enforced disappearance on 1 January 2026, under any treaty
    Then the Inter-American Convention on Extradition (B-47) applies as a legal basis
    And the Inter-American Convention on Forced Disappearance (A-60) is read into the Inter-American Convention on Extradition (B-47) by Art. V

  Scenario: Without an extradition treaty between them, the forced disappearance convention's own clause serves
    Given Argentina deposited its instrument of ratification of the Inter-American Convention on Forced Disappearance (A-60) on 1 March 2005
    And Chile deposited its instrument of ratification of the Inter-American Convention on Forced Disappearance (A-60) on 1 March 2004
    When Argentina asks Chile for extradition about enforced disappearance on 1 January 2026, under any treaty
    Then the Inter-American Convention on Forced Disappearance (A-60) applies as a legal basis where a treaty is required
    And the request is to be based on the Inter-American Convention on Forced Disappearance (A-60)

  @displacement @eu-application
  Scenario: The European Investigation Order displaces the European Convention on Mutual Assistance from each State's date of application
    Given Austria deposited its instrument of ratification of the European Convention on Mutual Assistance (ETS 30) on 2 October 1968
    And Belgium deposited its instrument of ratification of the European Convention on Mutual Assistance (ETS 30) on 13 August 1975
    And Belgium applies the European Investigation Order (Directive 2014/41/EU) from 22 May 2017
    And Austria applies the European Investigation Order (Directive 2014/41/EU) from 1 July 2018
    When Belgium asks Austria for mutual legal assistance about genocide on 30 June 2018, under any treaty
    Then the European Convention on Mutual Assistance (ETS 30) is not displaced
    When Belgium asks Austria for mutual legal assistance about genocide on 1 July 2018, under any treaty
    Then the European Convention on Mutual Assistance (ETS 30) is displaced by the European Investigation Order (Directive 2014/41/EU)

  @transitional-declaration @displacement
  Scenario: France keeps the old instruments, as requested State, for acts committed before 1 November 1993
    Given France deposited its instrument of ratification of the European Convention on Extradition (ETS 24) on 10 February 1986
    And Germany deposited its instrument of ratification of the European Convention on Extradition (ETS 24) on 2 October 1976
    And France applies the European arrest warrant (Framework Decision 2002/584/JHA) from 1 January 2004
    And Germany applies the European arrest warrant (Framework Decision 2002/584/JHA) from 2 August 2006
    And France declared that it keeps the instruments the European arrest warrant (Framework Decision 2002/584/JHA) replaced for acts committed before 1 November 1993
    When Germany asks France for extradition about genocide on 1 June 2026, under any treaty
    Then the European Convention on Extradition (ETS 24) is displaced by the European arrest warrant (Framework Decision 2002/584/JHA)
    And the adviser is told "If the acts were committed before 1993-11-01"
    When Germany asks France for extradition about genocide on 1 June 2026, under any treaty, for acts committed on 1 May 1990
    Then the European Convention on Extradition (ETS 24) is not displaced
    When Germany asks France for extradition about genocide on 1 June 2026, under any treaty, for acts committed on 1 May 1995
    Then the European Convention on Extradition (ETS 24) is displaced by the European arrest warrant (Framework Decision 2002/584/JHA)

  @instrument-end @between-hub
  Scenario: The arrest warrant ends with the United Kingdom's withdrawal; the EU–UK agreement takes over
    Given France applies the European arrest warrant (Framework Decision 2002/584/JHA) from 1 January 2004
    And the United Kingdom applies the European arrest warrant (Framework Decision 2002/584/JHA) from 1 January 2004
    And the United Kingdom withdrew from the European arrest warrant (Framework Decision 2002/584/JHA) with effect from 1 January 2021
    And the United Kingdom applies the EU–UK Trade and Cooperation Agreement, Part Three from 1 January 2021
    And France applies the EU–UK Trade and Cooperation Agreement, Part Three from 1 January 2021
    When France asks the United Kingdom for extradition about war crimes on 31 December 2020, under any treaty
    Then the European arrest warrant (Framework Decision 2002/584/JHA) applies as a legal basis
    And the EU–UK Trade and Cooperation Agreement, Part Three does not apply
    When France asks the United Kingdom for extradition about war crimes on 1 January 2021, under any treaty
    Then the European arrest warrant (Framework Decision 2002/584/JHA) does not apply, because "United Kingdom's withdrawal took effect on 1 January 2021"
    And the EU–UK Trade and Cooperation Agreement, Part Three applies as a legal basis

  @between-hub
  Scenario: The EU–Iceland/Norway agreement binds Iceland or Norway and each Member State, not the two of them
    Given Norway applies the EU–Iceland/Norway surrender agreement from 1 November 2019
    And Iceland applies the EU–Iceland/Norway surrender agreement from 1 November 2019
    And Sweden applies the EU–Iceland/Norway surrender agreement from 1 November 2019
    When Norway asks Sweden for extradition about genocide on 1 January 2026, under any treaty
    Then the EU–Iceland/Norway surrender agreement applies as a legal basis
    When Norway asks Iceland for extradition about genocide on 1 January 2026, under any treaty
    Then the EU–Iceland/Norway surrender agreement does not apply, because "it applies only between Iceland or Norway and the other parties"

  @eif-recorded-in-force
  Scenario: A source that gives only the date of entry into force for a State
    Given a source records the Convention against Torture in force for Japan from 29 July 1999
    And France deposited its instrument of ratification of the Convention against Torture on 18 February 1986
    When France asks Japan for mutual legal assistance about torture on 1 January 2026, under any treaty
    Then the Convention against Torture applies as a legal basis
