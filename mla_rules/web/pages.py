"""The pages: server-rendered from the templates (present/templates/web/), usable without
JavaScript (every form is a plain GET or POST; every answer has a shareable URL), enhanced by
one small local script (static/app.js: suggestions as you type, more event rows).

- Ask (/): can-request and legal-basis for one question;
- States (/state, /state/{code}): a State's record and participation;
- What-if (/what-if): a scenario from a form, a pasted text or a file, compared with the
  shipped record or with another scenario (pasted or uploaded: as two alternatives, or with
  the scenario on top of it); the diff, the grids, and the same HTML report as
  `mla what-if --format html`;
- Documentation (/docs/): the living documentation site of `mla docs`, built at first use;
- API (/api/docs): the OpenAPI description, rendered here (no asset from a CDN).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from mla_rules.errors import AmbiguousName, DataError, MlaError, Unavailable, UsageError
from mla_rules.present.templates import render
from mla_rules.record.framework import CONVENTION_ID
from mla_rules.web import service

HERE = Path(__file__).resolve().parent
router = APIRouter(include_in_schema=False)
MAX_ROWS = 50  # event rows read from the what-if form


def html(template: str, http_status: int = 200, /, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(f"web/{template}", **context), status_code=http_status)


# The pages speak of their own fields, of the pasted scenario and of the uploaded file, where
# the shared error texts (errors.py and the record's checks, worded for the CLI and the API)
# name a command, an option or "(request body)". The API keeps those texts as they are.
PASTED, UPLOADED, ROWS = "the pasted scenario", "the uploaded file", "the event rows"
# the second scenario of a comparison (the other alternative, or the one to add yours to)
OTHER_PASTED, OTHER_UPLOADED = "the other scenario (pasted)", "the other scenario's file"
_BODY = re.compile(re.escape(service.BODY_LABEL)
                   + r"(?: line (?P<line>\d+)|, event (?P<event>\d+)|: (?=(?:is|must|has) ))?")
CLI_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words) for pattern, words in (
        (r"`mla states` lists them", "the States page lists them"),
        (r"`mla crimes` lists them", "the Crime field suggests them as you type"),
        (r"`mla instruments` lists them", "the Documentation lists them"),
        (r" \(`mla instruments`\)", " (the Documentation says which)"),
        (r"^Give the date of the comparison with the `on` parameter, e\.g\. \?on=(\S+)\.$",
         r"Enter the Date of the questions (e.g. \1) to compare them on one date."),
        (r"the `on` parameter, e\.g\. \?on=",
         "the Date of the questions, e.g. "),
        (r"--committed\b", "the date of the conduct"),
        (r"--on\b", "the date"),
        (r"^Use mla or extradition\.$", "Choose mutual legal assistance or extradition."),
        (r"^request body over ", "the form, with its file, is over "),
    ))
# the fields a message may begin with ("on: 'x' is not a date …"), as each page names them
ASK_FIELDS = {"on": "the Date of the request", "committed": "the Date of the conduct"}
WHAT_IF_FIELDS = {"on": "the Date of the questions"}
PAGE_FIELDS = {"on": "the date"}


def page_words(text: str | None, source: str = "the scenario",
               fields: Mapping[str, str] = PAGE_FIELDS) -> str | None:
    """An error's message or hint as a page says it: `source` for the request body (the
    pasted scenario, the uploaded file; ROWS: the form's event rows), a field's label for its
    parameter name, the page to use for the command to run."""
    if not text:
        return text

    def body(m: re.Match[str]) -> str:
        if m["line"]:
            return f"{source}, line {m['line']}"
        if m["event"]:
            return f"event row {m['event']}" if source == ROWS else \
                f"{source}, event {m['event']}"
        return f"{source} " if m[0].endswith(" ") else source

    text = _BODY.sub(body, text)
    name, colon, rest = text.partition(": ")
    if colon and name in fields:
        text = f"{fields[name]}: {rest}"
    for pattern, words in CLI_WORDS:
        text = pattern.sub(words, text)
    return text


def page_error(e: MlaError, source: str = "the scenario",
               fields: Mapping[str, str] = PAGE_FIELDS) -> dict[str, Any]:
    """An MlaError for error_box, in the page's words."""
    return {"message": page_words(e.message, source, fields),
            "hint": page_words(e.hint, source, fields)}


