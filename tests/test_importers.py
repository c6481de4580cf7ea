"""The importers family (record/importers/) on small fixtures in the depositaries' real
formats, the one atomic writer, and a bounded kill test: no `kill -9` during an import leaves
a file of the record truncated."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clirun import loaded_by_a_question

from mla_rules.errors import DataError
from mla_rules.law.engine import FACTS_DIR
from mla_rules.record.importers import detect, ohchr_xls, untc_xml
from mla_rules.record.safe_write import write_all, write_text

FIXTURES = Path(__file__).parent / "fixtures" / "importers"
UN = FIXTURES / "IV-1.en.xml"
OHCHR = FIXTURES / "UnderlyingData_CAT_OHCHR.xls"


def test_formats_are_told_from_the_first_bytes(tmp_path: Path) -> None:
    assert detect(UN) == "untc-xml"
    assert detect(OHCHR) == "ohchr-xls"
    assert detect(FACTS_DIR / "listings" / "torture-1984.tsv") == "tsv"
    odd = tmp_path / "odd.bin"
    odd.write_bytes(b"\x00\x01 not a status table")
    with pytest.raises(Exception, match="cannot tell the format"):
        detect(odd)


def test_un_xml_markers_footnotes_end_notes_and_damaged_characters() -> None:
    parsed = untc_xml.parse(UN)
    rows = {(r.participant, r.action): r for r in parsed.rows}
    assert parsed.source.id == "untc-IV-1" and parsed.source.rank == "depositary"
    assert parsed.source.as_of == "2006-10-23"  # the latest date the file shows
    assert rows[("Afghanistan", "accession")].date == "1956-03-22"
    assert rows[("Australia", "signature")].date == "1948-12-11"
    assert rows[("Australia", "ratification")].date == "1949-07-08"
    montenegro = rows[("Montenegro", "succession")]  # the footnote is stripped from the name
    assert montenegro.date == "2006-10-23" and "end note 14" in montenegro.note
    assert rows[("Spain", "reservation-withdrawal")].date == "2009-09-24"
    assert rows[("United States of America", "reservation")].date == ""
    assert "\u201c(1) That with reference to article IX" in \
        rows[("United States of America", "reservation")].note
    assert any("U+201C" in u for u in parsed.unread)
    assert any("U+2026" in u for u in parsed.unread)  # the bare "&" of a cut-down ellipsis
    assert any("territorial applications: not imported" in u for u in parsed.unread)
    assert parsed.errors == []


def test_objections_are_dated_and_their_effect_only_proposed() -> None:
    found = {o.objector: o for o in untc_xml.parse(UN).objections}
    assert found["Mexico"].date == "1990-06-04"
    assert found["Mexico"].proposed == "not-precluding"
    assert "not be interpreted as preventing" in found["Mexico"].why
    assert found["Netherlands"].proposed == "precluding"
    assert untc_xml.propose("The Government objects to the reservation.", "1990-01-01")[0] \
        == "not-precluding"


def test_an_unknown_marker_or_date_is_an_error_not_a_row(tmp_path: Path) -> None:
    bad = tmp_path / "IV-1.en.xml"
    bad.write_bytes(UN.read_bytes().replace(b"22 Mar 1956 a", b"22 Mar 1956 q")
                    .replace(b"8 Jul 1949", b"8 Jly 1949"))
    parsed = untc_xml.parse(bad)
    assert {who for who, _ in parsed.errors} == {"Afghanistan", "Australia"}
    assert not any(r.participant == "Afghanistan" and r.action != "signature"
                   for r in parsed.rows)


def test_not_xml_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.xml"
    bad.write_text("<html><body>not a status file</body></html>")
    with pytest.raises(DataError, match="not UN Treaty Collection status XML"):
        untc_xml.parse(bad)


def test_ohchr_export_serial_dates_and_deposits_of_unknown_type() -> None:
    parsed = ohchr_xls.parse(OHCHR)
    rows = {(r.participant, r.action): r for r in parsed.rows}
    assert parsed.source.as_of == "2023-02-21"  # from the title row's update time
    assert rows[("France", "deposit")].date == "1986-02-18"
    assert rows[("France", "signature")].date == "1985-02-04"
    assert rows[("Latvia", "deposit")].date == "1992-04-14"
    assert not any(r.action in ("ratification", "accession") for r in parsed.rows)
    assert any("1 States with no signature or deposit in the export" in u and "Bhutan" in u
               for u in parsed.unread)
    assert any("inquiry procedure" in u for u in parsed.unread)


def test_a_damaged_workbook_is_a_data_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    with pytest.raises(DataError, match="Excel workbook"):
        ohchr_xls.parse(bad)


def test_the_writer_replaces_whole_files_and_never_through_links(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    write_text(target, "new\n")
    assert target.read_text() == "new\n" and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]  # no temporary file left
    real = tmp_path / "real.csv"
    real.write_text("kept\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with pytest.raises(DataError, match="symbolic link"):
        write_all({target: "newer\n", link: "x\n"})
    assert real.read_text() == "kept\n" and target.read_text() == "new\n"


def test_no_question_imports_the_importers_libraries() -> None:
    assert loaded_by_a_question(("lxml", "xlrd", "mla_rules.record.importer")) == []


KILLS = 12


def test_a_killed_import_leaves_every_file_old_or_new_never_truncated(tmp_path: Path) -> None:
    """Run the import of the UN's file into a copy of the facts and kill it with SIGKILL at
    spread-out moments; after each kill, every file it writes is either as before or as a
    complete import leaves it."""
    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts)
    watched = ["listings/genocide-1948.tsv", "parties/genocide-1948.csv", "index.json"]
    old = {w: (facts / w).read_bytes() for w in watched}
    command = [sys.executable, "-c", "from mla_rules.cli.main import run; run()", "facts",
               "import", str(UN), "--facts", str(facts)]
    done = subprocess.run(command, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    new = {w: (facts / w).read_bytes() for w in watched}
    assert new != old
    started = time.monotonic()
    subprocess.run(command, capture_output=True, check=True)
    full = time.monotonic() - started
    for i in range(KILLS):
        for w in watched:
            (facts / w).write_bytes(old[w])
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * (0.3 + 0.7 * i / KILLS))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        for w in watched:
            assert (facts / w).read_bytes() in (old[w], new[w]), f"{w} after kill {i}"


def test_skipping_a_second_deposit_keeps_the_first(tmp_path: Path) -> None:
    from mla_rules.record.importer import run_import
    from mla_rules.record.names import state_index

    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts)
    listing = facts / "listings" / "torture-1984.tsv"
    listing.write_text(listing.read_text(encoding="utf-8")
                       + "Espagne\tratification\t1987-10-21\t\t\tspt-esp\t\n", encoding="utf-8")
    results, _ = run_import([listing], facts, state_index(facts / "states.json"),
                            skip_invalid=True)
    assert [b.participant for b in results[0].skipped] == ["Espagne"]
    parties = (facts / "parties" / "torture-1984.csv").read_text(encoding="utf-8")
    assert sum(line.startswith("ESP,") and ",signature," not in line
               for line in parties.splitlines()) == 1
