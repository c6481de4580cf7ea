Feature: Articles 2 and 5 — which crimes, and reciprocity for the annex crimes
  Genocide, crimes against humanity and war crimes (Art. 5) are covered between any two bound
  States. The crimes of Annexes A to H are covered only between States that have both opted in
  to that annex by a declaration under Art. 2(2): reciprocity (the design of the Convention;
  its wording was not read, so the answer names it as unverified).

  Background:
    Given a world where nothing has happened yet
    And Latvia signed on 10 February 2025 and ratified on 28 August 2025
    And Latvia declared under Article 2(2) on 28 August 2025 that it applies the Convention to Annexes A, B, C, D, E, F and H
    And Kenya deposited its instrument of accession on 3 March 2026

  @art5-core-crimes @can-request @bound-party @kinds
  Scenario Outline: Art. 5 crimes need no declaration
    When Latvia asks Kenya for <kind> about <crime> on 1 August 2026
    Then the Convention applies
    And the explanation says "is a crime of Art. 5, covered by default"

    Examples:
      | kind                     | crime                   |
      | mutual legal assistance  | genocide                |
      | extradition              | crimes against humanity |
      | extradition              | war crimes              |

  @art2-2-reciprocity @art2-2-opt-in
  Scenario: An annex crime is not covered when the other State has not opted in
    When Latvia asks Kenya for mutual legal assistance about aggression on 1 August 2026
    Then the Convention does not apply
    And the explanation says "Kenya has made no declaration under Art. 2(2) for Annex H (aggression)"
    And the answer names "art2-2-reciprocity" as unverified

  @art2-2-reciprocity
  Scenario: Reciprocity works both ways
    When Kenya asks Latvia for mutual legal assistance about aggression on 1 August 2026
    Then the Convention does not apply
    And the explanation says "Kenya has made no declaration under Art. 2(2) for Annex H (aggression)"

  @art2-2-reciprocity @art2-2-opt-in
  Scenario: Once both have opted in to the annex, the annex crime is covered
    Given Kenya declared under Article 2(2) on 3 March 2026 that it applies the Convention to Annex H
    When Kenya asks Latvia for extradition about the crime of aggression on 1 August 2026
    Then the Convention applies
    And the explanation says "Kenya's opt-in to Annex H (aggression) is in effect on 1 August 2026"

  @art2-2-reciprocity
  Scenario: Opting in to another annex does not help
    Given Kenya declared under Article 2(2) on 3 March 2026 that it applies the Convention to Annex G
    When Latvia asks Kenya for mutual legal assistance about enforced disappearance on 1 August 2026
    Then the Convention does not apply
    And the explanation says "Latvia has made no declaration under Art. 2(2) for Annex G"