PAGES = (("/", "Ask a question"), ("/state", "States"), ("/what-if", "What if…?"),
         ("/docs/index.html", "Documentation"), ("/api/docs", "API"))


def error_page(request: Request, status: int, message: str, hint: str | None,
               headers: Mapping[str, str] | None = None, heading: str | None = None
               ) -> Response:
    """An error as a page of the site: the message in the page's words, and the way back to
    every page."""
    response = html("error.html", status, title=heading or "Error",
                    message=page_words(message), hint=page_words(hint), status=status,
                    heading=heading, pages=PAGES)
    response.headers.update(headers or {})
    return response


LIMIT = f"{service.MAX_BODY / 2**20:g} MiB"  # the body limit as a page says it
WHAT_IF_PATHS = ("/what-if", "/what-if/report")


def too_large_page(path: str) -> Response:
    """A form over the body limit (web/application.py refuses it before reading it, or as it
    arrives), in the words of the page it was sent to: the What-if page again, its error box
    saying so; any other page, an error page with the way back to every page."""
    size = f"{LIMIT} ({service.MAX_BODY:,} bytes)"
    if path.rstrip("/") in WHAT_IF_PATHS:
        error = {"message": f"the uploaded file, or the pasted scenario, is over {LIMIT}",
                 "hint": f"The What-if page reads a scenario of at most {size}, with the "
                         "rest of the form: choose a smaller file, or paste fewer events."}
        return html("whatif.html", 413, title="What if", **_form_context({}, error))
    return html("error.html", 413, title="Error", message=f"the form is over {LIMIT}",
                hint=f"A page reads a form of at most {size}.", status=413,
                heading="the form is too large", pages=PAGES)


def _choose(e: AmbiguousName, href: Callable[[str], str]) -> dict[str, Any]:
    """The error of a name of several States, for error_box: its hint ends with one link per
    candidate (`href(code)`), every part escaped."""
    links = [Markup('<a href="{}">{} ({})</a>').format(href(s.alpha_3), s.name, s.alpha_3)
             for s in e.candidates]
    if len(links) > 1:
        links = [Markup(", ").join(links[:-1]) + Markup(" or ") + links[-1]]
    return {"message": page_words(e.message),
            "hint": Markup("{} Choose: {}.").format(page_words(e.hint) or "", links[0])}


def _asked_again(path: str, form: dict[str, str], e: AmbiguousName) -> Callable[[str], str]:
    """The address of the same question with the ambiguous State replaced by one code."""
    from urllib.parse import urlencode

    field = {"requesting State": "from", "requested State": "to"}.get(e.role, "")
    return lambda code: f"{path}?" + urlencode(
        {k: v for k, v in {**form, field: code}.items() if v})


def _choice_page(e: AmbiguousName, href: Callable[[str], str]) -> Response:
    error = _choose(e, href)
    return html("error.html", 400, title="Error", message=error["message"],
                hint=error["hint"], status=400, pages=PAGES)


def _choices() -> dict[str, Any]:
    """What the forms offer: every State (names and codes), the crimes, the instruments."""
    from mla_rules.questions.context import shipped_record

    record = shipped_record()
    fw = record.framework
    return {"states": [(s.alpha_3, s.name) for s in record.states.all()],
            "crimes": [(c.id, c.label) for c in record.crimes.values()],
            "instruments": [(i.id, i.short) for i in fw.instruments.values()] if fw else []}


@router.get("/", response_class=HTMLResponse)
def ask_page(requesting: Annotated[str, Query(alias="from")] = "",
             requested: Annotated[str, Query(alias="to")] = "",
             crime: str = "", kind: str = "mla", on: str = "", committed: str = ""
             ) -> Response:
    """The Ask form and, once the question is complete, its answer: the instrument to cite
    first, then the other bases, the Convention's own verdict, and what does not apply."""
    form = {"from": requesting, "to": requested, "crime": crime, "kind": kind, "on": on,
            "committed": committed}
    context: dict[str, Any] = {"title": "Ask", "form": form, **_choices(), "error": None,
                               "answer": None, "bases": None, "query": None}
    if not (requesting or requested or crime):
        return html("ask.html", **context)
    try:
        for name, value in (("requesting State", requesting),
                            ("requested State", requested), ("crime", crime)):
            if not value.strip():
                raise UsageError(f"the {name} is missing", "Give the requesting State, the "
                                 "requested State and the crime.")
        context.update(_answer(requesting, requested, crime, kind, on or None,
                               committed or None))
    except AmbiguousName as e:
        return html("ask.html", 400, **{**context, "error": _choose(e, _asked_again("/", form,
                                                                                e))})
    except MlaError as e:
        status = 422 if isinstance(e, DataError) else 400
        return html("ask.html", status, **{**context,
                                           "error": page_error(e, fields=ASK_FIELDS)})
    return html("ask.html", **context)


