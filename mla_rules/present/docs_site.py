"""The documentation site (`mla docs`): the law as encoded, in one place a lawyer can read.

Three plain HTML pages, no script, no external asset, readable from the file system:
- index.html: per article, what is known of it (each point with its status and sources), the
  notes of the rules files that encode it, its parameters, the rules with their glosses and
  clauses, and for each rule the scenarios that exercise it with their last result;
- scenarios.html: every feature and scenario, with its tags (rule ids) and last result;
- states.html: every State in the record, with its signature, instrument, entry into force,
  opt-ins, provisional application, denunciation, notes and sources, and the as-of date.

Results come from pytest-bdd's cucumber JSON report (`pytest --cucumberjson=FILE`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from mla_rules.law.engine import FACTS_DIR, RULES_DIR, Engine, load_rulebook
from mla_rules.law.rulebook import Clause, Rule, Rulebook
from mla_rules.present.render import article
from mla_rules.record.record import INSTRUMENTS, Record, load_record
from mla_rules.record.yamlfile import load as load_yaml

FEATURES_DIR = RULES_DIR.parent / "features"
PROVISIONAL_AND_DENUNCIATION = ("provisional-application", "provisional-application-end",
                                "denunciation")
CSS = """
body{font:15px/1.45 system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem;
color:#1b1b1b}
nav a{margin-right:1rem}h2{border-top:2px solid #ccc;padding-top:.6rem;margin-top:2rem}
.status,.result{display:inline-block;padding:0 .4em;border-radius:.3em;font-size:.85em;
font-weight:600}
.confirmed,.passed{background:#d8f0d8}.inferred{background:#dde8f8}
.unverified,.not-run{background:#fbe3c4}.interpretation{background:#ecdcf5}
.failed{background:#f7c6c6}.skipped{background:#eee}
pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;white-space:pre-wrap}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.25rem .4rem;
vertical-align:top;text-align:left;font-size:.92em}
td:nth-child(2){white-space:nowrap}.rule{margin:1rem 0 1rem 1rem}
"""


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def badge(status: str, cls: str = "status") -> str:
    return f'<span class="{cls} {esc(status)}">{esc(status)}</span>'


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
    results: dict[tuple[str, int], list[str]] = {}
    for feature in json.loads(report.read_text(encoding="utf-8")):
        name = Path(str(feature.get("uri", ""))).name
        for element in feature.get("elements", []):
            statuses = [s.get("result", {}).get("status", "skipped")
                        for s in element.get("steps", [])]
            status = ("failed" if "failed" in statuses else
                      "skipped" if not statuses or "skipped" in statuses else "passed")
            results.setdefault((name, int(element.get("line", 0))), []).append(status)
    return results


def result_of(scenario: Scenario, results: dict[tuple[str, int], list[str]]) -> str:
    runs = results.get((scenario.feature, scenario.line))
    if not runs:
        return "not run"
    worst = "failed" if "failed" in runs else "skipped" if "skipped" in runs else "passed"
    return worst if len(runs) == 1 else f"{worst} ({runs.count('passed')}/{len(runs)})"


def result_badge(result: str) -> str:
    return f'<span class="result {slug(result.split(" ")[0])}">{esc(result)}</span>'


def page(title: str, body: Iterable[str], record: Record) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body>\n"
            f'<nav><a href="index.html">Articles and rules</a><a href="scenarios.html">'
            f'Scenarios</a><a href="states.html">States</a></nav>\n<h1>{esc(title)}</h1>\n'
            f'<p>Record as of <strong id="as-of">{esc(record.as_of)}</strong>. The text of '
            f"the Convention could not be read: each point says how sure it is.</p>\n"
            + "\n".join(body) + "\n</body></html>\n")


def source_links(ids: Iterable[str | None], record: Record, short: bool = False) -> str:
    """Sources by id and title (short: by id, the title on hover), linked when they have a
    web address."""
    out = []
    for sid in ids:
        if not sid:
            continue
        src = record.source_of(sid)
        title = esc(src.get("title", sid))
        url = src.get("url")
        label = esc(sid) if short else f"{esc(sid)}: {title}"
        out.append(f'<a class="source" href="{esc(url)}" title="{title}">{label}</a>'
                   if isinstance(url, str) and url.startswith("http")
                   else f'<span class="source" title="{title}">{label}</span>')
    return "; ".join(out) or "<em>no source</em>"


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


def _rule_html(rule: Rule, scenarios: list[Scenario],
               results: dict[tuple[str, int], list[str]]) -> str:
    tagged = [s for s in scenarios if rule.id in s.tags]
    items = "".join(
        f'<li><a href="scenarios.html#{s.anchor}">{esc(s.feature_title.split(" — ")[0])}: '
        f"{esc(s.name)}</a> {result_badge(result_of(s, results))}</li>" for s in tagged)
    clauses = "\n".join(c.where + "\n  " + _clause_text(c) for c in rule.clauses)
    return (f'<div class="rule" id="rule-{esc(rule.id)}"><h4>Rule <code>{esc(rule.id)}</code> '
            f"{badge(rule.status)} <small>{esc(article(rule.article))}</small></h4>"
            f'<p class="gloss">{esc(rule.gloss)}</p><pre>{esc(clauses)}</pre>'
            f"<p>Scenarios exercising it ({len(tagged)}):</p>"
            f'<ul class="scenarios">{items or "<li><strong>none</strong></li>"}</ul></div>')


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
    body = [f"<p>{len(book.rules)} rules encode {len(by_article)} articles; "
            f"{len(scenarios)} scenarios exercise them. Last test run: "
            f"{sum(r.startswith('passed') for r in run)} passed, "
            f"{sum(r.startswith('failed') for r in run)} failed, "
            f"{sum(r == 'not run' for r in run)} not run.</p>",
            "<ul>" + "".join(f'<li><a href="#art-{slug(a["id"])}">{esc(a["title"])}</a> '
                             f"({len(by_article.get(a['id'], []))} rules)</li>"
                             for a in articles) + "</ul>"]
    for a in articles:
        rules = by_article.get(a["id"], [])
        body.append(f'<section class="article" id="art-{slug(a["id"])}">'
                    f"<h2>{esc(a['title'])}</h2><p>{esc(a['summary'])}</p><ul>")
        for p in a.get("points", []):
            body.append(f"<li>{badge(p['status'])} {esc(p['says'])}<br><small>Sources: "
                        f"{source_links(p.get('sources', []), record)}</small></li>")
        body.append("</ul>")
        params = [p for p in record.parameters.values()
                  if a["id"] in article_keys(p.article)]
        if params:
            body.append("<h3>Parameters</h3><table><tr><th>Parameter</th><th>Value</th>"
                        "<th>Status</th><th>Note</th><th>Source</th></tr>")
            body += [f"<tr><td><code>{esc(p.name)}</code></td><td>{p.value}</td>"
                     f"<td>{badge(p.status)}</td><td>{esc(p.note or '')}</td>"
                     f"<td>{source_links([p.source], record)}</td></tr>" for p in params]
            body.append("</table>")
        files = sorted({r.where.split(":")[0] for r in rules})
        for name in files:
            body.append(f"<h3>Notes in <code>{esc(name)}</code></h3>"
                        f"<pre>{esc(headers.get(name, ''))}</pre>")
        body.append(f"<h3>Rules ({len(rules)})</h3>" if rules
                    else "<p><em>No rule encodes this article.</em></p>")
        body += [_rule_html(r, scenarios, results) for r in rules]
        body.append("</section>")
    return page("The Convention as encoded: articles, rules and scenarios", body, record)


def scenarios_page(features: list[Feature], record: Record,
                   results: dict[tuple[str, int], list[str]]) -> str:
    body = []
    for f in features:
        body.append(f'<section class="feature" id="{slug(f.file)}"><h2>{esc(f.title)}</h2>'
                    f"<p>{esc(f.description)}</p><p><small>features/{esc(f.file)}</small></p>")
        if f.background:
            body.append(f"<h4>Background</h4><pre>{esc(f.background)}</pre>")
        for s in f.scenarios:
            tags = " ".join(f'<a href="index.html#rule-{esc(t)}">@{esc(t)}</a>' for t in s.tags)
            body.append(f'<div class="scenario" id="{s.anchor}"><h3>{esc(s.name)} '
                        f"{result_badge(result_of(s, results))}</h3><p>{tags}</p>"
                        f"<pre>{esc(s.text)}</pre></div>")
        body.append("</section>")
    return page("Scenarios: the specifications and their last results", body, record)


def states_page(record: Record, engine: Engine) -> str:
    codes = sorted({e.state for e in record.events},
                   key=lambda c: record.states.get(c).name)
    in_force = dict(engine.query("in_force_for", (None, None)))
    body = [f"<p>{len(codes)} States appear in the record. Later ratifications, declarations "
            f"and denunciations may exist: the record is as of {esc(record.as_of)}.</p>",
            '<table id="states"><tr><th>State</th><th>Signature</th><th>Instrument</th>'
            "<th>Entry into force for it</th><th>Opt-ins (Art. 2(2))</th><th>Provisional "
            "application, denunciation</th><th>Notes</th><th>Sources</th></tr>"]
    for code in codes:
        events = record.events_of(code)
        sources = [e.source for e in events] + [n.source for n in record.notes
                                                if n.state == code]

        def cell(kinds: tuple[str, ...], events: list[Any] = events) -> str:
            return "<br>".join(_event_text(e) for e in events if e.type in kinds) or "—"

        notes = [f"{esc(e.type)} (Art. {esc(e.article)}): {esc(e.gist or '')}"
                 for e in events if e.type == "reservation"]
        notes += [f"Art. {esc(n.article)} ({esc(n.topic)}): {esc(n.gist)}"
                  for n in record.notes if n.state == code]
        notes += [f"{esc(e.type)}: {esc(e.note)}" for e in events
                  if e.note and e.type != "reservation"]
        body.append(
            f'<tr id="state-{esc(code)}"><td>{esc(record.states.get(code).name)} '
            f"({esc(code)})</td><td>{cell(('signature',))}</td><td>{cell(INSTRUMENTS)}</td>"
            f"<td>{esc(in_force.get(code, '—'))}</td>"
            f"<td>{cell(('declaration', 'declaration-withdrawal'))}</td>"
            f"<td>{cell(PROVISIONAL_AND_DENUNCIATION)}</td><td>{'<br>'.join(notes) or '—'}</td>"
            f"<td>{source_links(dict.fromkeys(sources), record, short=True)}</td></tr>")
    body.append("</table><h2>Sources</h2><ul>")
    cited = dict.fromkeys(e.source for e in record.events if e.source)
    cited.update(dict.fromkeys(n.source for n in record.notes if n.source))
    body += [f"<li>{source_links([sid], record)}</li>" for sid in cited]
    body.append("</ul>")
    return page("The States in the record", body, record)


def _event_text(e: Any) -> str:
    text = f"{esc(e.date)}"
    if e.type not in ("signature",):
        text += f" {esc(e.type)}"
    if e.annexes:
        text += f": Annexes {esc(', '.join(e.annexes))}"
    if e.parts:
        text += f": Part {esc(', '.join(e.parts))}"
    if e.territory:
        text += f" ({esc(e.territory)})"
    if e.effective:
        text += f", effective {esc(e.effective)}"
    if e.status != "confirmed":
        text += f" {badge(e.status)}"
    return text


def build(output: Path, report: Path | None = None, facts: Path = FACTS_DIR) -> list[Path]:
    """Write the site into `output`; returns the pages written."""
    record = load_record(facts)
    book = load_rulebook()
    doc = load_yaml(facts / "articles.yaml", "facts/articles.yaml") or {}
    articles: list[dict[str, Any]] = list(doc.get("articles", []))
    features = parse_features()
    scenarios = [s for f in features for s in f.scenarios]
    results = read_results(report)
    output.mkdir(parents=True, exist_ok=True)
    pages = {"index.html": index_page(book, record, articles, scenarios, results),
             "scenarios.html": scenarios_page(features, record, results),
             "states.html": states_page(record, Engine(record, book))}
    written = []
    for name, text in pages.items():
        (output / name).write_text(text, encoding="utf-8")
        written.append(output / name)
    return written
