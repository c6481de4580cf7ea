"""The JSON API: the same documents as the CLI's `--format json`, produced by the same
functions (present/documents.py, present/legal_basis.py, present/status.py), byte for byte.

Every handler is a plain function that FastAPI runs in a worker thread; it checks a warm
Engine out of the bounded pool for as long as it asks (service.engine), and whole-network
work goes through admission and its cache (service.whole_network); what-if builds its
scenario engines in the request's thread.
New endpoints join `router`; their statuses go in `DOCUMENTED` below.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Coroutine, Iterable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from mla_rules.errors import AmbiguousName
from mla_rules.web import service


def ambiguous_body(e: AmbiguousName) -> dict[str, Any]:
    """The 400 of a name of several States (or of a predecessor State): the usage error's
    `error` and `hint`, and the States to choose from, `[{"code", "name"}]`."""
    return {"error": e.message, **({"hint": e.hint} if e.hint else {}),
            "candidates": [{"code": s.alpha_3, "name": s.name} for s in e.candidates]}


class _Route(APIRoute):
    """An API route whose AmbiguousName answers 400 with its candidates; every other error
    goes on to the application's handlers (application.py)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except AmbiguousName as e:
                return JSONResponse(ambiguous_body(e), status_code=400)

        return route


router = APIRouter(prefix="/api", route_class=_Route)

JSON = "application/json"
Kind = Literal["mla", "extradition"]
On = Annotated[str | None, Query(description="Date of the request, YYYY-MM-DD (default: "
                                 "today, or the scenario's `date:`).",
                                 examples=["2026-11-28"])]
FromState = Annotated[str, Query(alias="from", description="The requesting State: ISO 3166-1 "
                                 "code (LV, LVA) or name in English, French or Spanish.",
                                 examples=["Latvia"])]
ToState = Annotated[str, Query(alias="to", description="The requested State.",
                               examples=["NLD"])]
Crime = Annotated[str, Query(description="genocide, crimes-against-humanity, war-crimes, "
                             "annex-a … annex-h, or a name (aggression, torture …).",
                             examples=["genocide"])]


# The network's parameters (matrix, gap): crimes, kinds, one State's rows, and the page.
Crimes = Annotated[list[str], Query(description="Only these crimes (repeatable).")]
KindAll = Literal["mla", "extradition", "all"]
Involving = Annotated[str | None, Query(
    description="Only the rows in which this State is the requesting or the requested State.")]
