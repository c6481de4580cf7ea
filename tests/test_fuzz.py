"""Bad input, tried systematically: generated scenario files, facts directories and command
lines. Whatever comes in, `mla` ends with a clear message and the right exit code (2 for the
command line, 3 for a file), never a traceback or an internal error, never a hang, and the
shipped facts are never changed.

How many cases ran is printed at the end of the module (`pytest -s tests/test_fuzz.py`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mla_rules import errors
from mla_rules.cli.main import main
from mla_rules.errors import DataError
from mla_rules.law.engine import FACTS_DIR
from mla_rules.record.factcheck import check
from mla_rules.record.record import EVENT_KEYS, EVENT_TYPES, SCENARIO_KEYS, load_record

COUNT: Counter[str] = Counter()
# Each example copies facts/; CI runs 60, a longer hunt: MLA_FUZZ_FACTS_EXAMPLES=600 pytest ...
FACTS_EXAMPLES = int(os.environ.get("MLA_FUZZ_FACTS_EXAMPLES", "60"))
FAST = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
CODE_LIKE = ["__import__('os').system('id')", "{{7*7}}", "${jndi:ldap://x}", "$(rm -rf ~)",
             "'; DROP TABLE events; --", "<script>alert(1)</script>", "../../etc/passwd",
             "!!python/object/apply:os.system ['id']", "%s%s%n", "\x00", "\u202e\u200bLVA",
             "Ｌａｔｖｉａ", "Lettonie\u0301", "🇱🇻", "ΛΑΤΒΙΑ", "ラトビア", "A" * 5000, "-1",
             "1e309"]
ODD_TEXT = st.one_of(st.sampled_from(CODE_LIKE), st.text(max_size=40),
                     st.text(st.characters(codec="utf-8"), max_size=12))


def digest(directory: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(directory)).encode() + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module", autouse=True)
def _shipped_facts_untouched() -> Iterator[None]:
    before = digest(FACTS_DIR)
    yield
    print(f"\n[test_fuzz] generated cases: {dict(COUNT)}")
    assert digest(FACTS_DIR) == before, "fuzzing changed the shipped facts"


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when a call takes longer than `seconds`."""
    def _raise(signum: int, frame: Any) -> None:
        raise TimeoutError(f"no answer after {seconds} s: a hang")
    previous = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    capsys.readouterr()
    with time_limit(20):
        code = main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    assert code != errors.INTERNAL, err
    return code, err


# ------------------------------------------------------------------ scenario files

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                    st.floats(allow_nan=True), st.dates().map(str), st.dates(), ODD_TEXT)
keys = st.one_of(st.sampled_from(sorted(SCENARIO_KEYS | EVENT_KEYS | {"on"})), ODD_TEXT)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)), max_leaves=12)
events = st.fixed_dictionaries(
    {"state": st.one_of(st.sampled_from(["LVA", "BEL", "KEN", "XKX", "Pays-Bas"]), ODD_TEXT),
     "type": st.one_of(st.sampled_from(EVENT_TYPES), ODD_TEXT),
     "date": st.one_of(st.dates().map(str), st.dates(), scalars)},
    optional={k: values for k in ("annexes", "parts", "effective", "source", "status",
                                  "article", "note", "gist", "territory")})
scenario_docs = st.one_of(
    values,
    st.fixed_dictionaries({"name": st.one_of(ODD_TEXT, values)},
                          optional={"events": st.one_of(st.lists(events, max_size=4), values),
                                    "date": st.one_of(st.dates(), scalars),
                                    "description": values,
                                    "parameters": st.dictionaries(
                                        st.one_of(st.sampled_from(
                                            ["entry_into_force_threshold",
                                             "denunciation_delay_months"]), ODD_TEXT),
                                        scalars, max_size=3)}))


