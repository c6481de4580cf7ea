"""`mla serve`: the web application (the pages and the JSON API) on a real server. The web
stack is imported inside the command only, so that `mla can-request` does not pay for it."""

from __future__ import annotations

import click

ALL_INTERFACES = ("0.0.0.0", "::", "[::]", "")  # noqa: S104 - to warn about them


@click.command(short_help="Serve the pages and the JSON API over HTTP.")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="HOST",
              help="The address to listen on. The default serves this machine only; "
                   "0.0.0.0 or :: serve every network interface (a warning says so).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              metavar="PORT", help="The TCP port (0: any free port).")
def serve(host: str, port: int) -> int:
    """Serve the answers in a browser and over HTTP: the Ask, State, What-if and
    Documentation pages, and the JSON API under /api (the same JSON as `--format json`;
    its description at /openapi.json and /api/docs). Stop with Ctrl-C.

    To run the app under another ASGI server: `uvicorn mla_rules.web:app`.

    \b
    Examples:
      mla serve
      mla serve --port 8080
      curl 'http://127.0.0.1:8000/api/can-request?from=LVA&to=NLD&crime=genocide'
    """
    import uvicorn

    if host.strip() in ALL_INTERFACES:
        click.echo(f"warning: listening on all interfaces ({host or 'all'}): anyone who can "
                   "reach this machine can use the application. Put it behind your proxy, "
                   "or use --host 127.0.0.1.", err=True)
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run("mla_rules.web:app", host=host, port=port, log_level="warning")
    return 0
