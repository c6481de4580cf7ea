"""Binds features/importing.feature: `mla facts import` in a maintainer's words.

The depositaries' files are small fixtures in their real formats (tests/fixtures/importers/):
a few participants of the UN's IV-1 status XML with its quirks, and a few rows of OHCHR's
Excel export. Every scenario works on a copy of the shipped facts.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then

FIXTURES = Path(__file__).parent / "fixtures" / "importers"

scenarios("importing.feature")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@given(parsers.parse('a copy of the shipped facts called "{name}"'), target_fixture="before")
def _copy_with_fixtures(world: Any, name: str, tmp_path: Path) -> dict[str, bytes]:
    """The facts copy, the depositaries' files beside it, and what the copy held."""
    import shutil

    from mla_rules.law.engine import FACTS_DIR

    target = tmp_path / name
    shutil.copytree(FACTS_DIR, target)
    world.files[name] = target
    for alias, file in (("un-genocide.xml", "IV-1.en.xml"),
                        ("ohchr-torture.xls", "UnderlyingData_CAT_OHCHR.xls")):
        copy = tmp_path / file
        shutil.copyfile(FIXTURES / file, copy)
        world.files[alias] = copy
    # the listings are named by their path inside the copy
    for listing in (target / "listings").glob("*.tsv"):
        world.files[f"{name}/listings/{listing.name}"] = listing
    return _snapshot(target)


@given(parsers.parse('the UN\'s file "{alias}" gives Spain\'s accession as "{cell}"'))
def _un_cell(world: Any, alias: str, cell: str) -> None:
    path: Path = world.files[alias]
    data = path.read_bytes()
    assert b"<Entry>13 Sep 1968 a</Entry>" in data
    path.write_bytes(data.replace(b"<Entry>13 Sep 1968 a</Entry>",
                                  f"<Entry>{cell}</Entry>".encode("iso-8859-1")))


@given(parsers.parse('the maintainer adds this row to the listing of "{iid}" in "{name}":'))
def _add_row(world: Any, iid: str, name: str, docstring: str, before: dict[str, bytes]
             ) -> None:
    path = world.files[name] / "listings" / f"{iid}.tsv"
    text = path.read_text(encoding="utf-8")
    rows = docstring.strip().replace("\\t", "\t")
    path.write_text(text.rstrip("\n") + "\n" + rows + "\n", encoding="utf-8")
    before[f"listings/{iid}.tsv"] = path.read_bytes()


@given(parsers.parse('a listing "{file}" of "{iid}" whose every State is unknown'))
def _lost(world: Any, file: str, iid: str, tmp_path: Path, before: dict[str, bytes]
          ) -> None:
    path = tmp_path / file
    path.write_text(f"# instrument: {iid}\n# source: somewhere https://example.org/ | a page\n"
                    "participant\taction\tdate\teffective\tother\tsource\tnote\n"
                    "Japon\tratification\t1999-06-29\t\t\t\t\n", encoding="utf-8")
    world.files[file] = path
    names = world.files["my-facts"] / "listings" / "names.yaml"
    # a source's spelling a maintainer marked as not a State: the row maps to nothing
    names.write_text(names.read_text(encoding="utf-8") + "Japon: \"skip: not a State here\"\n",
                     encoding="utf-8")
    before["listings/names.yaml"] = names.read_bytes()


@given(parsers.parse('the parties file of "{iid}" in "{name}" is a symbolic link'))
def _linked(world: Any, iid: str, name: str, tmp_path: Path) -> None:
    path: Path = world.files[name] / "parties" / f"{iid}.csv"
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    os.symlink(elsewhere, path)
    world.elsewhere = (elsewhere, elsewhere.read_bytes())


@given(parsers.parse('the index of "{name}" is edited to say that Latvia joined the European '
                     'Convention on Mutual Assistance in 1990'))
def _tamper(world: Any, name: str) -> None:
    path: Path = world.files[name] / "index.json"
    # after the first line, one line per State: its code, a tab, the JSON of its rows (the
    # fields of framework.PartyEvent in order: instrument, state, type, date, ...)
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("LVA\t"))
    rows = json.loads(lines[n].split("\t", 1)[1])
    hit = [e for e in rows if e[0] == "coe-mla-1959"]
    assert hit
    hit[0][3] = "1990-01-01"
    lines[n] = "LVA\t" + json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    # a careful tamperer also fixes the head's checksum of the lines, so that the commands
    # would read it: only `mla facts check`'s comparison with the files catches it
    body = "".join(line + "\n" for line in lines[1:])
    head = json.loads(lines[0])
    head["body"] = f"crc32:{zlib.crc32(body.encode('utf-8')):08x}"
    path.write_text(json.dumps(head, ensure_ascii=False, separators=(",", ":")) + "\n" + body,
                    encoding="utf-8")


@given(parsers.parse('the reviewed objections of "{name}" say:'))
def _reviewed(world: Any, name: str, docstring: str) -> None:
    (world.files[name] / "listings" / "objections.yaml").write_text(docstring + "\n",
                                                                      encoding="utf-8")


@then(parsers.parse('the files of "{name}" are byte for byte as they were'))
def _unchanged(world: Any, name: str, before: dict[str, bytes]) -> None:
    assert _snapshot(world.files[name]) == before
    if hasattr(world, "elsewhere"):
        assert world.elsewhere[0].read_bytes() == world.elsewhere[1]


@then(parsers.parse('the files of "{name}" are byte for byte as they were, but the listing'))
def _unchanged_but_listing(world: Any, name: str, before: dict[str, bytes]) -> None:
    _unchanged(world, name, before)


@then(parsers.parse('the listing of "{iid}" in "{name}" cites "{text}"'))
@then(parsers.parse('the listing of "{iid}" in "{name}" says "{text}"'))
def _listing_says(world: Any, iid: str, name: str, text: str) -> None:
    listing = (world.files[name] / "listings" / f"{iid}.tsv").read_text(encoding="utf-8")
    assert text in listing


@then(parsers.parse('the parties of "{iid}" in "{name}" record "{text}"'))
def _records(world: Any, iid: str, name: str, text: str) -> None:
    parties = (world.files[name] / "parties" / f"{iid}.csv").read_text(encoding="utf-8")
    assert any(line.startswith(text) for line in parties.splitlines()), text


@then(parsers.parse('the parties of "{iid}" in "{name}" do not record "{text}"'))
def _not_records(world: Any, iid: str, name: str, text: str) -> None:
    parties = (world.files[name] / "parties" / f"{iid}.csv").read_text(encoding="utf-8")
    assert not any(line.startswith(text) for line in parties.splitlines()), text