def dump(doc: Any) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def corrupt(text: str, data: st.DataObject) -> str:
    """Cut, duplicate or splice characters into a YAML text."""
    if not text:
        return text
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i, min(len(text), i + 12)))
    glue = data.draw(st.sampled_from(["", ":", "- ", "[", "{", "\t", "&a ", "*a", "!!", "'",
                                      '"', "\n  ", "%YAML 9\n", "? ", "|"]))
    return text[:i] + glue + text[j:]


@FAST
@given(doc=scenario_docs, data=st.data())
def test_generated_scenario_files(doc: Any, data: st.DataObject, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario file built from random keys and values, sometimes corrupted as text."""
    text = dump(doc)
    if data.draw(st.booleans()):
        text = corrupt(text, data)
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    COUNT["scenario files"] += 1
    code, err = run(capsys, ["can-request", "--from", "LVA", "--to", "NLD", "--crime",
                             "genocide", "--on", "2026-01-01", "--scenario", str(path)])
    assert code in (errors.APPLIES, errors.DOES_NOT_APPLY, errors.DATA), err
    if code == errors.DATA:
        assert str(path) in err, err  # the message names the file


@FAST
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_as_a_scenario(raw: bytes, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_bytes(raw)
    COUNT["byte files"] += 1
    code, err = run(capsys, ["status", "LVA", "--on", "2026-01-01", "--scenario", str(path)])
    assert code in (0, errors.DATA), err


@pytest.mark.parametrize("content", [
    "name: x\nevents:\n" + "  - {state: LVA, type: denunciation, date: 2027-01-01}\n" * 20000,
    "name: " + "[" * 50000 + "]" * 50000 + "\n",
    "name: x\ndescription: " + "é" * 5_100_000 + "\n",
    "name: !!python/object/apply:os.system ['touch pwned']\n",
    "name: x\nevents: !!binary aGVsbG8=\n",
    "name: &a [*a]\n",
    "%TAG ! tag:yaml.org,2002:python/\n---\nname: !object:os.system x\n",
], ids=["20000 events", "deep nesting", "over 5 MB", "python tag", "binary", "self alias",
        "tag directive"])
def test_hostile_scenario_files(content: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(content, encoding="utf-8")
    start = time.monotonic()
    code, err = run(capsys, ["can-request", "--from", "LVA", "--to", "NLD", "--crime",
                             "genocide", "--on", "2026-01-01", "--scenario", str(path)])
    assert code in (errors.APPLIES, errors.DOES_NOT_APPLY, errors.DATA), err
    assert time.monotonic() - start < 20
    assert not Path("pwned").exists()


# ------------------------------------------------------------------ facts directories

FILES = ["events.yaml", "convention.yaml", "crimes.yaml", "sources.yaml",
         "practical-notes.yaml"]
ORIGINALS = {name: yaml.safe_load((FACTS_DIR / name).read_text(encoding="utf-8"))
             for name in FILES}


def paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += paths(v, prefix + (i,))
    return out


def mutate(doc: Any, path: tuple[Any, ...], action: str, value: Any, key: Any) -> Any:
    if not path:
        return value if action == "replace" else doc
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif action == "add" and isinstance(parent[last], dict):
        parent[last][key] = value
    return doc


@settings(FAST, max_examples=FACTS_EXAMPLES)
@given(data=st.data())
def test_generated_facts_directories(data: st.DataObject, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Copy facts/, then replace, delete or add one value anywhere in one file. Loading it
    gives a record or a data error; the facts check never crashes, and never finds nothing
    where the loader refuses."""
    import copy

    name = data.draw(st.sampled_from(FILES))
    doc = copy.deepcopy(ORIGINALS[name])
    path = data.draw(st.sampled_from(paths(doc)))
    action = data.draw(st.sampled_from(["replace", "delete", "add"]))
    assume(path or action == "replace")
    value, key = data.draw(values), data.draw(keys)
    doc = mutate(doc, path, action, value, key)
    facts = tmp_path / "facts"
    if facts.exists():
        shutil.rmtree(facts)
    shutil.copytree(FACTS_DIR, facts)
    (facts / name).write_text(dump(doc), encoding="utf-8")
    COUNT["facts directories"] += 1
    refused = False
    with time_limit(20):
        try:
            load_record(facts)
        except DataError:
            refused = True
        problems = check(facts)
    if refused:
        assert problems, f"{name} {action} {path}: the check found nothing"
    code, _ = run(capsys, ["facts", "check", str(facts)])
    assert code == (errors.DATA if problems else 0)


LOADER_CRASHES = [  # once crashes, found by test_generated_facts_directories; now data errors
    ("crimes.yaml", ("crimes",), "replace", True, "TypeError"),
    ("crimes.yaml", ("crimes", 0), "replace", {}, "KeyError: 'id'"),
    ("crimes.yaml", ("crimes", 0, "id"), "replace", [], "TypeError: unhashable type"),
    ("crimes.yaml", ("crimes", 7, "aliases"), "replace", True, "TypeError"),
    ("practical-notes.yaml", ("notes",), "replace", True, "TypeError"),
]


@pytest.mark.parametrize(("name", "path", "action", "value", "crash"), LOADER_CRASHES,
                         ids=["crimes: true", "crime without id", "crime id a list",
                              "aliases: true", "notes: true"])
def test_wrong_types_in_crimes_and_notes_are_data_errors(
        name: str, path: tuple[Any, ...], action: str, value: Any, crash: str,
        tmp_path: Path) -> None:
    import copy

    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts)
    doc = mutate(copy.deepcopy(ORIGINALS[name]), path, action, value, None)
    (facts / name).write_text(dump(doc), encoding="utf-8")
    assert check(facts), "the facts check reports it"
    with pytest.raises(DataError, match=name):
        load_record(facts)


