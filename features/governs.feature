Feature: The instrument to cite — which of the applying treaties governs
  An adviser reads the first line of a legal-basis answer and cites the instrument it names.
  That instrument is the one the law makes govern, not the first of a list: a displacing
  instrument over what it displaces; a general treaty on mutual assistance over the
  crime-specific convention that defers to it (CAT Art. 9(2)); an extradition treaty over a
  clause that serves only where none exists (CAT Art. 8(2)), the offence being deemed included
  in it (CAT Art. 8(1)). The other instruments are listed beside it, each with its role.

  Background:
    Given the shipped record

  @governs @governs-candidate @earlier-candidate @treaty-required-gives-way @deemed-included @extradition-treaty @extradition-treaty-between
  Scenario: Korea asks France to extradite a torturer: the European Convention on Extradition, with CAT Art. 8(1)
    When the Republic of Korea asks France for extradition about torture on 28 November 2026, under any treaty
    Then the request is to be based on the European Convention on Extradition (ETS 24)
    And the Convention against Torture is read into the European Convention on Extradition (ETS 24) by Art. 8(1)
    And the adviser is told "YES — base the request on the European Convention on Extradition (ETS 24), Art. 1"
    And the adviser is told "deemed included in the European Convention on Extradition (ETS 24)"

  @kept-instruments
  Scenario: Germany asks France to surrender a person for acts of 1990: France kept the 1957 Convention for acts before November 1993
    When Germany asks France for extradition about genocide on 1 June 2026, under any treaty, for acts committed on 1 May 1990
    Then the request is to be based on the European Convention on Extradition (ETS 24)
    And the European arrest warrant (Framework Decision 2002/584/JHA) is displaced by the European Convention on Extradition (ETS 24)
    When Germany asks France for extradition about genocide on 1 June 2026, under any treaty, for acts committed on 1 May 1995
    Then the request is to be based on the European arrest warrant (Framework Decision 2002/584/JHA)
    And the European Convention on Extradition (ETS 24) is displaced by the European arrest warrant (Framework Decision 2002/584/JHA)

  @acts-predate @in-force-by @general-treaty
  Scenario: Acts committed before the Convention against Torture bound Korea are a condition to check; the extradition treaty serves whatever their date
    When the Republic of Korea asks France for extradition about torture on 28 November 2026, under any treaty, for acts committed on 1 January 1990
    Then the request is to be based on the European Convention on Extradition (ETS 24)
    And the adviser is told "The acts (committed on 1990-01-01) predate its entry into force for South Korea (1995-02-08)"
    And the adviser is told "check whether this obligation reaches them"
    And the adviser is not told "predate its entry into force for France"
    And the adviser is not told "predate the instrument's entry into force"

  @general-before-specific
  Scenario: Ireland asks Spain for assistance about torture: the European Convention on Mutual Assistance governs, the Convention against Torture also applies
    When Ireland asks Spain for mutual legal assistance about torture on 28 November 2026, under any treaty
    Then the request is to be based on the European Convention on Mutual Assistance (ETS 30)
    And the Convention against Torture applies beside it
    And the Convention against Torture applies as a legal basis

  @displaced-here
  Scenario: The Netherlands asks Spain for assistance about genocide: the Investigation Order, not the 1959 Convention it displaces
    When the Netherlands asks Spain for mutual legal assistance about genocide on 28 November 2026, under any treaty
    Then the request is to be based on the European Investigation Order (Directive 2014/41/EU)
    And the European Convention on Mutual Assistance (ETS 30) is displaced by the European Investigation Order (Directive 2014/41/EU)

  @supplement-applies
  Scenario: The United Kingdom asks France for assistance after Brexit: the 1959 Convention, supplemented by the EU–UK agreement
    When the United Kingdom asks France for mutual legal assistance about genocide on 28 November 2026, under any treaty
    Then the request is to be based on the European Convention on Mutual Assistance (ETS 30)
    And the EU–UK Trade and Cooperation Agreement, Part Three supplements the European Convention on Mutual Assistance (ETS 30), not a basis of its own

  @deemed-included-earlier
  Scenario: France asks Spain to surrender a person for an enforced disappearance: the arrest warrant, the offence deemed included by ICPPED Art. 13(2)
    When France asks Spain for extradition about enforced disappearance on 28 November 2026, under any treaty
    Then the request is to be based on the European arrest warrant (Framework Decision 2002/584/JHA)
    And the Enforced Disappearance Convention is read into the European arrest warrant (Framework Decision 2002/584/JHA) by Art. 13(2)

  Scenario: Beside the Ljubljana – The Hague Convention, which governs is unverified, and the answer says so
    When Latvia asks the Netherlands for mutual legal assistance about genocide on 28 November 2026, under any treaty
    Then the request is to be based on the Ljubljana – The Hague Convention
    And the European Investigation Order (Directive 2014/41/EU) applies beside it
    And the adviser is told "Which governs between the Ljubljana – The Hague Convention and the European Investigation Order (Directive 2014/41/EU) is unverified"

  Scenario: Without a treaty basis, no instrument governs
    When Latvia asks Japan for mutual legal assistance about aggression on 28 November 2026, under any treaty
    Then the request has no treaty basis
    And no instrument governs the request

  Scenario: A case-management system reads the instrument to cite and each one's role
    When I run "mla legal-basis --from KOR --to FRA --crime torture --kind extradition --on 2026-11-28 --format json"
    Then the exit code means it applies
    And the JSON answer has governs "coe-extradition-1957"

  Scenario: The United Kingdom asks Germany to surrender a war criminal in February 2021: the EU–UK agreement, applied provisionally
    When the United Kingdom asks Germany for extradition about war crimes on 15 February 2021, under any treaty
    Then the request is to be based on the EU–UK Trade and Cooperation Agreement, Part Three
    And the adviser is told "YES — base the request on the EU–UK Trade and Cooperation Agreement, Part Three, Title VII (surrender)"
    And the European Convention on Extradition (ETS 24) is displaced by the EU–UK Trade and Cooperation Agreement, Part Three
    And the adviser is told "Germany's declaration (undated): UNVERIFIED (secondary source, no date): notification under Art. 603(2) [LAW.SURR.83(2)] that it will not surrender its own nationals"

  @reservation-withdrawn @objection-effect
  Scenario: The Netherlands and Spain under the Genocide Convention: Spain's withdrawn reservation ends the Dutch objection
    When the Netherlands asks Spain for extradition about genocide on 28 November 2026, under any treaty
    Then the Genocide Convention applies as an undertaking
    And the adviser is told "Spain withdrew its reservation on 2009-09-24"
    When the Netherlands asks Spain for extradition about genocide on 1 January 2009, under any treaty
    Then the Genocide Convention does not apply, because "an objection of Netherlands of 27 December 1989 precludes it"

  Scenario: The conditions an adviser must check come with the instrument to cite
    When France asks Germany for extradition about genocide on 28 November 2026, under any treaty
    Then the request is to be based on the European arrest warrant (Framework Decision 2002/584/JHA)
    And the adviser is told "committed outside the issuing State and its own law does not allow prosecution of such offences committed outside its territory"
    When France asks the United Kingdom for extradition about war crimes on 28 November 2026, under any treaty
    Then the request is to be based on the EU–UK Trade and Cooperation Agreement, Part Three
    And the adviser is told "double criminality (Art. 599), waived for the listed offences only between States that notified so under Art. 599(4)"
    And the adviser is told "the political-offence exception (Art. 602)"
