"""One set of Jinja2 templates (autoescaping on) for every HTML the project writes: the web
app's pages, the what-if report (`mla what-if --format html`) and the documentation site
(`mla docs`). Stylesheets embedded in self-contained documents live here too, as `*.css`,
so the web app can allow exactly them in its Content-Security-Policy by hash."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals["inline_css"] = inline_css
    return env


def render(template: str, /, **context: object) -> str:
    """A template rendered with `context` (every value escaped unless marked safe)."""
    return environment().get_template(template).render(**context)


@lru_cache(maxsize=8)
def css(name: str) -> str:
    """The text of a stylesheet embedded in a self-contained document."""
    return (HERE / name).read_text(encoding="utf-8")


def inline_css(name: str) -> Markup:
    """A stylesheet's text, to put between <style> tags as it is (it is ours, not input)."""
    return Markup(css(name))  # noqa: S704 - a file of the package, never user input


def css_hash(name: str) -> str:
    """The CSP source ('sha256-…') that allows exactly this embedded stylesheet."""
    digest = hashlib.sha256(css(name).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
