"""The application: routes of the API and the pages, errors mapped to HTTP statuses once (as
cli/main.py maps them to exit codes), the body limit, and the security headers on every
response.

    usage error (exit 2), request validation   -> 400 {"error": …, "hint": …}
    data error in a scenario (exit 3)          -> 422
    body over 1 MiB, > 5,000 events            -> 413
    unknown path                               -> 404
    a bug                                      -> 500 {"error": "internal error …"}, no traceback

Before any route (web/hardening.py): an unknown Host -> 400, a cross-site POST (or GET of
the matrix or the gap) -> 403, a text/plain or form body on POST /api/... -> 415. HEAD is
answered wherever GET is, as GET without the body. /healthz says the process is alive;
/readyz that the engines are warm (503 until then).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mla_rules import budget, errors
from mla_rules.errors import MlaError
from mla_rules.present.templates import css_hash
from mla_rules.web import api, hardening, pages, service

log = logging.getLogger("mla_rules.web")
ACCESS = logging.getLogger("mla_rules.access")  # a JSON line per request (--log-level info)
STATIC = pages.HERE / "static"
STATUS = {errors.USAGE: 400, errors.DATA: 422}
# Pages and scripts come from this server only; the self-contained documents it also serves
# (the documentation site, the what-if report, the memo to file) carry their stylesheet
# inline, allowed here by its hash and nothing else.
CSP = ("default-src 'self'; style-src 'self' "
       + " ".join(css_hash(f) for f in ("docs.css", "report.css", "memo.css"))
       + "; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()),
           (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"),
           (b"x-frame-options", b"DENY")]


def error_body(message: str, hint: str | None = None) -> dict[str, str]:
    return {"error": message, **({"hint": hint} if hint else {})}


def mla_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, MlaError)
    if isinstance(exc, errors.Unavailable):  # busy, or over its time budget: come back later
        retry = {"retry-after": str(exc.retry_after)}
        if not request.url.path.startswith("/api") and request.method in ("GET", "POST"):
            return pages.error_page(request, 503, exc.message, exc.hint, retry)
        return JSONResponse(error_body(exc.message, exc.hint), status_code=503, headers=retry)
    status = 413 if isinstance(exc, service.TooLarge) else STATUS.get(exc.exit_code, 400)
    if not request.url.path.startswith("/api") and request.method in ("GET", "POST"):
        return pages.error_page(request, status, exc.message, exc.hint)
    return JSONResponse(error_body(exc.message, exc.hint), status_code=status)


def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for e in exc.errors():
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body"))
        problems.append(f"{where}: {e.get('msg', 'invalid')}" if where else
                        str(e.get("msg", "invalid")))
    message = "; ".join(problems) or "invalid request"
    if not request.url.path.startswith("/api"):
        return pages.error_page(request, 400, message, None)
    return JSONResponse(error_body(message, "See /openapi.json or /api/docs for the "
                                            "parameters."), status_code=400)


def wants_page(request: Request) -> bool:
    """A browser's request outside the API: it accepts HTML (the API answers JSON always)."""
    path = request.url.path
    return not (path == "/api" or path.startswith("/api/")) and \
        "text/html" in request.headers.get("accept", "").lower()


# an unknown page or method, as a page of the site says it (a browser asked for HTML)
PAGE_ERRORS = {404: ("page not found", "There is no page at {path}.",
                     "Check the address, or go on from one of the pages below."),
               405: ("method not allowed", "{path} does not answer a {method} request.",
                     "Open the page from its link or its form.")}


def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = getattr(exc, "headers", None)
    if exc.status_code in PAGE_ERRORS and wants_page(request):
        heading, message, hint = PAGE_ERRORS[exc.status_code]
        return pages.error_page(request, exc.status_code, message.format(
            path=request.url.path, method=request.method), hint, headers, heading)
    messages = {404: f"not found: {request.url.path}",
                405: f"method {request.method} not allowed on {request.url.path}"}
    return JSONResponse(error_body(messages.get(exc.status_code, str(exc.detail))),
                        status_code=exc.status_code, headers=headers)


