"""The application: routes of the API and the pages, errors mapped to HTTP statuses once (as
cli/main.py maps them to exit codes), the body limit, and the security headers on every
response.

    usage error (exit 2), request validation   -> 400 {"error": …, "hint": …}
    data error in a scenario (exit 3)          -> 422
    body over 1 MiB, > 5,000 events            -> 413
    unknown path                               -> 404
    a bug                                      -> 500 {"error": "internal error …"}, no traceback
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mla_rules import errors
from mla_rules.errors import MlaError
from mla_rules.present.templates import css_hash
from mla_rules.web import api, pages, service

log = logging.getLogger("mla_rules.web")
STATIC = pages.HERE / "static"
STATUS = {errors.USAGE: 400, errors.DATA: 422}
# Pages and scripts come from this server only; the self-contained documents it also serves
# (the documentation site, the what-if report) carry their stylesheet inline, allowed here by
# its hash and nothing else.
CSP = ("default-src 'self'; style-src 'self' " + css_hash("docs.css") + " "
       + css_hash("report.css") + "; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()),
           (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"),
           (b"x-frame-options", b"DENY")]


def error_body(message: str, hint: str | None = None) -> dict[str, str]:
    return {"error": message, **({"hint": hint} if hint else {})}


def mla_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, MlaError)
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


def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: f"not found: {request.url.path}",
                405: f"method {request.method} not allowed on {request.url.path}"}
    return JSONResponse(error_body(messages.get(exc.status_code, str(exc.detail))),
                        status_code=exc.status_code, headers=getattr(exc, "headers", None))


class Guard:
    """The outermost layer: security headers on every response, the body limit, and a JSON
    500 (never a traceback) for a bug that escaped every handler."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {h[0] for h in HEADERS}
                message["headers"] = [h for h in message.get("headers", [])
                                      if h[0].lower() not in names] + HEADERS
            await send(message)

        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > service.MAX_BODY):
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
            if not started:
                await self._json(send_with_headers, 413, e.message)
        except Exception:
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await self._json(send_with_headers, 500, "internal error: this is a bug in "
                                 "mla-rules; the server's log has the details")

    @staticmethod
    async def _json(send: Send, status: int, message: str) -> None:
        response = JSONResponse(error_body(message), status_code=status)
        await send({"type": "http.response.start", "status": status,
                    "headers": response.raw_headers})
        await send({"type": "http.response.body", "body": response.body})


def create() -> FastAPI:
    application = FastAPI(
        title="mla-rules", version=_version(),
        summary="Does the Ljubljana – The Hague Convention (2023), or another treaty, govern "
                "a request for mutual legal assistance or extradition between two States?",
        description="The same answers as the `mla` command line, from the same code: the "
                    "JSON of `--format json`, byte for byte. Errors are JSON "
                    "`{\"error\": …, \"hint\": …}`. Human documentation: /api/docs.",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    application.add_exception_handler(MlaError, mla_error)
    application.add_exception_handler(RequestValidationError, validation_error)
    application.add_exception_handler(HTTPException, http_error)
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
