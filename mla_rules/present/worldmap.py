"""A world map as inline SVG, each State coloured by a value from 0 to 1 (a share of its
pairs), drawn from the shipped Natural Earth outlines (templates/world-110m.json): nothing is
fetched, no script runs. Colours are presentation attributes (not inline styles), from a
colour-blind-safe sequential scale, and every State carries its name and value as a tooltip."""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable
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


def breaks(values: Iterable[float], classes: int = len(SCALE)) -> list[float]:
    """Class boundaries spread over the data (quantiles): the upper bound of each class but
    the last, distinct and increasing, so that each colour holds about as many States."""
    data = sorted(values)
    if not data:
        return []
    cuts = [data[min(len(data) - 1, (len(data) * i) // classes)] for i in range(1, classes)]
    return sorted(set(c for c in cuts if data[0] <= c < data[-1]))


def colour(value: float | None, bounds: list[float] | None = None) -> str:
    """The colour of a value: its class among `bounds` (quantiles), else its sixth of 0..1."""
    if value is None:
        return NO_DATA
    if bounds is None:
        return SCALE[min(len(SCALE) - 1, int(value * len(SCALE)))]
    scale = _spread(len(bounds) + 1)
    return scale[bisect.bisect_left(bounds, value)]


def _spread(n: int) -> tuple[str, ...]:
    """n colours of the scale, spread from its lightest to its darkest."""
    if n >= len(SCALE):
        return SCALE
    if n == 1:
        return (SCALE[-1],)
    return tuple(SCALE[round(i * (len(SCALE) - 1) / (n - 1))] for i in range(n))


def legend(bounds: list[float] | None = None, lowest: float = 0.0, highest: float = 1.0
           ) -> list[tuple[str, str]]:
    """(colour, range) for the key under a map: the quantile classes of `bounds` (from the
    data's lowest to its highest value), else six equal bands."""
    if bounds is None:
        n = len(SCALE)
        return [(c, f"{100 * i // n}–{100 * (i + 1) // n}%") for i, c in enumerate(SCALE)] + [
            (NO_DATA, "not counted")]
    edges = [lowest, *bounds, highest]
    scale = _spread(len(bounds) + 1)
    return [(c, _pct(edges[i]) if _pct(edges[i]) == _pct(edges[i + 1]) else
             f"{_pct(edges[i])}–{_pct(edges[i + 1])}") for i, c in enumerate(scale)] + [
        (NO_DATA, "not counted")]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


PATTERN = ('<defs><pattern id="undecided" width="4" height="4" patternUnits="userSpaceOnUse" '
           'patternTransform="rotate(45)"><rect width="1.2" height="4" fill="#ffffff" '
           'fill-opacity="0.75"/></pattern></defs>')


def world_map(values: dict[str, float], labels: dict[str, str], title: str,
              bounds: list[float] | None = None,
              hatched: frozenset[str] = frozenset()) -> Markup:
    """The SVG of the map: `values` by alpha-3 code (0..1) coloured by the classes of
    `bounds` (or six equal bands), `labels` the tooltip of each; the States in `hatched`
    are striped over their colour (most of their gap could not be decided)."""
    doc = outlines()
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {doc["width"]} '
             f'{doc["height"]}" class="worldmap" role="img" aria-label="{escape(title)}">'
             f"<title>{escape(title)}</title>", PATTERN if hatched else ""]
    for code, d in sorted(doc["paths"].items()):
        fill = colour(values.get(code), bounds)
        label = escape(labels.get(code, code))
        parts.append(f'<path d="{d}" fill="{fill}" stroke="#ffffff" stroke-width="0.15">'
                     f"<title>{label}</title></path>")
        if code in hatched:
            parts.append(f'<path d="{d}" fill="url(#undecided)" stroke="none">'
                         f"<title>{label}</title></path>")
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - built from shipped geometry and escaped text