Limit = Annotated[int, Query(ge=1, le=100_000, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Rows skipped.")]


def _json(text: str, headers: dict[str, str] | None = None) -> Response:
    return Response(text, media_type=JSON, headers=headers)


@router.get("/can-request", summary="May the requesting State send a request under the "
            "Convention?")
def can_request(requesting: FromState, requested: ToState, crime: Crime, kind: Kind = "mla",
                on: On = None) -> Response:
    """The answer of `mla can-request --format json`: `applies` (a "no" is an answer, 200
    like a "yes"), the failing conditions, the unverified premises, practical notes,
    warnings, the explanation tree and the other treaty bases."""
    from mla_rules.present.documents import can_request_document, dumps
    from mla_rules.questions.answer import ask
    from mla_rules.questions.legal_basis import other_bases

    with service.engine() as engine:
        q = service.question(engine, requesting, requested, crime, kind, on)
        answer = ask(engine, q)
        return _json(dumps(can_request_document(answer, other_bases(engine, q),
                                                engine.rulebook)))


@router.get("/legal-basis", summary="On which treaty can the request be based?")
def legal_basis(requesting: FromState, requested: ToState, crime: Crime, kind: Kind = "mla",
                on: On = None,
                committed: Annotated[str | None, Query(
                    description="Date of the conduct, YYYY-MM-DD.")] = None) -> Response:
    """The answer of `mla legal-basis --format json`: every instrument of the catalogue, the
    ones that apply first (the governing one first), with why each other one does not."""
    from mla_rules.present.documents import dumps
    from mla_rules.present.legal_basis import legal_basis_dict
    from mla_rules.questions.legal_basis import legal_basis as answer

    with service.engine() as engine:
        q = service.question(engine, requesting, requested, crime, kind, on)
        result = answer(engine, q, service.date(committed, "committed"))
        return _json(dumps(legal_basis_dict(result, engine.rulebook)))


@router.get("/status/{state}", summary="A State's record and what it means on a date.")
def status(state: Annotated[str, Path(description="ISO code or name of the State.",
                                      examples=["LVA"])],
           on: On = None) -> Response:
    """The document of `mla status STATE --format json`."""
    from mla_rules.present.documents import dumps
    from mla_rules.present.status import status_dict
    from mla_rules.questions.status import state_status
    from mla_rules.record.dates import today

    with service.engine() as engine:
        when = service.date(on) or today()
        data = state_status(engine, engine.record.states.resolve(state), when)
        return _json(dumps(status_dict(data, engine.rulebook, engine.record)))


@router.get("/matrix", summary="The cooperation network on a date, a page at a time.")
@service.on_heavy_threads
def matrix(on: On = None, crime: Crimes = [],  # noqa: B006 - FastAPI copies defaults
           kind: KindAll = "all", state: Involving = None, limit: Limit = 1000,
           offset: Offset = 0) -> Response:
    """The document of `mla matrix --format json` (its `counts` always count the whole
    network), with at most `limit` relations from `offset`, in the CLI's order. The
    `X-Total-Count` header gives the number of relations that match `state`."""
    from mla_rules.network.matrix import KINDS, Network
    from mla_rules.present.documents import matrix_json
    from mla_rules.record.record import resolve_crime

    record = service.record()
    when = service.date(on) or service.today()
    wanted = [resolve_crime(record, c).id for c in crime] or None
    code = record.states.resolve(state).alpha_3 if state else None
    kinds = KINDS if kind == "all" else (kind,)
    net = service.whole_network(("matrix", when, kinds, tuple(wanted or ())),
                                lambda engine: Network(engine, when, kinds, wanted))
    rows: Iterable[Any] = net.relations()
    total = sum(net.count(c, k) for c in net.crimes for k in net.kinds)
    if code:
        rows = (r for r in rows if code in (r.requesting, r.requested))
        total = sum(2 * (len(m) - 1) for c in net.crimes for k in net.kinds
                    if code in (m := net.members(c, k)))
    page = itertools.islice(rows, offset, offset + limit)
    return _json("".join(matrix_json(net, record, page)), {"X-Total-Count": str(total)})


@router.get("/gap", summary="Pairs of States with no treaty basis, a page at a time.")
@service.on_heavy_threads
def gap(on: On = None, crime: Crimes = [],  # noqa: B006 - FastAPI copies defaults
        kind: KindAll = "all", state: Involving = None, limit: Limit = 1000,
        offset: Offset = 0) -> Response:
    """The document of `mla gap --format json` (with `state`, of `mla gap --state STATE
    --format json`; its `counts` always count the whole gap), with at most `limit` rows from
    `offset`, in the CLI's order. `X-Total-Count` gives the number of rows that match."""
    from mla_rules.errors import UsageError
    from mla_rules.network.gap import universe
    from mla_rules.network.matrix import KINDS
    from mla_rules.present.gap import gap_json
    from mla_rules.record.record import resolve_crime

    record = service.record()
    when = service.date(on) or service.today()
    wanted = [resolve_crime(record, c).id for c in crime] or None
    states = universe(record)
    code = record.states.resolve(state).alpha_3 if state else None
    kinds = KINDS if kind == "all" else (kind,)

    if code and code not in states:
        raise UsageError(f"{record.states.get(code).name} is not among the {len(states)} "
                         f"States of the gap", "The gap counts UN members, observer States "
                         "and the other States the instruments name, not territories.")
    g = service.shipped_gap(when, kinds, tuple(wanted or ()))
    combos = len(g.crimes) * len(g.kinds)
    n = len(states)
    total = (2 * (n - 1) if code else n * (n - 1)) * combos
    rows = g.rows_involving(code) if code else g.rows()
    page = itertools.islice(rows, offset, offset + limit)
    return _json("".join(gap_json(g, record, page)), {"X-Total-Count": str(total)})


@router.post("/what-if", summary="What a scenario changes: relations gained and lost.",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/yaml": {"schema": {"type": "string"}},
                 JSON: {"schema": {"$ref": "#/components/schemas/WhatIfBody"}}}}})
