"""The documentation site (`mla docs`): the law as encoded, in one place a lawyer can read.

Plain HTML pages (templates/docs/), no script, no external asset, readable from the file
system:
- index.html: per article, what is known of it (each point with its status and sources), the
  notes of the rules files that encode it, its parameters, the rules with their glosses and
  clauses, and for each rule the scenarios that exercise it with their last result;
- scenarios.html: every feature and scenario, with its tags (rule ids) and last result;
- states.html: every State in the record, with its signature, instrument, entry into force,
  opt-ins, provisional application, denunciation, notes and sources, and the as-of date;
- instrument-<id>.html, one per instrument of the catalogue: its clauses, what it displaces,
  its entry into force, its parties and their acts with sources, whether that list is complete
  and the as-of date of its sources.

Results come from pytest-bdd's cucumber JSON report (`pytest --cucumberjson=FILE`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from mla_rules.law.engine import FACTS_DIR, RULES_DIR, Engine, load_rulebook
from mla_rules.law.rulebook import Clause, Rule, Rulebook
from mla_rules.present.render import article
from mla_rules.record.names import collation_key
from mla_rules.record.record import INSTRUMENTS, Record, load_record
from mla_rules.record.yamlfile import load as load_yaml

FEATURES_DIR = RULES_DIR.parent / "features"
PROVISIONAL_AND_DENUNCIATION = ("provisional-application", "provisional-application-end",
                                "denunciation")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def article_keys(annotation: str) -> list[str]:
    """'2, 5, 90' -> ['2', '5', '90']; '90(1)' -> ['90']; 'Parts III and IV' stays whole."""
    keys = []
    for part in annotation.split(","):
        m = re.match(r"\s*(\d+)", part)
        keys.append(m[1] if m else part.strip())
    return keys


class Scenario(NamedTuple):
    feature: str  # file name, e.g. denunciation.feature
    feature_title: str
    name: str
    line: int
    tags: tuple[str, ...]
    text: str  # the steps as written

    @property
    def anchor(self) -> str:
        return f"{slug(self.feature)}-{self.line}"


class Feature(NamedTuple):
    file: str
    title: str
    description: str
    background: str
    scenarios: list[Scenario]


class _Open:
    """A scenario being read."""

    def __init__(self, name: str, line: int, tags: tuple[str, ...]) -> None:
        self.name, self.line, self.tags = name, line, tags
        self.lines: list[str] = []
        self.in_doc = False


def parse_features(features_dir: Path = FEATURES_DIR) -> list[Feature]:
    """The feature files, read as a person reads them: titles, tags, steps, examples."""
    out = []
    for path in sorted(features_dir.glob("*.feature")):
        title, description, background = "", [], []
        opened: list[_Open] = []
        tags: list[str] = []
        section = "head"
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            doc = bool(opened) and opened[-1].in_doc
            if line.startswith("@") and not doc:
                tags += [t[1:] for t in line.split() if t.startswith("@")]
            elif line.startswith("Feature:") and not doc:
                title = line.split(":", 1)[1].strip()
            elif re.match(r"(Scenario( Outline)?|Example):", line) and not doc:
                opened.append(_Open(line.split(":", 1)[1].strip(), number, tuple(tags)))
                tags, section = [], "scenario"
            elif line.startswith("Background:") and not doc:
                section = "background"
            elif section == "background" and line:
                background.append(line)
            elif section == "scenario":
                if line == '"""':
                    opened[-1].in_doc = not opened[-1].in_doc
                opened[-1].lines.append(raw[4:] if raw.startswith("    ") else line)
            elif line:
                description.append(line)
        scenarios = [Scenario(path.name, title, o.name, o.line, o.tags,
                              "\n".join(o.lines).strip()) for o in opened]
        out.append(Feature(path.name, title, " ".join(description), "\n".join(background),
                           scenarios))
    return out


