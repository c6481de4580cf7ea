Feature: Refreshing the record from the depositaries' files — `mla facts import`
  A maintainer refreshes an instrument's parties with the file its depositary publishes (the
  UN Treaty Collection's status XML, OHCHR's Excel export) or with a listing typed from
  another source. The import reads the whole file, checks every row, and writes nothing unless
  everything is right; what it writes, it writes whole. Where two sources disagree, the
  depositary's word governs and the disagreement is shown. Whether an objection stops a treaty
  between two States is a legal judgment: the import proposes it, a person records it.

  Background:
    Given a copy of the shipped facts called "my-facts"

  Scenario: A refresh from the UN Treaty Collection's status file
    When I run "mla facts import un-genocide.xml --facts my-facts"
    Then the exit code is 0
    And the output says "genocide-1948: listing updated"
    And the output says "damaged characters read as U+201C"
    And the listing of "genocide-1948" in "my-facts" cites "untc-IV-1 https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-1"
    And the listing of "genocide-1948" in "my-facts" says "# checksum: untc-IV-1 sha256:"
    And the parties of "genocide-1948" in "my-facts" record "ESP,reservation-withdrawal,2009-09-24"
    And the parties of "genocide-1948" in "my-facts" record "MNE,succession,2006-10-23"
    When I run "mla facts check my-facts"
    Then the exit code is 0

  Scenario: An unknown marker in the UN's file fails the import and changes nothing
    Given the UN's file "un-genocide.xml" gives Spain's accession as "13 Sep 1968 x"
    When I run "mla facts import un-genocide.xml --facts my-facts"
    Then the exit code means a data error
    And the error says "unknown marker 'x'"
    And the files of "my-facts" are byte for byte as they were

  Scenario: OHCHR's export: deposits of unknown type, the UN's dates governing over a secondary source
    When I run "mla facts import ohchr-torture.xls --instrument torture-1984 --facts my-facts"
    Then the exit code is 0
    And the output says "States with a deposit of unknown type (the source does not say ratification, accession or succession): FRA, JPN"
    And the output says "LVA deposit: deposit 1992-04-14 [ohchr] governs over accession 1992-05-14 [stopvaw-lv] (official over secondary)"
    When I run "mla facts check my-facts"
    Then the exit code is 0
    And the error says "LVA deposit: deposit 1992-04-14 [ohchr] governs over accession 1992-05-14"

  Scenario Outline: A broken listing leaves the facts byte for byte as they were, and says what is wrong
    Given the maintainer adds this row to the listing of "torture-1984" in "my-facts":
      """
      <row>
      """
    When I run "mla facts import my-facts/listings/torture-1984.tsv --facts my-facts"
    Then the exit code means a data error
    And the error says "<problem>"
    And the files of "my-facts" are byte for byte as they were, but the listing

    Examples:
      | row                                         | problem                                                  |
      | Chile\tratification\t1988-09-3O\t\t\t\t     | date '1988-09-3O' is not a real date written YYYY-MM-DD  |
      | Chile\tratification\t1988-02-30\t\t\t\t     | date '1988-02-30' is not a real date written YYYY-MM-DD  |
      | Chile\tratifcation\t1988-09-30\t\t\t\t      | unknown action 'ratifcation'                             |
      | Chilee\tratification\t1988-09-30\t\t\t\t    | unknown State: 'Chilee'; add the spelling to facts/listings/names.yaml |
      | Chile\tratification\t\t\t\t\t               | the ratification has no date                             |
      | Espagne\tratification\t1987-10-21\t\t\tspt-esp\t | a second ratification by ESP (1987-10-21) after the ratification |
      | France\tobjection-precluding\t1990-01-01\t\t\t\t | an objection-precluding must name the other State in `other` |

  Scenario: Every bad row is listed at once
    Given the maintainer adds this row to the listing of "torture-1984" in "my-facts":
      """
      Chile\tratifcation\t1988-09-30\t\t\t\t
      Chilee\tratification\t1988-09-30\t\t\t\t
      """
    When I run "mla facts import my-facts/listings/torture-1984.tsv --facts my-facts"
    Then the exit code means a data error
    And the error says "2 rows cannot be imported; nothing was written"

  Scenario: The maintainer may import the good rows and have the bad ones listed
    Given the maintainer adds this row to the listing of "torture-1984" in "my-facts":
      """
      Chilee\tratification\t1988-09-30\t\t\t\t
      """
    When I run "mla facts import my-facts/listings/torture-1984.tsv --facts my-facts --skip-invalid"
    Then the exit code is 0
    And the output says "1 invalid rows skipped (--skip-invalid)"
    And the output says "(Chilee): unknown State: 'Chilee'"

  Scenario: A listing none of whose names can be mapped is refused
    Given a listing "lost.tsv" of "torture-1984" whose every State is unknown
    When I run "mla facts import lost.tsv --facts my-facts"
    Then the exit code means a data error
    And the error says "the listing maps no row at all"
    And the files of "my-facts" are byte for byte as they were

  Scenario: A declaration without a date is recorded as undated, not dropped
    Given the maintainer adds this row to the listing of "torture-1984" in "my-facts":
      """
      Chile\tdeclaration\t\t\t\t\tArt. 30(2): a declaration the source does not date
      """
    When I run "mla facts import my-facts/listings/torture-1984.tsv --facts my-facts"
    Then the exit code is 0
    And the parties of "torture-1984" in "my-facts" record "CHL,declaration,,"
    And the output does not say "notes kept as text in the listing"

  Scenario: A second period of application after an end is not a duplicate; without the end it is
    Given the maintainer adds this row to the listing of "eu-arrest-warrant-2002" in "my-facts":
      """
      Italy\tapplication\t2006-01-01\t\t\tcoe-ets024-ita\ta second period, in this test only
      """
    When I run "mla facts import my-facts/listings/eu-arrest-warrant-2002.tsv --facts my-facts"
    Then the exit code means a data error
    And the error says "a second application by ITA (2006-01-01) after the application"
    Given the maintainer adds this row to the listing of "eu-arrest-warrant-2002" in "my-facts":
      """
      Italy\tapplication-end\t2005-12-31\t\t\tcoe-ets024-ita\tan end, in this test only
      """
    When I run "mla facts import my-facts/listings/eu-arrest-warrant-2002.tsv --facts my-facts"
    Then the exit code is 0

  Scenario: A parties file that is a symbolic link is never written through
    Given the parties file of "torture-1984" in "my-facts" is a symbolic link
    When I run "mla facts import my-facts/listings/torture-1984.tsv --facts my-facts"
    Then the exit code means a data error
    And the error says "is a symbolic link; refusing to write through it"

  Scenario: A tampered index whose digest still matches is caught
    Given the index of "my-facts" is edited to say that Latvia joined the European Convention on Mutual Assistance in 1990
    When I run "mla facts check my-facts"
    Then the exit code means a data error
    And the output says "does not say what the files say"
    And the output says "its digest matches the files"

  Scenario: The effect of an objection is the one a person recorded
    Given the reviewed objections of "my-facts" say:
      """
      objections:
        - instrument: genocide-1948
          objector: Netherlands
          reserving: United States of America
          date: 1989-12-27
          effect: precluding
          words: does not consider the United States of America a party to the Convention
          source: untc-IV-1
        - instrument: genocide-1948
          objector: Mexico
          reserving: United States of America
          date: 1990-06-04
          effect: not-precluding
          words: should not be interpreted as preventing the entry into force
          source: untc-IV-1
      """
    When I run "mla facts import un-genocide.xml --facts my-facts"
    Then the exit code is 0
    And the parties of "genocide-1948" in "my-facts" record "NLD,objection-precluding,1989-12-27,,USA"
    And the parties of "genocide-1948" in "my-facts" do not record "MEX,objection-precluding"
    And the output does not say "MEX 1990-06-04: proposed"

  Scenario: A reviewed objection must quote the objection's own words
    Given the reviewed objections of "my-facts" say:
      """
      objections:
        - instrument: genocide-1948
          objector: Mexico
          reserving: United States of America
          date: 1990-06-04
          effect: precluding
          words: Mexico does not consider the United States a party
          source: untc-IV-1
      """
    When I run "mla facts import un-genocide.xml --facts my-facts"
    Then the exit code means a data error
    And the error says "the quoted words are not in MEX's objection of 1990-06-04"