async def what_if(request: Request, on: On = None,
                  format: Literal["json", "csv", "html"] = "json",  # noqa: A002
                  explain: Annotated[int, Query(ge=0, le=100, description="Explain the first "
                                                "N changed relations.")] = 0,
                  stream: Annotated[bool, Query(description="Send a comparison of more "
                                                "than MLA_MAX_RELATIONS changed relations "
                                                "(JSON or CSV) as it is written, instead of "
                                                "refusing it (422).")] = False) -> Response:
    """`mla what-if --format json|csv|html`: the body is one scenario (YAML, or the same
    structure as JSON), compared with the shipped record; or `{"scenario": {...}, "against":
    {...}}` to compare two alternatives, each applied alone to the shipped record (`against`
    is the baseline: `mla what-if --against`); or `{"scenario": {...}, "on_top_of": {...}}`
    to add the scenario's events to the other's and compare with the other alone (`mla
    what-if --on-top-of`). Both `against` and `on_top_of` is a 400, as are two alternatives
    with different `date:` and no `on`. Where the CLI names a scenario file, this says
    `(request body)`."""
    raw = await request.body()
    return await run_in_threadpool(_what_if, raw, request.headers.get("content-type"), on,
                                   format, explain, stream)


@service.budgeted
def _what_if(raw: bytes, content_type: str | None, on: str | None, fmt: str,
             explain: int, stream: bool = False) -> Response:
    from mla_rules.network.whatif import change_counts
    from mla_rules.present.documents import explanations, what_if_csv, what_if_json

    scenario, against = service.scenarios_of(service.parse_body(raw, content_type))
    w = service.what_if(scenario, against, on)
    changed = sum(change_counts(w.diff))
    if fmt != "html" and changed > service.MAX_RELATIONS and not stream:
        raise service.TooMuch(
            f"the comparison changes {changed:,} relations: answers of more than "
            f"{service.MAX_RELATIONS:,} are not sent in one document",
            "Ask for the stream with `stream=true` (the document is sent as it is written), "
            "ask for `format=html` (the report's counts and maps), or compare fewer States; "
            "the operator sets the limit with MLA_MAX_RELATIONS.")
    explained = explanations(w.diff, explain)
    if fmt == "html":
        from mla_rules.present.report import render

        html = render(w.diff, w.name, explained, w.description, ask="web")
        return Response(html, media_type="text/html; charset=utf-8")
    if fmt == "csv":
        return StreamingResponse(_batched(what_if_csv(w.diff)),
                                 media_type="text/csv; charset=utf-8")
    chunks = what_if_json(w.diff, w.name, w.against, explained, ask="web")
    # Up to its first chunk the document asks the engines (the framework's participation of
    # the States that change, the dates in force); that must run here, in the engines'
    # thread. The rest only expands and counts sets, in whatever thread streams it.
    first = next(chunks)
    return StreamingResponse(_batched(itertools.chain([first], chunks)), media_type=JSON)


def _batched(chunks: Iterable[str], size: int = 1 << 16) -> Iterator[bytes]:
    """Small chunks joined into blocks of about `size` bytes (one thread hop per block)."""
    block: list[str] = []
    length = 0
    for chunk in chunks:
        block.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(block).encode("utf-8")
            block, length = [], 0
    if block:
        yield "".join(block).encode("utf-8")


@router.get("/suggest", summary="Suggestions as you type: States and crimes.")
def suggest(q: Annotated[str, Query(max_length=120, description="What was typed so far.")
                         ] = "",
            what: Literal["state", "crime"] = "state") -> Response:
    """Up to 20 States (by ISO code, or name in English, French or Spanish) or crimes (by
    id, name or alias) that start with what was typed: `[{"value", "label"}]`."""
    from mla_rules.present.documents import dumps

    return _json(dumps(service.suggestions(q, what)))


ERROR = {"$ref": "#/components/schemas/Error"}
ANY_OBJECT = {"type": "object"}


