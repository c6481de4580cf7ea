"""The shared step vocabulary of the Gherkin specs (features/), in a legal adviser's words.

Given steps build a world: the shipped record, or an empty one, plus events written the way
the depositary reports them. When steps ask the question (through the library, or through
the `mla` command line exactly as a user types it). Then steps check the answer and its
explanation. Each test_<topic>.py only binds its feature file with `scenarios(...)`.

A scenario tagged with a rule id (e.g. @art90-general) must show that rule in the trace of
an answer it obtained: `pytest_bdd_after_scenario` checks it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from mla_rules import errors
from mla_rules.cli.main import main
from mla_rules.errors import UsageError
from mla_rules.law.engine import Engine, load_rulebook
from mla_rules.present.legal_basis import legal_basis_text
from mla_rules.present.render import answer_text
from mla_rules.questions.answer import Answer, Question, ask
from mla_rules.questions.context import shipped_record
from mla_rules.questions.legal_basis import LegalBasis, legal_basis
from mla_rules.record.record import Record, resolve_crime

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november "
    "december".split(), 1)}
KIND_WORDS = {"mutual legal assistance": "mla", "mla": "mla", "extradition": "extradition"}


def to_iso(text: str) -> str:
    """'28 August 2025' or '2025-08-28' -> '2025-08-28'."""
    text = text.strip()
    m = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", text)
    if m:
        return dt.date(int(m[3]), MONTHS[m[2].lower()], int(m[1])).isoformat()
    return dt.date.fromisoformat(text).isoformat()


def annex_letters(text: str) -> list[str]:
    """'A, B and H' -> ['A', 'B', 'H']."""
    return [a.strip() for a in re.split(r",|\band\b", text) if a.strip()]


class World:
    def __init__(self) -> None:
        self.base: Record = shipped_record()
        self.events: list[dict[str, Any]] = []
        self.parameters: dict[str, Any] = {}
        self.answers: list[Answer] = []
        self.engines: list[Engine] = []
        self.exit_code: int | None = None
        self.stdout = ""
        self.stderr = ""
        self.files: dict[str, Path] = {}
        self.legal: list[LegalBasis] = []

    def record(self) -> Record:
        if not self.events and not self.parameters:
            return self.base
        return self.base.with_overlay({"name": "the scenario's events", "events": self.events,
                                       "parameters": self.parameters}, "feature steps")

    def engine(self) -> Engine:
        engine = Engine(self.record())
        self.engines.append(engine)
        return engine

    def instrument(self, text: str) -> str:
        """An instrument named as an adviser names it ('the Convention against Torture') or
        by its id ('torture-1984')."""
        fw = self.base.framework
        assert fw is not None
        key = text.strip().removeprefix("the ").lower()
        for inst in fw.instruments.values():
            if key in (inst.id, inst.short.removeprefix("the ").lower()):
                return inst.id
        raise AssertionError(f"no instrument called {text!r}")

    def add_to(self, instrument: str, state: str, kind: str, date: str, **extra: Any) -> None:
        self.events.append({"state": self.state(state), "type": kind, "date": to_iso(date),
                            "instrument": self.instrument(instrument), **extra})

    def state(self, name: str) -> str:
        try:
            return self.base.states.resolve(name).alpha_3
        except UsageError:  # 'the United Kingdom', as an adviser writes it
            return self.base.states.resolve(name.removeprefix("the ")).alpha_3

    def add(self, state: str, kind: str, date: str, **extra: Any) -> None:
        self.events.append({"state": self.state(state), "type": kind, "date": to_iso(date),
                            **extra})

    @property
    def answer(self) -> Answer:
        assert self.answers, "no question was asked in this scenario"
        return self.answers[-1]


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture(scope="session")
def rulebook() -> Any:
    return load_rulebook()


def pytest_configure(config: pytest.Config) -> None:
    """Scenario tags are rule ids: register each as a marker (`pytest -m art90-general`).
    Also make the directory of the cucumber JSON report (pyproject's addopts), which
    `mla docs` reads for the scenarios' results."""
    Path(config.rootpath, "reports").mkdir(exist_ok=True)
    for rule in load_rulebook().rules.values():
        config.addinivalue_line("markers", f"{rule.id}: Art. {rule.article} — {rule.gloss}")


def pytest_bdd_after_scenario(request: Any, feature: Any, scenario: Any) -> None:
    """A scenario tagged with a rule id must have that rule in one of its traces."""
    book = load_rulebook()
    tagged = [t for t in scenario.tags if t in book.rules]
    if not tagged:
        return
    world: World = request.getfixturevalue("world")
    traces = [a.trace for a in world.answers] + [lb.trace for lb in world.legal] + [
        t for lb in world.legal for b in lb.bases
        for t in (lb.trace_of(b), b.displacement, b.objection, lb.role_explanation(b),
                   *b.temporal) if t]
    used = {s.rule.id for trace in traces for s in trace.walk() if s.rule}
    # a rule used only under negation shows in a trace as its condition, checked not to hold
    used |= {r.id for trace in traces for s in trace.walk() if s.negated
             for r in book.predicates[s.predicate].rules}
    missing = [t for t in tagged if t not in used]
    assert not missing, f"scenario is tagged {missing} but no answer's trace used those rules"


# ---------------------------------------------------------------- Given: the world

@given("the shipped record")
def _shipped(world: World) -> None:
    """The record in facts/, as shipped."""


@given("a world where nothing has happened yet")
def _empty(world: World) -> None:
    """No signatures, instruments or declarations: only the rules and parameters."""
    world.base = shipped_record()._replace(events=(), notes=())


@given(parsers.parse("{state} signed the Convention on {date}"))
def _signed(world: World, state: str, date: str) -> None:
    world.add(state, "signature", date)


@given(parsers.re(r"(?P<state>.+?) deposited its instrument of (?P<kind>ratification|acceptance"
                  r"|approval|accession) on (?P<date>.+)"))
def _deposited(world: World, state: str, kind: str, date: str) -> None:
    world.add(state, kind, date)


@given(parsers.re(r"(?P<state>.+?) signed on (?P<signed>.+?) and ratified on (?P<date>.+)"))
def _signed_and_ratified(world: World, state: str, signed: str, date: str) -> None:
    world.add(state, "signature", signed)
    world.add(state, "ratification", date)


@given(parsers.re(r"(?P<state>.+?) declared under Article 2\(2\) on (?P<date>.+?) that it "
                  r"applies the Convention to Annex(?:es)? (?P<annexes>.+)"))
def _declared(world: World, state: str, date: str, annexes: str) -> None:
    world.add(state, "declaration", date, annexes=annex_letters(annexes))


@given(parsers.re(r"(?P<state>.+?) withdrew its Article 2\(2\) declaration for "
                  r"Annex(?:es)? (?P<annexes>.+?) on (?P<date>.+)"))
def _withdrew(world: World, state: str, annexes: str, date: str) -> None:
    world.add(state, "declaration-withdrawal", date, annexes=annex_letters(annexes))


@given(parsers.parse("{state} applies Part {part} provisionally from {date}"))
def _provisional(world: World, state: str, part: str, date: str) -> None:
    world.add(state, "provisional-application", date, parts=[part])


@given(parsers.parse("{state} ended its provisional application of Part {part} on {date}"))
def _provisional_end(world: World, state: str, part: str, date: str) -> None:
    world.add(state, "provisional-application-end", date, parts=[part])


@given(parsers.re(r"(?P<state>.+?) ended its provisional application on (?P<date>.+)"))
def _provisional_end_all(world: World, state: str, date: str) -> None:
    """The end event without `parts`: it ends every Part the State applies provisionally."""
    world.add(state, "provisional-application-end", date)


@given(parsers.parse("{state} notified its denunciation on {date}"))
def _denounced(world: World, state: str, date: str) -> None:
    world.add(state, "denunciation", date)


@given(parsers.re(r"the depositary recorded that the (?P<kind>\w+) of (?P<state>.+?) of "
                  r"(?P<date>.+?) took effect on (?P<effective>.+)"))
def _recorded(world: World, kind: str, state: str, date: str, effective: str) -> None:
    code, iso = world.state(state), to_iso(date)
    for event in world.events:
        if (event["state"], event["type"], event["date"]) == (code, kind, iso):
            event["effective"] = to_iso(effective)
            return
    raise AssertionError(f"no {kind} of {state} on {date} in this scenario")


@given(parsers.parse("the Convention needs {count:d} instruments to enter into force"))
def _threshold(world: World, count: int) -> None:
    world.parameters["entry_into_force_threshold"] = count


@given(parsers.parse('a copy of the shipped facts called "{name}"'))
def _copy_facts(world: World, name: str, tmp_path: Path) -> None:
    """A facts directory the maintainer may edit: a copy of the shipped one."""
    import shutil

    from mla_rules.law.engine import FACTS_DIR

    target = tmp_path / name
    shutil.copytree(FACTS_DIR, target)
    world.files[name] = target


@given(parsers.parse('a file "{name}" containing:'))
def _file(world: World, name: str, docstring: str, tmp_path: Path) -> None:
    """A scenario or facts file written by the user, exactly as given."""
    path = tmp_path / name
    path.write_text(docstring, encoding="utf-8")
    world.files[name] = path


@given("a world where no State has joined the other instruments")
def _no_framework(world: World) -> None:
    """The catalogue and its rules, but none of the parties' events of the shipped lists."""
    fw = world.base.framework
    assert fw is not None
    world.base = world.base._replace(framework=fw._replace(events=()))


@given(parsers.re(r"the depositary's date of general entry into force of (?P<inst>.+) is not "
                  r"known"))
def _no_general_entry(world: World, inst: str) -> None:
    """The instrument's general entry into force must then be computed from its threshold."""
    fw = world.base.framework
    assert fw is not None
    iid = world.instrument(inst)
    instrument = fw.instruments[iid]
    assert instrument.entry_into_force is not None
    eif = instrument.entry_into_force._replace(general=None)
    world.base = world.base._replace(framework=fw._replace(instruments={
        **fw.instruments, iid: instrument._replace(entry_into_force=eif)}))


@given(parsers.re(r"(?P<state>.+?) deposited its instrument of (?P<kind>ratification|accession"
                  r"|succession|acceptance|approval) (?:to|of) (?P<inst>.+?) on "
                  r"(?P<date>\d{1,2} [A-Z][a-z]+ \d{4})"
                  r"(?:, in force for it on (?P<effective>\d{1,2} [A-Z][a-z]+ \d{4}))?$"))
def _deposited_to(world: World, state: str, kind: str, inst: str, date: str,
                  effective: str | None) -> None:
    extra = {"effective": to_iso(effective)} if effective else {}
    world.add_to(inst, state, kind, date, **extra)


@given(parsers.re(r"a source records (?P<inst>.+?) in force for (?P<state>.+?) from "
                  r"(?P<date>.+)"))
def _in_force(world: World, inst: str, state: str, date: str) -> None:
    world.add_to(inst, state, "in-force", date)


@given(parsers.re(r"a source shows (?P<state>.+?) bound by (?P<inst>.+?) no later than "
                  r"(?P<date>\d{1,2} [A-Z][a-z]+ \d{4})$"))
def _no_later_than(world: World, state: str, inst: str, date: str) -> None:
    world.add_to(inst, state, "party-no-later-than", date)


@given(parsers.re(r"(?P<state>.+?) applies (?P<inst>the European .+|the EU.+) from "
                  r"(?P<date>\d{1,2} [A-Z][a-z]+ \d{4})$"))
def _applies_eu(world: World, state: str, inst: str, date: str) -> None:
    world.add_to(inst, state, "application", date)


@given(parsers.re(r"(?P<state>.+?) ceased to apply (?P<inst>.+) from "
                  r"(?P<date>\d{1,2} [A-Z][a-z]+ \d{4})$"))
def _ceased(world: World, state: str, inst: str, date: str) -> None:
    world.add_to(inst, state, "application-end", date)


@given(parsers.re(r"(?P<state>.+?) (?P<kind>withdrew from|denounced) (?P<inst>.+) with effect "
                  r"from (?P<date>\d{1,2} [A-Z][a-z]+ \d{4})$"))
def _left(world: World, state: str, kind: str, inst: str, date: str) -> None:
    world.add_to(inst, state, "withdrawal" if kind == "withdrew from" else "denunciation", date)


@given(parsers.re(r"(?P<state>.+?) objected on (?P<date>.+?) that (?P<inst>.+?) is not in force"
                  r" between it and (?P<other>.+)"))
def _objected(world: World, state: str, date: str, inst: str, other: str) -> None:
    world.add_to(inst, state, "objection-precluding", date, other=world.state(other))


@given(parsers.re(r"(?P<state>.+?) lifted on (?P<date>.+?) its objection regarding "
                  r"(?P<other>.+?) under (?P<inst>.+)"))
def _lifted(world: World, state: str, date: str, other: str, inst: str) -> None:
    world.add_to(inst, state, "objection-lifted", date, other=world.state(other))


@given(parsers.re(r"(?P<state>.+?) declared that it keeps the instruments (?P<inst>.+?) "
                  r"replaced for acts committed before (?P<date>.+)"))
def _transitional(world: World, state: str, inst: str, date: str) -> None:
    world.add_to(inst, state, "transitional-declaration", "2002-08-07",
                 acts_before=to_iso(date))


# ---------------------------------------------------------------- When: the question

@when(parsers.re(r"(?P<a>.+?) asks (?P<b>.+?) for (?P<kind>mutual legal assistance|extradition)"
                 r" (?:about|for) (?P<crime>.+?) on (?P<date>.+)"))
def _asks(world: World, a: str, b: str, kind: str, crime: str, date: str) -> None:
    engine = world.engine()
    record = engine.record
    q = Question(record.states.resolve(a), record.states.resolve(b),
                 resolve_crime(record, crime), KIND_WORDS[kind], to_iso(date))
    world.answers.append(ask(engine, q))


@when(parsers.re(r"(?P<a>.+?) asks (?P<b>.+?) for (?P<kind>mutual legal assistance|extradition)"
                 r" (?:about|for) (?P<crime>.+?) on (?P<date>.+?), under any treaty"
                 r"(?:, for acts committed on (?P<committed>.+))?$"))
def _asks_any(world: World, a: str, b: str, kind: str, crime: str, date: str,
              committed: str | None) -> None:
    """The legal adviser's wider question: on which treaty can the request rest?"""
    engine = world.engine()
    record = engine.record
    q = Question(record.states.get(world.state(a)), record.states.get(world.state(b)),
                 resolve_crime(record, crime), KIND_WORDS[kind], to_iso(date))
    world.legal.append(legal_basis(engine, q, to_iso(committed) if committed else None))


@when(parsers.parse('I run "{command}"'))
def _run(world: World, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Run the `mla` command line as a user types it (files named in the scenario are
    replaced by their paths)."""
    argv = shlex.split(command)
    assert argv[0] == "mla"
    argv = [str(world.files[a]) if a in world.files else a for a in argv[1:]]
    capsys.readouterr()
    world.exit_code = main(argv)
    out = capsys.readouterr()
    world.stdout, world.stderr = out.out, out.err


# ---------------------------------------------------------------- Then: the answer

@then(parsers.parse('no file "{name}" was created'))
def _no_file(name: str) -> None:
    assert not Path(name).exists()


@then("the Convention applies")
def _applies(world: World) -> None:
    assert world.answer.applies, answer_text(world.answer, load_rulebook())


@then("the Convention does not apply")
def _not_applies(world: World) -> None:
    assert not world.answer.applies, answer_text(world.answer, load_rulebook())


@then(parsers.parse('the explanation says "{text}"'))
def _says(world: World, text: str) -> None:
    rendered = answer_text(world.answer, load_rulebook())
    assert text in rendered, rendered


@then(parsers.parse('the explanation does not say "{text}"'))
def _does_not_say(world: World, text: str) -> None:
    rendered = answer_text(world.answer, load_rulebook())
    assert text not in rendered, rendered


@then(parsers.parse('the answer names "{rule_id}" as {status}'))
def _premise(world: World, rule_id: str, status: str) -> None:
    named = {(p.rule.id, p.rule.status) for p in world.answer.premises if p.rule}
    assert (rule_id, status) in named, named


def _basis(world: World, inst: str) -> Any:
    assert world.legal, "no legal-basis question was asked in this scenario"
    iid = world.instrument(inst)
    return next(b for b in world.legal[-1].bases if b.instrument.id == iid)


def _legal_text(world: World) -> str:
    return legal_basis_text(world.legal[-1], load_rulebook())


@then(parsers.re(r"(?P<inst>.+?) applies(?: as (?:a|an) (?P<nature>legal basis|undertaking|legal "
                 r"basis where a treaty is required))?$"))
def _instrument_applies(world: World, inst: str, nature: str | None) -> None:
    basis = _basis(world, inst)
    assert basis.applies, _legal_text(world)
    natures = {"legal basis": "legal-basis", "undertaking": "undertaking",
               "legal basis where a treaty is required": "legal-basis-if-treaty-required"}
    if nature:
        assert basis.nature == natures[nature], basis.nature


@then(parsers.re(r"(?P<inst>.+?) does not apply(?:, because (?P<why>.+))?$"))
def _instrument_does_not_apply(world: World, inst: str, why: str | None) -> None:
    basis = _basis(world, inst)
    text = _legal_text(world)
    assert not basis.applies, text
    if why:
        assert why.strip('"') in text, text


@then(parsers.re(r"(?P<inst>.+?) could not be decided, because (?P<why>.+)$"))
def _instrument_undecided(world: World, inst: str, why: str) -> None:
    basis = _basis(world, inst)
    text = _legal_text(world)
    assert not basis.applies and basis.undecided, text
    assert why.strip('"') in text, text


@then(parsers.re(r"(?P<inst>.+?) is displaced by (?P<other>.+)"))
def _displaced(world: World, inst: str, other: str) -> None:
    basis = _basis(world, inst)
    assert basis.applies and world.instrument(other) in basis.superseded_by, _legal_text(world)


@then(parsers.re(r"(?P<inst>.+?) is not displaced"))
def _not_displaced(world: World, inst: str) -> None:
    basis = _basis(world, inst)
    assert basis.applies and not basis.superseded_by, _legal_text(world)


@then(parsers.re(r"the request is to be based on (?P<inst>.+)$"))
def _governs(world: World, inst: str) -> None:
    governs = world.legal[-1].governs
    assert governs is not None and governs.instrument.id == world.instrument(inst), \
        _legal_text(world)


@then("no instrument governs the request")
def _governs_none(world: World) -> None:
    assert world.legal[-1].governs is None, _legal_text(world)


@then(parsers.re(r"(?P<inst>.+?) applies beside it$"))
def _also_applies(world: World, inst: str) -> None:
    basis = _basis(world, inst)
    assert basis.role == "also-applies" and basis.is_basis, _legal_text(world)


@then(parsers.re(r"(?P<inst>.+?) is read into (?P<other>.+?) by (?P<provision>Art\. .+)$"))
def _deemed(world: World, inst: str, other: str, provision: str) -> None:
    basis = _basis(world, inst)
    assert basis.role == "deemed-included" and not basis.is_basis, _legal_text(world)
    assert basis.deemed_into == world.instrument(other), basis.deemed_into
    assert basis.provisions == (provision,), basis.provisions


@then(parsers.re(r"(?P<inst>.+?) supplements (?P<other>.+?), not a basis of its own$"))
def _supplements(world: World, inst: str, other: str) -> None:
    basis = _basis(world, inst)
    assert basis.role == "supplements" and not basis.is_basis, _legal_text(world)
    assert basis.supplements == world.instrument(other), basis.supplements


@then(parsers.re(r"the request (?P<has>has|has no) treaty basis"))
def _has_basis(world: World, has: str) -> None:
    assert world.legal[-1].applies == (has == "has"), _legal_text(world)


@then(parsers.parse('the adviser is not told "{text}"'))
def _not_told(world: World, text: str) -> None:
    rendered = _legal_text(world)
    assert text not in rendered, rendered


@then(parsers.parse('the adviser is told "{text}"'))
def _told(world: World, text: str) -> None:
    rendered = _legal_text(world)
    assert text in rendered, rendered


@then(parsers.parse("the exit code is {code:d}"))
def _exit(world: World, code: int) -> None:
    assert world.exit_code == code, (world.stdout, world.stderr)


@then(parsers.parse('the output says "{text}"'))
def _output(world: World, text: str) -> None:
    assert text in world.stdout, world.stdout


@then(parsers.parse('the output does not say "{text}"'))
def _output_not(world: World, text: str) -> None:
    assert text not in world.stdout, world.stdout


@then(parsers.parse('the error says "{text}"'))
def _error(world: World, text: str) -> None:
    assert text in world.stderr, world.stderr
    assert "Traceback" not in world.stderr


@then(parsers.parse('the JSON answer has {key} "{value}"'))
def _json(world: World, key: str, value: str) -> None:
    data = json.loads(world.stdout)
    assert str(data[key]).lower() == value.lower(), data[key]


@then(parsers.parse('the JSON answer lists "{instrument}" as undecided'))
def _json_undecided(world: World, instrument: str) -> None:
    data = json.loads(world.stdout)
    assert instrument in data["undecided"], data["undecided"]
    assert next(b for b in data["bases"] if b["instrument"] == instrument)["undecided"] is True


@then(parsers.parse('the JSON answer does not list "{instrument}" as undecided'))
def _json_decided(world: World, instrument: str) -> None:
    data = json.loads(world.stdout)
    assert instrument not in data["undecided"], data["undecided"]
    assert next(b for b in data["bases"] if b["instrument"] == instrument)["undecided"] is False


@then(parsers.parse("the exit code means {meaning}"))
def _exit_meaning(world: World, meaning: str) -> None:
    codes = {"it applies": errors.APPLIES, "it does not apply": errors.DOES_NOT_APPLY,
             "a usage error": errors.USAGE, "a data error": errors.DATA}
    assert world.exit_code == codes[meaning], (world.exit_code, world.stdout, world.stderr)


# One headless Chromium (Playwright) per test module that checks pages and reports in a real
# browser (test_web_browser.py, test_web_pages_edges.py, test_report_grids.py); not per
# session: Playwright's sync API keeps an event loop running in the main thread while it is
# open, and the tests that call asyncio.run() would fail after it.
CHROMIUM = os.environ.get("MLA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason + " (.ci/run installs Chromium and Playwright)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Any:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        _skip_or_fail(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