def test_a_part_without_kind_is_a_data_error(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts)
    text = (facts / "convention.yaml").read_text(encoding="utf-8")
    (facts / "convention.yaml").write_text(text.replace("    kind: mla\n", "", 1), "utf-8")
    assert any("kind must be one of" in p.message for p in check(facts))
    with pytest.raises(DataError, match="convention.yaml"):
        load_record(facts)


# ------------------------------------------------------------------ the command line

@FAST
@given(requesting=ODD_TEXT, requested=ODD_TEXT, crime=ODD_TEXT, on=ODD_TEXT,
       kind=st.one_of(st.sampled_from(["mla", "extradition"]), ODD_TEXT))
def test_generated_questions(requesting: str, requested: str, crime: str, on: str, kind: str,
                             capsys: pytest.CaptureFixture[str]) -> None:
    COUNT["command lines"] += 1
    code, err = run(capsys, ["can-request", "--from", requesting, "--to", requested,
                             "--crime", crime, "--on", on, "--kind", kind])
    assert code in (errors.APPLIES, errors.DOES_NOT_APPLY, errors.USAGE), err
    if code == errors.USAGE:
        assert err.startswith("error: ") or "Error:" in err, err


@FAST
@given(argv=st.lists(st.one_of(
    st.sampled_from(["can-request", "status", "states", "crimes", "facts", "check", "docs",
                     "--from", "--to", "--crime", "--on", "--kind", "--format", "json",
                     "--scenario", "--depth", "-1", "LVA", "NLD", "genocide", "--all",
                     "--help", "--output", "--version"]), ODD_TEXT), max_size=8))
def test_generated_command_lines(argv: list[str], capsys: pytest.CaptureFixture[str],
                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random words and options in random order: an answer, help, or a usage error."""
    monkeypatch.chdir(tmp_path)  # `docs --output X` may write there, never in the checkout
    COUNT["random argv"] += 1
    code, err = run(capsys, argv)
    assert code in (0, errors.DOES_NOT_APPLY, errors.USAGE, errors.DATA), err
    if code == errors.USAGE:
        assert err.strip()
