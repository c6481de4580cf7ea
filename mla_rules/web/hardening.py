"""What the outermost layer (application.Guard) refuses before any route runs, and why:

- a Host the server is not known by (DNS rebinding: a page of another site whose name is made
  to resolve to 127.0.0.1 must not read the answers): 400. Known: 127.0.0.1, ::1, localhost,
  the address the connection came in on (the server's bound address; scope["server"]), and
  the names in env MLA_ALLOWED_HOSTS (comma-separated, `*`: any), compared without port.
- a cross-site request that changes something or costs much (any POST; GET /api/gap and
  /api/matrix): 403. Cross-site is what Origin says (another host or port than Host), else
  Sec-Fetch-Site (cross-site or same-site), else Referer. A request with none of them (curl,
  a script) is not cross-site. Origin `null` says nothing: this server's own pages send it
  on their form posts, their Referrer-Policy being no-referrer.
- a body a browser may send to another site without asking (text/plain, a form) on
  POST /api/...: 415. The API reads YAML or JSON; the pages' forms are not under /api.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from starlette.types import Scope

ALWAYS = frozenset({"127.0.0.1", "::1", "localhost"})
ENV = "MLA_ALLOWED_HOSTS"
COSTLY = frozenset({"/api/gap", "/api/matrix"})  # GET, but minutes of work for a whole world
FORM_TYPES = frozenset({"text/plain", "application/x-www-form-urlencoded",
                        "multipart/form-data"})
HOST_HINT = (f"This server answers to 127.0.0.1, ::1, localhost and the address it listens "
             f"on. To reach it by another name (e.g. behind a proxy), list the name in "
             f"{ENV} (comma-separated; * allows any host).")
CROSS_SITE_HINT = ("A page of another site cannot send this request. Call the API directly "
                   "(curl, a script), or open this server's own pages.")
MEDIA_HINT = ("Send the scenario as YAML (Content-Type: application/yaml, text/yaml or "
              "application/x-yaml) or as JSON (application/json).")


class Refusal(Exception):
    def __init__(self, status: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.status, self.message, self.hint = status, message, hint


def host_name(value: str) -> str:
    """A Host header's (or an allowed entry's) name without its port: lower case, IPv6
    brackets and a final dot removed."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else value
    if value.count(":") == 1:
        value = value.partition(":")[0]
    return value.rstrip(".")


def _port(value: str) -> int | None:
    """A Host header's explicit port, if any (None also for a malformed one)."""
    value = value.strip()
    tail = value.rpartition("]")[2] if value.startswith("[") else (
        value.partition(":")[2] if value.count(":") == 1 else "")
    tail = tail.lstrip(":")
    return int(tail) if tail.isdigit() else None


def allowed_hosts(scope: Scope) -> tuple[set[str], bool]:
    """The host names allowed for this connection, and whether any host is."""
    names = set(ALWAYS)
    server = scope.get("server")
    if server and server[0]:
        names.add(host_name(str(server[0])))
    else:  # no socket: an in-process client (starlette's TestClient calls itself testserver)
        names.add("testserver")
    extra = [e.strip() for e in os.environ.get(ENV, "").split(",") if e.strip()]
    names.update(host_name(e) for e in extra)
    return names, "*" in extra


def _headers(scope: Scope) -> dict[bytes, str]:
    out: dict[bytes, str] = {}
    for name, value in scope.get("headers", []):
        out.setdefault(name.lower(), value.decode("latin-1"))
    return out


def check(scope: Scope) -> None:
    """Raise a Refusal for what the module's docstring lists."""
    headers = _headers(scope)
    host = headers.get(b"host")
    if host is not None:
        names, anyone = allowed_hosts(scope)
        if not anyone and host_name(host) not in names:
            shown = host if len(host) <= 100 else host[:100] + "…"
            raise Refusal(400, f"host not allowed: {shown}", HOST_HINT)
    method = scope.get("method", "GET")
    path = scope.get("path", "")
    if method == "POST" or (method in ("GET", "HEAD") and path.rstrip("/") in COSTLY):
        where = _cross_site(headers, host, scope)
        if where:
            raise Refusal(403, f"cross-site request refused: {where}", CROSS_SITE_HINT)
    if method == "POST" and path.startswith("/api/"):
        media = headers.get(b"content-type", "").split(";")[0].strip().lower()
        if media in FORM_TYPES:
            raise Refusal(415, f"unsupported media type {media} on {path}", MEDIA_HINT)


def _cross_site(headers: dict[bytes, str], host: str | None, scope: Scope) -> str | None:
    """What says the request comes from another site, or None."""
    origin = headers.get(b"origin", "").strip()
    if origin and origin.lower() != "null":
        return None if _same(origin, host, scope) else f"Origin {origin[:100]}"
    site = headers.get(b"sec-fetch-site", "").strip().lower()
    if site:
        return f"Sec-Fetch-Site {site}" if site in ("cross-site", "same-site") else None
    referer = headers.get(b"referer", "").strip()
    if referer and not _same(referer, host, scope):
        return f"Referer {referer[:100]}"
    return None


def _same(url: str, host: str | None, scope: Scope) -> bool:
    """Whether a URL (an Origin, a Referer) names the host and port the request was sent to.
    A Host without a port is on the default port of the URL's own scheme."""
    try:
        parts = urlsplit(url)
        name, port = (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        return False
    if not name or parts.scheme not in ("http", "https"):
        return False
    default = 443 if parts.scheme == "https" else 80
    port = port or default
    if host is None:  # HTTP/1.0 without Host: the address the connection came in on
        server = scope.get("server") or ("", None)
        return name == host_name(str(server[0])) and port == server[1]
    return name == host_name(host) and port == (_port(host) or default)
