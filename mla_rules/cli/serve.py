"""`mla serve`: the web application (the pages and the JSON API) on a real server. The web
stack is imported inside the command only, so that `mla can-request` does not pay for it."""

from __future__ import annotations

import errno
import socket
from typing import Any

import click

from mla_rules.cli.options import choice
from mla_rules.errors import UsageError

ALL_INTERFACES = ("0", "0.0.0.0", "::", "::0", "[::]", "[::0]", "")  # noqa: S104 - to warn


@click.command(short_help="Serve the pages and the JSON API over HTTP.")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="HOST",
              help="The address to listen on. The default serves this machine only; "
                   "0.0.0.0 or :: serve every network interface (a warning says so).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              metavar="PORT", help="The TCP port (0: any free port).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              envvar="MLA_WORKERS", metavar="N",
              help="Processes serving requests, each with its own warm engines (env "
                   "MLA_WORKERS); use the machine's cores.")
@click.option("--log-level", type=choice("critical", "error", "warning", "info", "debug"),
              default="warning", show_default=True, envvar="MLA_LOG_LEVEL",
              help="info: also one JSON line per request (time, method, path, status, "
                   "duration, bytes) on standard error (env MLA_LOG_LEVEL).")
@click.option("--timeout-keep-alive", type=click.IntRange(1, 3600), default=5,
              show_default=True, envvar="MLA_TIMEOUT_KEEP_ALIVE", metavar="SECONDS",
              help="Close an idle connection after this long (env MLA_TIMEOUT_KEEP_ALIVE).")
@click.option("--keep-alive-requests", type=click.IntRange(1, 1_000_000), default=20,
              show_default=True, envvar="MLA_KEEP_ALIVE_REQUESTS", metavar="N",
              help="Close a kept connection after N requests (its last answer says so), so "
                   "that clients' connections spread over the workers again (env "
                   "MLA_KEEP_ALIVE_REQUESTS).")
@click.option("--timeout-graceful", type=click.IntRange(0, 3600), default=10,
              show_default=True, envvar="MLA_TIMEOUT_GRACEFUL", metavar="SECONDS",
              help="On SIGTERM or Ctrl-C, let requests in flight finish for this long, then "
                   "exit (env MLA_TIMEOUT_GRACEFUL).")
@click.option("--timeout-header", type=click.IntRange(1, 3600), default=10,
              show_default=True, envvar="MLA_TIMEOUT_HEADER", metavar="SECONDS",
              help="Drop a connection whose request headers have not all arrived after this "
                   "long (env MLA_TIMEOUT_HEADER).")
@click.option("--timeout-body", type=click.IntRange(1, 3600), default=30,
              show_default=True, envvar="MLA_TIMEOUT_BODY", metavar="SECONDS",
              help="Drop a connection whose request body has not all arrived this long after "
                   "its headers (env MLA_TIMEOUT_BODY).")
@click.option("--timeout-send", type=click.IntRange(1, 3600), default=30,
              show_default=True, envvar="MLA_TIMEOUT_SEND", metavar="SECONDS",
              help="Drop a client that stops reading its response for this long (env "
                   "MLA_TIMEOUT_SEND).")
@click.option("--timeout-request", type=click.IntRange(0, 3600), default=30,
              show_default=True, envvar="MLA_TIMEOUT_REQUEST", metavar="SECONDS",
              help="Stop a whole-network computation (matrix, gap, what-if) after this long "
                   "and answer 503 (0: no limit; env MLA_TIMEOUT_REQUEST).")
