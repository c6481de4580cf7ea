"""The web front door, beside the CLI and as thin: an ASGI application (`mla serve`, or
`uvicorn mla_rules.web:app` under a ministry's own server) that asks the same questions and
sends the same documents.

- service: warm engines per worker thread, scenarios from request bodies, the limits;
- api: the JSON API under /api (the same bytes as the CLI's `--format json`);
- pages: the server-rendered pages (Ask, State, What-if, the documentation site);
- application: the application (`app`), its error mapping and its security headers.
"""

from typing import Any

__all__ = ["app"]


def __getattr__(name: str) -> Any:
    """`mla_rules.web:app`, imported when first asked for (the package itself imports none
    of its modules, so none of them imports it back)."""
    if name == "app":
        from mla_rules.web.application import app

        return app
    raise AttributeError(name)