def read_results(report: Path | None) -> dict[tuple[str, int], list[str]]:
    """(feature file name, scenario line) -> the result of each run of it (one per example
    of an outline): passed, failed or skipped."""
    if report is None:
        return {}
    from mla_rules.errors import DataError

    bad = DataError(str(report), "is not a cucumber JSON report (a list of features with "
                    "their scenarios' steps)", "Write one with `python -m pytest "
                    "--cucumberjson=FILE`, or leave --results out.")
    try:
        with report.open("rb") as f:
            text = f.read(MAX_REPORT + 1)
        if len(text) > MAX_REPORT:
            raise DataError(str(report), f"is larger than {MAX_REPORT >> 20} MiB: not a "
                            "cucumber report of this project")
        features = json.loads(text.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise bad from None
    if not isinstance(features, list):
        raise bad
    results: dict[tuple[str, int], list[str]] = {}
    try:
        for feature in features:
            name = Path(str(feature.get("uri", ""))).name
            for element in feature.get("elements", []):
                statuses = [s.get("result", {}).get("status", "skipped")
                            for s in element.get("steps", [])]
                status = ("failed" if "failed" in statuses else
                          "skipped" if not statuses or "skipped" in statuses else "passed")
                results.setdefault((name, int(element.get("line", 0))), []).append(status)
    except (AttributeError, TypeError, ValueError):
        raise bad from None
    return results


MAX_REPORT = 64 << 20  # a cucumber report of this project is a few MiB at most


def result_of(scenario: Scenario, results: dict[tuple[str, int], list[str]]) -> str:
    runs = results.get((scenario.feature, scenario.line))
    if not runs:
        return "not run"
    worst = "failed" if "failed" in runs else "skipped" if "skipped" in runs else "passed"
    return worst if len(runs) == 1 else f"{worst} ({runs.count('passed')}/{len(runs)})"


def result_class(result: str) -> str:
    return slug(result.split(" ")[0])


def source_links(ids: Iterable[str | None], record: Record, short: bool = False
                 ) -> list[dict[str, Any]]:
    """Sources by id and title (short: by id, the title on hover), with their web address
    when they have one."""
    out = []
    for sid in ids:
        if not sid:
            continue
        src = record.source_of(sid)
        title = str(src.get("title", sid))
        url = src.get("url")
        out.append({"label": sid if short else f"{sid}: {title}", "title": title,
                    "url": url if isinstance(url, str) and url.startswith("http") else None})
    return out


def page(template: str, title: str, record: Record, **context: Any) -> str:
    from mla_rules.present.templates import render

    return render(template, title=title, as_of=record.as_of, **context)


def file_headers(rules_dir: Path = RULES_DIR) -> dict[str, str]:
    """Each rules file's opening comment: its summary of the articles it encodes."""
    out = {}
    for path in sorted(rules_dir.glob("*.dl")):
        lines = []
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.startswith("#") or raw.startswith("#@"):
                break
            lines.append(raw[1:].strip())
        out[f"rules/{path.name}"] = "\n".join(lines).strip()
    return out


def _scenario_link(s: Scenario, results: dict[tuple[str, int], list[str]]) -> dict[str, Any]:
    result = result_of(s, results)
    return {"anchor": s.anchor, "feature": s.feature_title.split(" — ")[0], "name": s.name,
            "result": result, "result_class": result_class(result)}


def _rule(rule: Rule, scenarios: list[Scenario],
          results: dict[tuple[str, int], list[str]]) -> dict[str, Any]:
    return {"id": rule.id, "status": rule.status, "article": article(rule.article),
            "gloss": rule.gloss,
            "clauses": "\n".join(c.where + "\n  " + _clause_text(c) for c in rule.clauses),
            "scenarios": [_scenario_link(s, results) for s in scenarios if rule.id in s.tags]}


def _clause_text(clause: Clause) -> str:
    path, number = clause.where.rsplit(":", 1)
    lines = (RULES_DIR.parent / path).read_text(encoding="utf-8").splitlines()
    return lines[int(number) - 1].strip()


def index_page(book: Rulebook, record: Record, articles: list[dict[str, Any]],
               scenarios: list[Scenario], results: dict[tuple[str, int], list[str]]) -> str:
    headers = file_headers()
    by_article: dict[str, list[Rule]] = {}
    for rule in book.rules.values():
        for key in article_keys(rule.article):
            by_article.setdefault(key, []).append(rule)
    run = [result_of(s, results) for s in scenarios]
    shown = []
    for a in articles:
        rules = by_article.get(a["id"], [])
        params = [p for p in record.parameters.values() if a["id"] in article_keys(p.article)]
        shown.append({
            "slug": slug(a["id"]), "title": a["title"], "summary": a["summary"],
            "points": [{"status": p["status"], "says": p["says"],
                        "sources": source_links(p.get("sources", []), record)}
                       for p in a.get("points", [])],
            "parameters": [{"name": p.name, "value": p.value, "status": p.status,
                            "note": p.note or "", "sources": source_links([p.source], record)}
                           for p in params],
            "files": [(name, headers.get(name, ""))
                      for name in sorted({r.where.split(":")[0] for r in rules})],
            "rules": [_rule(r, scenarios, results) for r in rules]})
    return page("docs/index.html", "The Convention as encoded: articles, rules and scenarios",
                record, rule_count=len(book.rules), article_count=len(by_article),
                scenario_count=len(scenarios),
                run={"passed": sum(r.startswith("passed") for r in run),
                     "failed": sum(r.startswith("failed") for r in run),
                     "not_run": sum(r == "not run" for r in run)},
                articles=shown, instruments=instruments(record))


def scenarios_page(features: list[Feature], record: Record,
                   results: dict[tuple[str, int], list[str]]) -> str:
    shown = [{"slug": slug(f.file), "file": f.file, "title": f.title,
              "description": f.description, "background": f.background,
              "scenarios": [{**_scenario_link(s, results), "name": s.name, "tags": s.tags,
                             "text": s.text} for s in f.scenarios]} for f in features]
    return page("docs/scenarios.html", "Scenarios: the specifications and their last results",
                record, features=shown)


def states_page(record: Record, engine: Engine) -> str:
    codes = sorted({e.state for e in record.events},
                   key=lambda c: collation_key(record.states.get(c).name))
    in_force = dict(engine.query("in_force_for", (None, None)))
    states = []
    for code in codes:
        events = record.events_of(code)
        sources = [e.source for e in events] + [n.source for n in record.notes
                                                if n.state == code]
        notes = [f"{e.type} (Art. {e.article}): {e.gist or ''}"
                 for e in events if e.type == "reservation"]
        notes += [f"Art. {n.article} ({n.topic}): {n.gist}"
                  for n in record.notes if n.state == code]
        notes += [f"{e.type}: {e.note}" for e in events if e.note and e.type != "reservation"]
        states.append({
            "code": code, "name": record.states.get(code).name,
            "signature": [e for e in events if e.type == "signature"],
            "instrument": [e for e in events if e.type in INSTRUMENTS],
            "in_force": in_force.get(code, "—"),
            "opt_ins": [e for e in events
                        if e.type in ("declaration", "declaration-withdrawal")],
            "provisional": [e for e in events if e.type in PROVISIONAL_AND_DENUNCIATION],
            "notes": notes, "sources": source_links(dict.fromkeys(sources), record, short=True)})
    cited = dict.fromkeys(e.source for e in record.events if e.source)
    cited.update(dict.fromkeys(n.source for n in record.notes if n.source))
    return page("docs/states.html", "The States in the record", record, states=states,
                cited=[source_links([sid], record) for sid in cited])


def instrument_file(instrument_id: str) -> str:
    return f"instrument-{slug(instrument_id)}.html"


def instruments(record: Record) -> list[dict[str, Any]]:
    """Every instrument of the catalogue, in catalogue order, as its page shows it: clauses,
    displacement, entry into force, and its parties' acts (the Convention's from the record's
    events, the others' from the framework's) with their sources."""
    fw = record.framework
    if fw is None:
        return []
    names = {s.alpha_3: s.name for s in record.states.all()}
    out = []
    for inst in fw.instruments.values():
        if inst.convention:
            acts: list[Any] = sorted(record.events,
                                     key=lambda e: (collation_key(names[e.state]), e.date))
        else:
            acts = sorted((e for e in fw.events if e.instrument == inst.id),
                          key=lambda e: (collation_key(names[e.state]), e.date))
        events = [{"state": e.state, "name": names[e.state], "type": e.type, "date": e.date,
                   "effective": e.effective,
                   "other": getattr(e, "other", None) or getattr(e, "acts_before", None),
                   "status": e.status, "sources": source_links([e.source], record),
                   "note": e.note} for e in acts]
        eif = inst.entry_into_force
        out.append({
            "id": inst.id, "title": inst.short[:1].upper() + inst.short[1:],
            "full_title": inst.title, "page": instrument_file(inst.id),
            "adopted": inst.adopted, "depositary": inst.depositary,
            "sources": source_links([inst.source], record), "convention": inst.convention,
            "application": inst.application,
            "parties_list": "complete" if inst.complete else "partial",
            "known_total": inst.known_total, "listing_note": inst.listing_note,
            "coverage": None if inst.convention else fw.coverage(inst.id),
            "as_of": record.as_of if inst.convention else inst.as_of,
            "clauses": [{"provision": c.provision, "kinds": c.kinds, "crimes": c.crimes,
                         "nature": c.nature, "status": c.status,
                         "sources": source_links([c.source], record),
                         "conditions": c.conditions} for c in inst.clauses],
            "displaces": [{"page": instrument_file(d.instrument),
                           "title": fw.instruments[d.instrument].short, "kinds": d.kinds,
                           "article": d.article, "status": d.status, "note": d.note,
                           "sources": source_links([d.source], record)}
                          for d in inst.displaces],
            "displaced_by": [{"page": instrument_file(o.id), "title": o.short}
                             for o in fw.instruments.values()
                             if any(d.instrument == inst.id for d in o.displaces)],
            "entry_into_force": None if eif is None else {
                "article": eif.article, "threshold": eif.threshold, "unit": eif.unit,
                "amount": eif.amount, "general": eif.general, "status": eif.status,
                "note": eif.note, "sources": source_links([eif.source], record)},
            "parties": sorted({e["state"] for e in events}),
            "events": events})
    return out


def instrument_pages(record: Record) -> dict[str, str]:
    return {i["page"]: page("docs/instrument.html", i["title"], record, i=i)
            for i in instruments(record)}


def build(output: Path, report: Path | None = None, facts: Path = FACTS_DIR) -> list[Path]:
    """Write the site into `output`; returns the pages written."""
    record = load_record(facts)
    book = load_rulebook()
    doc = load_yaml(facts / "articles.yaml", "facts/articles.yaml") or {}
    articles: list[dict[str, Any]] = list(doc.get("articles", []))
    features = parse_features()
    scenarios = [s for f in features for s in f.scenarios]
    results = read_results(report)
    pages = {"index.html": index_page(book, record, articles, scenarios, results),
             "scenarios.html": scenarios_page(features, record, results),
             "states.html": states_page(record, Engine(record, book)),
             **instrument_pages(record)}
    # every page is rendered before anything is written; each is written whole (a temporary
    # file renamed over it), so a failing write leaves no half-written page
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages.items():
        target = output / name
        partial = output / f".{name}.partial"
        try:
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        written.append(target)
    return written