def serve(host: str, port: int, workers: int, log_level: str, timeout_keep_alive: int,
          keep_alive_requests: int, timeout_graceful: int, timeout_header: int,
          timeout_body: int, timeout_send: int, timeout_request: int) -> int:
    """Serve the answers in a browser and over HTTP: the Ask, State, What-if and
    Documentation pages, and the JSON API under /api (the same JSON as `--format json`;
    its description at /openapi.json and /api/docs). Stop with Ctrl-C.

    To run the app under another ASGI server: `uvicorn mla_rules.web:app`.

    In production: several workers (`--workers`, one per core), `--log-level info` for
    the access log, `MLA_ALLOWED_HOSTS` for the names a proxy forwards; /healthz and
    /readyz for the load balancer.

    \b
    Examples:
      mla serve
      mla serve --port 8080
      mla serve --host 0.0.0.0 --workers 4 --log-level info
      curl 'http://127.0.0.1:8000/api/can-request?from=LVA&to=NLD&crime=genocide'
    """
    import os

    import uvicorn

    # read by the application and its protocol in every worker (web/service.py,
    # web/protocol.py), as when they run under another server
    os.environ.update(MLA_KEEP_ALIVE_REQUESTS=str(keep_alive_requests),
                      MLA_TIMEOUT_HEADER=str(timeout_header), MLA_TIMEOUT_BODY=str(timeout_body),
                      MLA_TIMEOUT_SEND=str(timeout_send),
                      MLA_TIMEOUT_REQUEST=str(timeout_request))
    # the application's other settings (MLA_HEAVY, MLA_CACHE_BYTES …): one that cannot be
    # read is a usage error here, once, rather than a traceback in every worker
    import mla_rules.web.service  # noqa: F401
    if host.strip() in ALL_INTERFACES:
        click.echo(f"warning: listening on all interfaces ({host or 'all'}): anyone who can "
                   "reach this machine can use the application. Put it behind your proxy, "
                   "or use --host 127.0.0.1.", err=True)
    sock = listening_socket(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if sock.family == socket.AF_INET6 else bound_host
    click.echo(f"Serving on http://{shown}:{bound_port}/ (Ctrl-C to stop)", err=True)
    config = uvicorn.Config("mla_rules.web:app", host=host, port=bound_port,
                            workers=workers, log_level=log_level, access_log=False,
                            timeout_keep_alive=timeout_keep_alive,
                            timeout_graceful_shutdown=timeout_graceful,
                            limit_concurrency=1000, log_config=_log_config(log_level),
                            http="mla_rules.web.protocol:TimedH11Protocol")
    server = uvicorn.Server(config)
    try:
        if workers > 1:  # a supervisor forks the workers, which share the bound socket
            import tempfile

            from uvicorn.supervisors import Multiprocess

            # the server's whole-network places, shared by its workers (web/service.py)
            with tempfile.TemporaryDirectory(prefix="mla-places-") as places:
                os.environ.setdefault("MLA_PLACES", places)
                Multiprocess(config, sockets=[sock]).run()
        else:
            server.run(sockets=[sock])
    finally:
        sock.close()
    return 0


def _log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging, with the application's loggers (errors, the access lines) on
    standard error at the same level."""
    from uvicorn.config import LOGGING_CONFIG

    base: dict[str, Any] = LOGGING_CONFIG
    config: dict[str, Any] = {**base}
    handlers = {**base["handlers"],
                "plain": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                          "formatter": "plain"}}
    formatters = {**base["formatters"],
                  "plain": {"format": "%(message)s"}}
    loggers = {**base["loggers"],
               "uvicorn.error": {**base["loggers"]["uvicorn.error"], "filters": ["cut"]},
               "mla_rules": {"handlers": ["plain"], "level": level.upper(),
                             "propagate": False}}
    filters = {"cut": {"()": "mla_rules.web.protocol.CutByShutdown"}}
    config.update(handlers=handlers, formatters=formatters, loggers=loggers, filters=filters)
    return config


def listening_socket(host: str, port: int) -> socket.socket:
    """The socket the server will listen on, bound here (as uvicorn would bind it) so that
    the address printed is the one bound (`--port 0`: the port the system chose) and a
    port in use is one line saying what to do, not the server's error."""
    address = host.strip().strip("[]")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((address, port))
    except OSError as e:
        sock.close()
        where = address or "every interface"
        if e.errno == errno.EADDRINUSE:
            raise UsageError(f"Port {port} on {where} is in use: choose another with --port "
                             "(0: any free port), or stop the server using it.") from None
        if e.errno == errno.EACCES:
            raise UsageError(f"Port {port} on {where} needs privileges this user lacks: "
                             "choose another with --port (1024 or above).") from None
        if e.errno == errno.EADDRNOTAVAIL:
            raise UsageError(f"{where} is not an address of this machine: choose another "
                             "with --host (127.0.0.1: this machine only).") from None
        raise UsageError(f"cannot listen on {where}, port {port}: "
                         f"{e.strerror or e}.") from None
    sock.set_inheritable(True)
    return sock