def _question(requesting: str, requested: str, crime: str, kind: str, on: str | None,
              committed: str | None) -> tuple[Any, str | None]:
    """The question and the date of the conduct, checked as the CLI checks them."""
    if kind not in ("mla", "extradition"):
        raise UsageError(f"unknown kind '{kind}'", "Use mla or extradition.")
    record = service.record()
    q = service.question_of(record, requesting, requested, crime, kind, on)
    return q, service.date(committed, "date of the conduct")


def _answer(requesting: str, requested: str, crime: str, kind: str, on: str | None,
            committed: str | None = None) -> dict[str, Any]:
    from urllib.parse import urlencode

    from mla_rules.present.documents import can_request_document
    from mla_rules.present.legal_basis import NATURE_WORDS, answer_sources, legal_basis_dict
    from mla_rules.questions.answer import ask
    from mla_rules.questions.legal_basis import legal_basis, other_bases

    q, acts = _question(requesting, requested, crime, kind, on, committed)
    with service.engine() as engine:
        answer = ask(engine, q)
        doc = can_request_document(answer, other_bases(engine, q), engine.rulebook)
        lb = legal_basis(engine, q, acts)
        bases = legal_basis_dict(lb, engine.rulebook)
        # the page shows the Convention's explanation and notes even where it does not
        # apply: their sources too, after those of `mla legal-basis`
        sources = answer_sources(lb, answer)
    query = urlencode({"from": q.requesting.alpha_3, "to": q.requested.alpha_3,
                       "crime": q.crime.id, "kind": q.kind, "on": q.on,
                       **({"committed": acts} if acts else {})})
    return {"answer": doc, "bases": bases, "sources": sources, "query": query,
            "natures": NATURE_WORDS,
            "names": {q.requesting.alpha_3: q.requesting.name,
                      q.requested.alpha_3: q.requested.name}}


@router.get("/memo", response_class=HTMLResponse)
def memo_page(requesting: Annotated[str, Query(alias="from")] = "",
              requested: Annotated[str, Query(alias="to")] = "",
              crime: str = "", kind: str = "mla", on: str = "", committed: str = ""
              ) -> Response:
    """The memo to file of `mla legal-basis --format html`: one self-contained page to
    print or save as PDF."""
    from mla_rules.present.memo import memo_html
    from mla_rules.questions.legal_basis import legal_basis

    for name, value in (("requesting State (from)", requesting),
                        ("requested State (to)", requested), ("crime", crime)):
        if not value.strip():
            raise UsageError(f"the {name} is missing", "The memo needs from, to and crime "
                             "(and kind, on, committed as on the Ask page).")
    try:
        q, acts = _question(requesting, requested, crime, kind, on or None,
                            committed or None)
    except AmbiguousName as e:
        form = {"from": requesting, "to": requested, "crime": crime, "kind": kind, "on": on,
                "committed": committed}
        return _choice_page(e, _asked_again("/memo", form, e))
    with service.engine() as engine:
        return HTMLResponse(memo_html(legal_basis(engine, q, acts), engine.rulebook))


@router.get("/state", response_class=HTMLResponse)
def states_page(code: str = "") -> Response:
    """The States of the record; `?code=` (the form without JavaScript) goes to one."""
    from mla_rules.questions.context import shipped_record

    record = shipped_record()
    if code.strip():
        try:
            state = record.states.resolve(code)
        except AmbiguousName as e:
            return _choice_page(e, lambda c: f"/state/{c}")
        return RedirectResponse(f"/state/{state.alpha_3}", status_code=303)
    from mla_rules.record.names import collation_key

    in_record = sorted({e.state for e in record.events},
                       key=lambda c: collation_key(record.states.get(c).name))
    return html("states.html", title="States", **_choices(),
                in_record=[(c, record.states.get(c).name) for c in in_record],
                as_of=record.as_of)