def _object(*required: str, **properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": list(required), "properties": properties}


RELATION = _object("requesting", "requested", "crime", "kind",
                   requesting={"type": "string"}, requested={"type": "string"},
                   crime={"type": "string"}, kind={"type": "string"})
SCHEMAS: dict[str, Any] = {
    "Error": _object("error", error={"type": "string", "description": "The CLI's message."},
                     hint={"type": "string", "description": "What to do about it."},
                     candidates={"type": "array", "description": "For a name of several "
                                 "States (Congo, Korea) or of a State that no longer exists "
                                 "(Yugoslavia): the States to choose from; ask again with "
                                 "one's code.",
                                 "items": _object("code", "name", code={"type": "string"},
                                                  name={"type": "string"})}),
    "Scenario": {**_object("name", name={"type": "string"}, description={"type": "string"},
                           date={"type": "string", "description": "YYYY-MM-DD"},
                           parameters=ANY_OBJECT,
                           events={"type": "array", "maxItems": service.MAX_EVENTS,
                                   "items": ANY_OBJECT}),
                 "description": "A what-if scenario: the structure of a scenario file."},
    "WhatIfBody": {"oneOf": [
        {"$ref": "#/components/schemas/Scenario"},
        {**_object("scenario", scenario={"$ref": "#/components/schemas/Scenario"},
                   against={"$ref": "#/components/schemas/Scenario",
                            "description": "The baseline: another scenario, applied alone to "
                                           "the shipped record, as `--against`."},
                   on_top_of={"$ref": "#/components/schemas/Scenario",
                              "description": "A scenario the scenario is added to, compared "
                                             "with it alone, as `--on-top-of`."}),
         "description": "Two scenarios: `against` (two alternatives) or `on_top_of` (one "
                        "added to the other), not both.",
         "not": {"required": ["against", "on_top_of"]}}]},
    "Relation": RELATION,
    "CanRequest": _object(
        "applies", "requesting", "requested", "crime", "kind", "on", "record_as_of",
        "summary", "failing", "unverified_premises", "practical_notes", "warnings",
        "scenarios", "explanation", "other_bases",
        applies={"type": "boolean"}, requesting={"type": "string"},
        requested={"type": "string"}, crime={"type": "string"}, kind={"type": "string"},
        on={"type": "string"}, record_as_of={"type": "string"}, summary={"type": "string"},
        failing={"type": "array"}, unverified_premises={"type": "array"},
        practical_notes={"type": "array"}, warnings={"type": "array"},
        scenarios={"type": "array"}, explanation=ANY_OBJECT,
        other_bases={"type": "array", "items": {"type": "string"}}),
    "LegalBasis": _object(
        "requesting", "requested", "crime", "kind", "on", "applies", "summary", "bases",
        "record_as_of", "unverified_premises", "warnings", "scenarios",
        applies={"type": "boolean"}, summary={"type": "string"},
        bases={"type": "array", "items": ANY_OBJECT}),
    "Status": _object("state", "name", "on", "record_as_of", "events", "in_force_from",
                      "bound", "opted_in_annexes", "warnings",
                      state={"type": "string"}, name={"type": "string"},
                      events={"type": "array"}, bound=ANY_OBJECT,
                      in_force_from={"type": ["string", "null"]}),
    "Matrix": _object("on", "record_as_of", "scenarios", "relations", "counts",
                      on={"type": "string"}, relations={"type": "array", "items": RELATION},
                      counts=ANY_OBJECT),
    "WhatIf": _object("on", "scenario", "against", "on_top_of", "compared", "meaning",
                      "gained", "lost", "summary", "account", "note", "explanations",
                      scenario={"type": "string", "description": "The scenario's name."},
                      against={"type": "string", "description": "The baseline's name, or "
                               "'the shipped record'."},
                      on_top_of={"type": ["string", "null"], "description": "The baseline's "
                                 "name when the scenario was added on top of it."},
                      compared={"type": "string", "description": "What is compared with "
                                "what, in a sentence."},
                      meaning={"type": ["string", "null"], "description": "What gained and "
                               "lost mean when two scenarios are compared (null against the "
                               "shipped record)."},
                      gained={"type": "array", "items": RELATION},
                      lost={"type": "array", "items": RELATION}, summary=ANY_OBJECT,
                      account={"type": "array", "items": {"type": "string"}},
                      note={"type": ["string", "null"], "description": "When nothing "
                            "changes because none of the scenario's events has taken effect "
                            "yet: when the first does."}),
    "Gap": _object("on", "states", "rows", "counts", on={"type": "string"},
                   states={"type": "integer"},
                   rows={"type": "array", "items": _object(
                       "requesting", "requested", "crime", "kind", "bases", "undertakings",
                       requesting={"type": "string"}, requested={"type": "string"},
                       crime={"type": "string"}, kind={"type": "string"},
                       bases={"type": "array", "items": {"type": "string"}},
                       undertakings={"type": "array", "items": {"type": "string"}})},
                   counts=ANY_OBJECT),
    "Suggestions": {"type": "array", "items": _object(
        "value", "label", value={"type": "string"}, label={"type": "string"})},
}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": ERROR}}}


def _ok(schema: str, description: str, extra: dict[str, Any] | None = None
        ) -> dict[str, Any]:
    content = {JSON: {"schema": {"$ref": f"#/components/schemas/{schema}"}}, **(extra or {})}
    return {"description": description, "content": content}


USAGE = _error("A usage error, as the CLI's exit status 2: an unknown State or crime (with "
               "suggestions), a name of several States or of a predecessor State (with "
               "`candidates`), a territory that is not a State, the same State twice, an "
               "impossible date, a missing or ill-typed parameter.")
NOT_FOUND = _error("No such path.")
OTHER = _error("Any other error, as JSON.")
BUSY = _error("The whole-network computations are busy, or this one ran over the time "
              "budget (MLA_TIMEOUT_REQUEST): try again after `Retry-After` seconds.")
DOCUMENTED: dict[tuple[str, str], dict[str, Any]] = {
    ("/api/can-request", "get"): {"200": _ok("CanRequest", "The answer, yes or no."),
                                  "400": USAGE},
    ("/api/legal-basis", "get"): {"200": _ok("LegalBasis", "The instruments, applying or not."),
                                  "400": USAGE},
    ("/api/status/{state}", "get"): {"200": _ok("Status", "The State's record and status."),
                                     "400": USAGE},
    ("/api/matrix", "get"): {"200": {**_ok("Matrix", "One page of the network."), "headers": {
        "X-Total-Count": {"description": "Relations matching `state` (all pages).",
                          "schema": {"type": "string", "pattern": "^[0-9]+$"}}}},
        "400": USAGE, "503": BUSY},
    ("/api/gap", "get"): {"200": {**_ok("Gap", "One page of the gap."), "headers": {
        "X-Total-Count": {"description": "Rows matching `state` (all pages).",
                          "schema": {"type": "string", "pattern": "^[0-9]+$"}}}},
        "400": USAGE, "503": BUSY},
    ("/api/what-if", "post"): {
        "200": _ok("WhatIf", "The relations gained and lost (json), or as CSV or the HTML "
                   "report (format=csv|html).",
                   {"text/csv": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}}}),
        "400": USAGE,
        "413": _error(f"A body over {service.MAX_BODY:,} bytes, or a scenario of more than "
                      f"{service.MAX_EVENTS:,} events."),
        "422": _error("A data error in the scenario, as the CLI's exit status 3: the message "
                      "names the event (`(request body), event N`); or a comparison of more "
                      "than MLA_MAX_RELATIONS changed relations without `stream=true`."),
        "503": BUSY},
    ("/api/suggest", "get"): {"200": _ok("Suggestions", "Matching States or crimes."),
                              "400": USAGE},
}


def document(spec: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI description with every operation's statuses and schemas."""
    spec.setdefault("components", {}).setdefault("schemas", {}).update(SCHEMAS)
    for schema in ("HTTPValidationError", "ValidationError"):
        spec["components"]["schemas"].pop(schema, None)
    for (path, method), responses in DOCUMENTED.items():
        op = spec["paths"][path][method]
        op["responses"] = {**responses, "404": NOT_FOUND, "default": OTHER}
    return spec