class Guard:
    """The outermost layer: security headers on every response, the checks of
    web/hardening.py, HEAD as GET without the body, the body limit, and a JSON 500 (never a
    traceback) for a bug that escaped every handler."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not ACCESS.isEnabledFor(logging.INFO):
            await self._serve(scope, receive, send)
            return
        began, status, sent = time.monotonic(), 0, 0

        async def counting_send(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self._serve(scope, receive, counting_send)
        finally:  # one line per request, as JSON: what an operator's log tools read
            ACCESS.info(json.dumps({
                "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
                "method": scope.get("method"), "path": scope.get("path"),
                "status": status, "duration_ms": round(1000 * (time.monotonic() - began), 1),
                "bytes": sent}))

    async def _serve(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False
        head = scope.get("method") == "HEAD"

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {h[0] for h in HEADERS}
                message["headers"] = [h for h in message.get("headers", [])
                                      if h[0].lower() not in names] + HEADERS
            elif message["type"] == "http.response.body" and head:
                if message.get("more_body", False):
                    return  # the headers (Content-Length included) are GET's; no body
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        try:
            hardening.check(scope)
        except hardening.Refusal as e:
            await self._json(send_with_headers, e.status, e.message, e.hint)
            return
        if head:
            scope = {**scope, "method": "GET"}
        folded = folded_choices(scope.get("query_string", b""))
        if folded is not None:
            scope = {**scope, "query_string": folded}

        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > service.MAX_BODY):
            if length.isdigit() and wants_page(Request(scope)):
                # a browser's form to a page: the page again, in its words (the API: JSON)
                await pages.too_large_page(scope["path"])(scope, receive, send_with_headers)
                return
            await self._json(send_with_headers, 413 if length.isdigit() else 400,
                             f"request body over {service.MAX_BODY:,} bytes" if
                             length.isdigit() else "invalid Content-Length")
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > service.MAX_BODY:
                    raise service.TooLarge(f"request body over {service.MAX_BODY:,} bytes")
            return message

        try:
            await self.app(scope, counting_receive, send_with_headers)
        except service.TooLarge as e:
            if not started and wants_page(Request(scope)):
                await pages.too_large_page(scope["path"])(scope, receive, send_with_headers)
            elif not started:
                await self._json(send_with_headers, 413, e.message)
        except asyncio.CancelledError:
            # the server's grace period is over and it cuts this request (uvicorn cancels
            # it): the client is told to ask again (503), not given the server's 500
            if not started:
                await self._json(send_with_headers, 503, "the server is stopping",
                                 "Ask again in a moment.",
                                 [(b"retry-after", b"2"), (b"connection", b"close")])
            raise
        except ClientDisconnect:  # gone before its body arrived (or dropped: web/protocol.py)
            log.info("client gone on %s %s", scope.get("method"), scope.get("path"))
        except Exception:
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await self._json(send_with_headers, 500, "internal error: this is a bug in "
                                 "mla-rules; the server's log has the details")

    @staticmethod
    async def _json(send: Send, status: int, message: str, hint: str | None = None,
                    headers: list[tuple[bytes, bytes]] | None = None) -> None:
        response = JSONResponse(error_body(message, hint), status_code=status)
        await send({"type": "http.response.start", "status": status,
                    "headers": response.raw_headers + (headers or [])})
        await send({"type": "http.response.body", "body": response.body})


# the query parameters whose values are choices (kind=mla|extradition|all, format=json|csv|html,
# what=state|crime): taken in any case, as the command line takes them (`--kind Extradition`)
CHOICES = frozenset({"kind", "format", "what"})


def folded_choices(query: bytes) -> bytes | None:
    """The query string with the values of CHOICES case-folded, or None if nothing changes."""
    from urllib.parse import parse_qsl, urlencode

    if not query:
        return None
    # percent-decoded as UTF-8 and encoded again the same way (bytes that are not UTF-8
    # kept as they were), so that only the choices change
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="utf-8",
                      errors="surrogateescape")
    folded = [(k, v.casefold() if k in CHOICES else v) for k, v in pairs]
    if folded == pairs:
        return None
    return urlencode(folded, encoding="utf-8", errors="surrogateescape").encode("ascii")


READY = threading.Event()  # the engines are warm: /readyz answers 200
_warming = threading.Lock()


def warm_up(keep: bool = True) -> None:
    """Build the shipped record's first engine: at startup into the pool (`keep`, as
    service.warm does), else in a thread of its own (the engine is then dropped; the record
    and the rules stay loaded for every request)."""
    if not _warming.acquire(blocking=False):
        return
    try:
        if keep:
            service.warm()
        else:
            from mla_rules.questions.context import shipped_record

            service.fresh(shipped_record())
        READY.set()
    except Exception:
        log.exception("the engines could not be warmed: /readyz answers 503")
    finally:
        _warming.release()


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    import anyio.to_thread

    # the threads that run requests: enough that the whole-network computations waiting for
    # admission (service.HEAVY + service.QUEUE) leave room for the cheap questions
    limiter = anyio.to_thread.current_default_thread_limiter()
    limiter.total_tokens = max(limiter.total_tokens, service.HEAVY + service.QUEUE + 32)
    await run_in_threadpool(warm_up)  # ~50 ms: the server accepts connections after it
    yield
    # The server's grace period is over (uvicorn shuts the application down after it): the
    # computations still running stop at their next check, and the requests waiting for an
    # engine or a place stop waiting, so that none keeps the process alive (mla_rules/budget.py).
    budget.stop()


def healthz() -> Response:
    return JSONResponse({"status": "ok"}, headers={"cache-control": "no-store"})


def readyz() -> Response:
    if READY.is_set():
        return JSONResponse({"status": "ready"}, headers={"cache-control": "no-store"})
    if not _warming.locked():  # served without the lifespan (e.g. uvicorn --lifespan off)
        threading.Thread(target=warm_up, args=(False,), name="mla-warm-up", daemon=True
                         ).start()
    return JSONResponse({"status": "warming"}, status_code=503,
                        headers={"cache-control": "no-store", "retry-after": "1"})


def create() -> FastAPI:
    application = FastAPI(
        title="mla-rules", version=_version(),
        summary="Does the Ljubljana – The Hague Convention (2023), or another treaty, govern "
                "a request for mutual legal assistance or extradition between two States?",
        description="The same answers as the `mla` command line, from the same code: the "
                    "JSON of `--format json`, byte for byte. Errors are JSON "
                    "`{\"error\": …, \"hint\": …}`. Human documentation: /api/docs.",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan)
    application.add_exception_handler(MlaError, mla_error)
    application.add_exception_handler(RequestValidationError, validation_error)
    application.add_exception_handler(HTTPException, http_error)
    for path, endpoint in (("/healthz", healthz), ("/readyz", readyz)):
        application.add_api_route(path, endpoint, methods=["GET"], include_in_schema=False)
    application.include_router(api.router)
    application.include_router(pages.router)
    application.mount("/static", StaticFiles(directory=STATIC), name="static")

    def openapi() -> dict[str, Any]:
        if application.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            application.openapi_schema = api.document(get_openapi(
                title=application.title, version=application.version,
                summary=application.summary, description=application.description,
                routes=application.routes))
        return application.openapi_schema

    application.openapi = openapi  # type: ignore[method-assign]
    application.add_middleware(Guard)
    return application


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mla-rules")
    except PackageNotFoundError:
        return "0"


app = create()