@router.get("/state/{code}", response_class=HTMLResponse)
def state_page(code: str, on: str = "") -> Response:
    from mla_rules.present.status import status_dict, status_sources
    from mla_rules.questions.status import state_status
    from mla_rules.record.dates import human, today

    try:
        state = service.record().states.resolve(code)
    except AmbiguousName as e:
        return _choice_page(e, lambda c: f"/state/{c}")
    when = service.date(on or None) or today()
    with service.engine() as engine:
        data = status_dict(state_status(engine, state, when), engine.rulebook, engine.record)
        sources = status_sources(data, engine.record)
    return html("state.html", title=state.name, status=data, sources=sources, human=human,
                on=on)


@router.get("/what-if", response_class=HTMLResponse)
def what_if_form() -> Response:
    return html("whatif.html", title="What if", **_form_context({}))


def _form_context(form: dict[str, Any], error: dict[str, Any] | None = None
                  ) -> dict[str, Any]:
    from mla_rules.record.framework import PARTY_TYPES
    from mla_rules.record.record import EVENT_TYPES

    rows = form.get("rows") or []
    rows = rows + [{}] * max(1, 3 - len(rows))
    return {**_choices(), "form": form, "rows": rows, "error": error,
            "types": list(dict.fromkeys((*EVENT_TYPES, *PARTY_TYPES))), "result": None,
            "compare": COMPARE}


@router.post("/what-if", response_class=HTMLResponse)
async def what_if_page(request: Request) -> Response:
    """The scenario from the form (a file, a pasted text, or the event rows), and its diff:
    with the shipped record, or with another scenario (pasted or uploaded), as two
    alternatives or with the scenario added on top of it."""
    try:
        form, raw, other = await _read_form(request)
    except service.TooLarge:  # a body sent without its length, over the limit as it came
        return too_large_page(request.url.path)
    try:
        result = await run_in_threadpool(_what_if, form, raw, other)
    except MlaError as e:
        return _what_if_failed(form, raw, e)
    return html("whatif.html", title="What if", **{**_form_context(form), "result": result})


def _what_if_failed(form: dict[str, Any], raw: bytes | None, e: MlaError) -> Response:
    """The What-if form again, with what went wrong in the page's words, naming the scenario
    it is about (the other scenario's errors say so: `page_source`)."""
    busy = isinstance(e, Unavailable)  # busy, or over its time budget: 503
    status = 503 if busy else 413 if isinstance(e, service.TooLarge) else 422 if \
        isinstance(e, DataError) else 400
    source = getattr(e, "page_source", None) or _source(form, raw)
    page = html("whatif.html", status, title="What if", **_form_context(
        form, page_error(e, source, WHAT_IF_FIELDS)))
    if busy:
        page.headers["retry-after"] = str(getattr(e, "retry_after", 2))
    return page


@router.post("/what-if/report")
async def what_if_report(request: Request) -> Response:
    """The HTML report of `mla what-if --format html`, as a file to keep or send."""
    try:
        form, raw, other = await _read_form(request)
    except service.TooLarge:
        return too_large_page(request.url.path)

    @service.budgeted
    def build() -> tuple[str, str]:
        from mla_rules.present.report import render as report

        scenario, against = _scenarios(form, raw, other)
        w = service.what_if(scenario, against, form.get("on") or None)
        base = service.shipped_gap(w.diff.on)
        with service.admitted(*_size(scenario, against)):
            text = report(w.diff, w.name, [], w.description, base, ask="web")
        return text, w.name if against is None else f"{w.name} {_joined(against)} {w.against}"

    try:
        text, named = await run_in_threadpool(build)
    except MlaError as e:  # as the page says it (the report is asked from the page's form)
        return _what_if_failed(form, raw, e)
    name = re.sub(r"[^A-Za-z0-9]+", "-", named).strip("-")[:120].strip("-")
    return HTMLResponse(text, headers={
        "Content-Disposition": f'attachment; filename="{name or "what-if"}-report.html"'})


def _joined(against: service.Baseline) -> str:
    """How a report's file name joins the two scenarios' names."""
    return "on top of" if against.on_top else "against"


