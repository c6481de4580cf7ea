"""A world map as inline SVG, each State coloured by a value from 0 to 1 (a share of its
pairs), drawn from the shipped Natural Earth outlines (templates/world-110m.json): nothing is
fetched, no script runs. Colours are presentation attributes (not inline styles), from a
colour-blind-safe sequential scale, and every State carries its name and value as a tooltip."""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup

MAP = Path(__file__).resolve().parent / "templates" / "world-110m.json"
# viridis, light to dark: light = little gap, dark = much gap
SCALE = ("#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154")
NO_DATA = "#d9d9d9"


@lru_cache(maxsize=1)
def outlines() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(MAP.read_text(encoding="utf-8"))
    return doc


def colour(value: float | None) -> str:
    if value is None:
        return NO_DATA
    return SCALE[min(len(SCALE) - 1, int(value * len(SCALE)))]


def legend() -> list[tuple[str, str]]:
    """(colour, range) for the key under a map."""
    n = len(SCALE)
    return [(c, f"{100 * i // n}–{100 * (i + 1) // n}%") for i, c in enumerate(SCALE)] + [
        (NO_DATA, "not counted")]


def world_map(values: dict[str, float], labels: dict[str, str], title: str) -> Markup:
    """The SVG of the map: `values` by alpha-3 code (0..1), `labels` the tooltip of each."""
    doc = outlines()
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {doc["width"]} '
             f'{doc["height"]}" class="worldmap" role="img" aria-label="{escape(title)}">'
             f"<title>{escape(title)}</title>"]
    for code, d in sorted(doc["paths"].items()):
        fill = colour(values.get(code))
        label = escape(labels.get(code, code))
        parts.append(f'<path d="{d}" fill="{fill}" stroke="#ffffff" stroke-width="0.15">'
                     f"<title>{label}</title></path>")
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - built from shipped geometry and escaped text
