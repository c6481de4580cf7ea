Feature: Every legal basis between two States — the shipped record
  A legal adviser's real question is wider than the Convention: on which treaty can my
  ministry base a request to that State, for this crime, today? `mla legal-basis` lists every
  instrument of the catalogue: those that apply, the governing one first, with their article,
  nature and conditions; then why each of the others does not. Bilateral treaties and
  domestic law are not in the data, and every answer says so.

  Background:
    Given the shipped record

  @legal-basis @legal-basis-under @framework-applies @clause-coverage @between-parties @instrument-party @eif-in-force-for @eif-own-computed @eif-general-recorded @eif-recorded-in-force @natures
  Scenario: France asks Japan for assistance about torture: the Convention against Torture
    When France asks Japan for mutual legal assistance about torture on 28 November 2026, under any treaty
    Then the request has treaty basis
    And the Convention against Torture applies as a legal basis
    And the Ljubljana – The Hague Convention does not apply
    And the adviser is told "Art. 9(1) · legal basis"
    And the adviser is told "a request may also rest on a bilateral treaty"

  Scenario: Israel asks Germany for assistance about crimes against humanity: the European Convention on Mutual Assistance
    When Israel asks Germany for mutual legal assistance about crimes against humanity on 28 November 2026, under any treaty
    Then the request has treaty basis
    And the European Convention on Mutual Assistance (ETS 30) applies as a legal basis
    And the adviser is told "Torture and enforced disappearance committed as crimes against humanity are also covered"

  @displacement @eu-application
  Scenario: France asks Germany for extradition: the European arrest warrant displaces the European Convention on Extradition
    When France asks Germany for extradition about genocide on 28 November 2026, under any treaty
    Then the European arrest warrant (Framework Decision 2002/584/JHA) applies as a legal basis
    And the European arrest warrant (Framework Decision 2002/584/JHA) is not displaced
    And the European Convention on Extradition (ETS 24) is displaced by the European arrest warrant (Framework Decision 2002/584/JHA)
    And the Genocide Convention applies as an undertaking
    And the adviser is told "the European arrest warrant (Framework Decision 2002/584/JHA) (eu-arrest-warrant-2002) — governs"

  @between-hub @instrument-end
  Scenario: The United Kingdom after 2020: the EU–UK agreement, not the arrest warrant
    When France asks the United Kingdom for extradition about war crimes on 28 November 2026, under any treaty
    Then the EU–UK Trade and Cooperation Agreement, Part Three applies as a legal basis
    And the European arrest warrant (Framework Decision 2002/584/JHA) does not apply, because "United Kingdom's withdrawal took effect on 1 January 2021"
    And the European Convention on Extradition (ETS 24) is displaced by the EU–UK Trade and Cooperation Agreement, Part Three

  @convention-applies
  Scenario: Latvia and the Netherlands: the Convention is itself a legal basis
    When Latvia asks the Netherlands for mutual legal assistance about genocide on 28 November 2026, under any treaty
    Then the Ljubljana – The Hague Convention applies as a legal basis

  Scenario: The adviser is told when the list of parties shipped is incomplete
    When Latvia asks Japan for mutual legal assistance about aggression on 28 November 2026, under any treaty
    Then the request has no treaty basis
    And the adviser is told "not known to be a party (the shipped list of parties is incomplete"

  Scenario: An instrument shipped with no parties yet is listed as undecided, without a warning in every answer
    When Kenya asks Uganda for extradition about war crimes on 28 November 2026, under any treaty
    Then the Inter-American Convention on Extradition (B-47) could not be decided, because "0 parties recorded"
    And the adviser is told "The shipped list of parties to Additional Protocol I is incomplete"
    And the adviser is not told "The shipped list of parties to the Inter-American Convention on Extradition (B-47) is incomplete"

  Scenario: Where a State is missing from a partial list of parties, the instrument could not be decided
    When I run "mla legal-basis --from Kenya --to Uganda --crime war-crimes --kind extradition --on 2026-11-28 --format json"
    Then the exit code means it does not apply
    And the JSON answer has applies "false"
    And the JSON answer lists "protocol-i-1977" as undecided
    And the JSON answer does not list "genocide-1948" as undecided
    When I run "mla legal-basis --from Kenya --to Uganda --crime war-crimes --kind extradition --on 2026-11-28"
    Then the output says "NO treaty basis found — could not be decided: Additional Protocol I"
    And the output says "? Additional Protocol I (protocol-i-1977): could not be decided: Kenya is not known to be a party"

  Scenario: The command line answers with an exit code and JSON
    When I run "mla legal-basis --from France --to Japan --crime torture --on 2026-11-28 --format json"
    Then the exit code means it applies
    And the JSON answer has applies "true"
    And the JSON answer has crime "annex-f"
    When I run "mla legal-basis --from Latvia --to Japan --crime aggression --on 2026-11-28"
    Then the exit code means it does not apply
    When I run "mla legal-basis --from Latvia --to Atlantis --crime genocide"
    Then the exit code means a usage error
    And the error says "unknown requested State"

  Scenario: Outside the EU, and Denmark within it, the Investigation Order is decided, not left open
    When Kenya asks Spain for mutual legal assistance about genocide on 28 November 2026, under any treaty
    Then the European Investigation Order (Directive 2014/41/EU) does not apply, because "Kenya is not a Member State bound by it"
    When Denmark asks Spain for mutual legal assistance about genocide on 28 November 2026, under any treaty
    Then the European Investigation Order (Directive 2014/41/EU) does not apply, because "Denmark is not bound by it: it does not take part in the Directive"

  Scenario: An answer that rests on an unverified point says so in its first line
    When I run "mla can-request --from Latvia --to Netherlands --crime genocide --on 2026-11-28 --depth 0"
    Then the output says "This holds only if the 3 unverified points marked decisive below are true: if any is not, the answer is NO."
    When I run "mla legal-basis --from Latvia --to Netherlands --crime genocide --on 2026-11-28 --depth 0"
    Then the output says "Which instrument to cite rests on 3 unverified points marked decisive below: without any of them, the European Investigation Order (Directive 2014/41/EU) would govern."
    When I run "mla legal-basis --from France --to Germany --crime genocide --kind extradition --on 2026-11-28 --depth 0"
    Then the output does not say "unverified points"