async def _read_form(request: Request
                     ) -> tuple[dict[str, Any], bytes | None, bytes | None]:
    """The form's fields (event rows as lists), and the bytes of the uploaded scenario and of
    the other scenario's uploaded file, if any."""
    try:
        data = await request.form(max_files=2, max_fields=20 + 8 * MAX_ROWS)
    except MlaError:
        raise
    except Exception as e:  # a malformed multipart body
        raise UsageError(f"the form could not be read: {e}") from None
    files: dict[str, bytes | None] = {"file": None, "other_file": None}
    for key in files:
        upload = data.get(key)
        if isinstance(upload, UploadFile) and upload.filename:  # no file chosen: no name
            files[key] = await upload.read(service.MAX_BODY + 1)  # b"": empty, said so
    form: dict[str, Any] = {k: str(data.get(k) or "").strip()
                            for k in ("name", "description", "date", "on", "scenario_text",
                                      "other_text", "compare")}
    if form["compare"] not in COMPARE:
        form["compare"] = "against"
    columns = {k: [str(v) for v in data.getlist(k)]
               for k in ("state", "type", "event_date", "annexes", "parts", "instrument")}
    rows = []
    for i in range(min(MAX_ROWS, max((len(v) for v in columns.values()), default=0))):
        row = {k: (v[i].strip() if i < len(v) else "") for k, v in columns.items()}
        if any(row[k] for k in ("state", "event_date", "annexes", "parts")):
            rows.append(row)  # the selects always have a value: a row is empty without these
    form["rows"] = rows
    return form, files["file"], files["other_file"]


def _source(form: dict[str, Any], raw: bytes | None) -> str:
    """Where the scenario came from, as the page names it in an error."""
    return UPLOADED if raw is not None else PASTED if form.get("scenario_text") else ROWS


# how the page compares a scenario with the other one: the body's key (service.scenarios_of)
COMPARE = {"against": "compare as alternatives",
           "on_top_of": "add my scenario on top of it"}


def _other_doc(form: dict[str, Any], other: bytes | None) -> tuple[Any] | None:
    """The other scenario (its uploaded file, else its pasted text), or None if none was
    given."""
    if other is not None:
        return (service.parse_body(other, None),)
    if form.get("other_text"):
        return (service.parse_body(form["other_text"].encode("utf-8"), None),)
    return None


def _scenarios(form: dict[str, Any], raw: bytes | None, other: bytes | None
               ) -> tuple[dict[Any, Any], service.Baseline | None]:
    """(scenario, baseline) from the form, as service.scenarios_of reads them from the API's
    body: the scenario alone, or with the other scenario as the alternative it is compared
    with (`compare=against`) or as the scenario it is added to (`compare=on_top_of`). An
    error in the other scenario names it (`page_source`): it is read, and checked on the
    shipped record, before the comparison is made."""
    doc = _scenario_doc(form, raw)
    where = OTHER_UPLOADED if other is not None else OTHER_PASTED
    try:
        found = _other_doc(form, other)
        if found is not None:
            second, nested = service.scenarios_of(found[0])  # one scenario, checked
            if nested is not None:
                raise UsageError("the other scenario is itself a comparison of two "
                                 "scenarios", ONE_EACH)
            service.with_scenario(service.record(), second)  # its errors, in its name
    except MlaError as e:
        e.page_source = where  # type: ignore[attr-defined]
        raise
    if found is None:
        return service.scenarios_of(doc)
    first, nested = service.scenarios_of(doc)  # checked first: its own errors (a key)
    if nested is not None:
        raise UsageError("your scenario is already a comparison of two scenarios, and the "
                         "other scenario is given too", ONE_EACH)
    return service.scenarios_of({"scenario": first, form["compare"]: second})


ONE_EACH = "Give one scenario in each place: yours above, the one it is compared with below."


