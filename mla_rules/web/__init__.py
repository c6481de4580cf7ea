"""The web front door, beside the CLI and as thin: an ASGI application (`mla serve`, or
`uvicorn mla_rules.web:app` under a ministry's own server) that asks the same questions and
sends the same documents.

- service: warm engines per worker thread, scenarios from request bodies, the limits;
- api: the JSON API under /api (the same bytes as the CLI's `--format json`);
- pages: the server-rendered pages (Ask, State, What-if, the documentation site);
- app: the application, its error mapping and its security headers.
"""

from mla_rules.web.app import app

__all__ = ["app"]
