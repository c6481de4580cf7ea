"""uvicorn's HTTP/1.1 protocol (h11) with the timeouts it lacks against slow and silent
clients. `mla serve` uses it; under uvicorn itself: `uvicorn mla_rules.web:app --http
mla_rules.web.protocol:TimedH11Protocol`.

    MLA_TIMEOUT_HEADER (10 s)  from the connection (or the first byte of a later request on
                               it) to the end of the request's headers
    MLA_TIMEOUT_BODY   (30 s)  from the end of the headers to the end of the body
    MLA_TIMEOUT_SEND   (30 s)  a response the client does not read for this long (the
                               socket's buffer full): the connection is dropped
    MLA_KEEP_ALIVE_REQUESTS (20)  requests on one kept connection; the last answer closes it

An idle connection between requests is closed after uvicorn's keep-alive timeout
(`--timeout-keep-alive`). A connection over a deadline is closed without an answer (a
client that sends nothing or trickles is not owed one); the request's handler, if it is
waiting for the body, sees the client gone.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from mla_rules.web.settings import setting


class CutByShutdown(logging.Filter):
    """uvicorn logs a request cancelled at the end of the shutdown's grace period as an
    exception in the application, with its traceback; it is not one: one warning line."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, asyncio.CancelledError):
            record.msg, record.args, record.exc_info = (
                "a request still running at the end of the grace period was cut "
                "(--timeout-graceful)", (), None)
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


# read once, when the server loads the protocol (`mla serve` sets them from its options): a
# value that cannot be read stops the server with a message naming it (web/settings.py)
TIMEOUT_HEADER = setting("MLA_TIMEOUT_HEADER", 10, float, minimum=1)
TIMEOUT_BODY = setting("MLA_TIMEOUT_BODY", 30, float, minimum=1)
TIMEOUT_SEND = setting("MLA_TIMEOUT_SEND", 30, float, minimum=1)
KEEP_ALIVE_REQUESTS = setting("MLA_KEEP_ALIVE_REQUESTS", 20, minimum=1)


CLOSE = (b"connection", b"close")


class TimedH11Protocol(H11Protocol):
    """H11Protocol with deadlines for the request's headers and body and for a response the
    client stops reading, and at most MLA_KEEP_ALIVE_REQUESTS requests per connection."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timeout_header = TIMEOUT_HEADER
        self.timeout_body = TIMEOUT_BODY
        self.timeout_send = TIMEOUT_SEND
        self.requests_per_connection = KEEP_ALIVE_REQUESTS
        self._reading: asyncio.TimerHandle | None = None
        self._reading_phase: str | None = None
        self._writing: asyncio.TimerHandle | None = None
        self._requests = 0
        self._cycle: object | None = None

    # a kept connection stays with the worker that accepted it: after so many requests its
    # last answer says `Connection: close`, and the client's next connection goes to
    # whichever worker accepts it first (the least busy), so workers stay balanced
    def handle_events(self) -> None:
        super().handle_events()
        cycle = self.cycle
        if cycle is not None and cycle is not self._cycle:
            self._cycle = cycle
            self._requests += 1
            if self._requests >= self.requests_per_connection:
                cycle.keep_alive = False
                if CLOSE not in cycle.scope["headers"]:  # uvicorn then answers with it
                    cycle.scope["headers"] = [*cycle.scope["headers"], CLOSE]

    # the request: headers, then body
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm("headers")

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._follow()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._follow(idle=False)

    def _follow(self, idle: bool = True) -> None:
        """The deadline for the part of the request being read now. Between requests, an
        idle connection is uvicorn's keep-alive timeout's: the next request's header
        deadline starts with its first byte (`idle`: data has arrived)."""
        state = self.conn.their_state
        if state is h11.IDLE:
            if idle:
                self._arm("headers")
            else:
                self._disarm()
        elif state is h11.SEND_BODY:
            self._arm("body")
        else:  # the request is read (or the connection is over): no reading deadline
            self._disarm()

    def _arm(self, phase: str) -> None:
        if self._reading_phase == phase:
            return  # a deadline runs from the start of its phase, not from each packet
        self._disarm()
        delay = self.timeout_header if phase == "headers" else self.timeout_body
        self._reading_phase = phase
        self._reading = self.loop.call_later(delay, self._too_slow)

    def _disarm(self) -> None:
        if self._reading is not None:
            self._reading.cancel()
        self._reading = self._reading_phase = None

    def _too_slow(self) -> None:
        self._reading = self._reading_phase = None
        if not self.transport.is_closing():
            self.transport.abort()

    # the response: a client that stops reading
    def pause_writing(self) -> None:
        super().pause_writing()
        if self._writing is None:
            self._writing = self.loop.call_later(self.timeout_send, self._not_reading)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self._writing is not None:
            self._writing.cancel()
            self._writing = None

    def _not_reading(self) -> None:
        self._writing = None
        if not self.transport.is_closing():
            self.transport.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self._writing is not None:
            self._writing.cancel()
            self._writing = None
        super().connection_lost(exc)