def _scenario_doc(form: dict[str, Any], raw: bytes | None) -> Any:
    """The scenario: the uploaded file, else the pasted text, else the event rows."""
    if raw is not None:
        return service.parse_body(raw, None)
    if form.get("scenario_text"):
        return service.parse_body(form["scenario_text"].encode("utf-8"), None)
    if not form.get("rows"):
        raise UsageError("no scenario: add at least one event, paste a scenario or upload "
                         "a scenario file")
    events = []
    for row in form["rows"]:
        event: dict[str, Any] = {"state": row["state"], "type": row["type"],
                                 "date": row["event_date"]}
        for key in ("annexes", "parts"):
            if row.get(key):
                event[key] = [x for x in re.split(r"[\s,;]+", row[key]) if x]
        if row.get("instrument"):
            event["instrument"] = row["instrument"]
        events.append(event)
    doc: dict[str, Any] = {"name": form.get("name") or "What if (from the form)",
                           "events": events}
    if form.get("description"):
        doc["description"] = form["description"]
    if form.get("date"):
        doc["date"] = form["date"]
    return doc


def _size(scenario: dict[Any, Any], against: service.Baseline | None) -> tuple[int, bool]:
    """How many events the scenarios have, and whether all are the Convention's (for
    service.admitted)."""
    events: list[Any] = []
    for doc in (scenario, against.doc if against else None):
        if doc and isinstance(doc.get("events"), list):
            events += doc["events"]
    convention_only = all(not isinstance(e, dict) or e.get("instrument") in (None, CONVENTION_ID)
                          for e in events)
    return len(events), convention_only


@service.budgeted
def _what_if(form: dict[str, Any], raw: bytes | None, other: bytes | None = None
             ) -> dict[str, Any]:
    import yaml

    from mla_rules.present.report import context

    scenario, against = _scenarios(form, raw, other)
    w = service.what_if(scenario, against, form.get("on") or None)
    base = service.shipped_gap(w.diff.on)  # each side's gap is counted from it
    with service.admitted(*_size(scenario, against)):
        report = context(w.diff, w.name, [], w.description, base, ask="page")
    report["maps"]["caveat"] = page_words(report["maps"]["caveat"])  # the report keeps it

    def as_text(pasted: str | None, uploaded: bytes | None, doc: Any) -> str:
        """The scenario as it was pasted, else as a file (the download resends it)."""
        return pasted if uploaded is None and pasted else \
            yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)

    given = other is not None or bool(form.get("other_text"))  # the other scenario's box
    mode = None if against is None else "on_top_of" if against.on_top else "against"
    doc: Any = scenario
    if mode and not given:  # both came in the first box, as the API's body
        doc = {"scenario": scenario, mode: against.doc if against else None}
    return {"report": report, "against": w.against, "mode": mode,
            "scenario_yaml": as_text(form.get("scenario_text"), raw, doc),
            "other_yaml": as_text(form.get("other_text"), other, against.doc)
            if given and against else None,
            "name": w.name, "on": w.diff.on}


_docs_lock = threading.Lock()
_docs_dir: Path | None = None


def scenario_results() -> Path:
    """The scenarios' results the documentation shows: the last test run's report."""
    from mla_rules.law.engine import RULES_DIR

    return RULES_DIR.parent / "reports" / "cucumber.json"


def docs_dir() -> Path:
    """The documentation site, built once per process into a temporary directory."""
    global _docs_dir
    with _docs_lock:
        if _docs_dir is None:
            import atexit

            from mla_rules.present.docs_site import build

            out = Path(tempfile.mkdtemp(prefix="mla-docs-"))
            report = scenario_results()
            try:
                try:
                    build(out, report if report.is_file() else None)
                except DataError as e:  # a malformed test report: the site, without results
                    import logging

                    logging.getLogger("mla_rules.web").warning(
                        "%s; the documentation is served without scenario results",
                        e.message)
                    build(out, None)
            except BaseException:
                shutil.rmtree(out, True)  # no temporary directory left behind a failure
                raise
            atexit.register(shutil.rmtree, out, True)
            _docs_dir = out
        return _docs_dir


@router.get("/docs")
def docs_root() -> Response:
    return RedirectResponse("/docs/index.html", status_code=307)


@router.get("/docs/{name}")
def docs_page(name: str) -> Response:
    from starlette.exceptions import HTTPException

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,114}\.html", name):  # no page is longer
        raise HTTPException(404)
    path = docs_dir() / name
    if not path.is_file():
        raise HTTPException(404)
    return HTMLResponse(path.read_text(encoding="utf-8"))


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The OpenAPI description as a page, rendered here from /openapi.json."""
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            operations.append({"method": method.upper(), "path": path, "op": op})
    return html("api_docs.html", title="API", spec=spec, operations=operations)
