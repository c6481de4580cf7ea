"""Generate mla_rules/present/templates/world-110m.json: one SVG path per State, drawn from
Natural Earth's 1:110m Admin 0 countries (public domain) as redistributed in TopoJSON by the
npm package world-atlas (ISC licence). Nothing is fetched at run time: the map is data.

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/generate_world_map.py package/countries-110m.json

Projection: equirectangular, 360 × 170 units (latitudes -58° to 85°, Antarctica left out),
coordinates rounded to 0.1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "mla_rules" / "present" / "templates" / \
    "world-110m.json"
TOP, BOTTOM = 85.0, -58.0
SCALE = 170.0 / (TOP - BOTTOM)
NAMES = {"Kosovo": "XKX", "N. Cyprus": None, "Somaliland": None}  # no ISO numeric code


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(r: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring crossing the antimeridian kept continuous (beyond ±180°, clipped by the view),
    so that it draws no line across the map."""
    out = [r[0]]
    for lon, lat in r[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append((lon, lat))
    if sum(lon for lon, _ in out) / len(out) < -180:
        out = [(lon + 360, lat) for lon, lat in out]
    return out


def path(rings: list[list[tuple[float, float]]]) -> str:
    out = []
    for r in (unwrap(x) for x in rings):
        xy = [(round(lon + 180.0, 1), round((TOP - lat) * SCALE, 1)) for lon, lat in r]
        if all(lat < BOTTOM for _, lat in r):
            continue
        out.append("M" + "L".join(f"{x:g},{y:g}" for x, y in xy) + "Z")
    return "".join(out)


def main(source: str) -> None:
    import pycountry

    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    paths: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        code = NAMES.get(name, "?")
        if code == "?":
            country = pycountry.countries.get(numeric=geometry.get("id", "")) \
                if geometry.get("id") else None
            code = country.alpha_3 if country else None
        if code is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        d = path([ring(r, arcs) for polygon in polygons for r in polygon])
        if d:
            paths[code] = paths.get(code, "") + d
    doc = {"source": "Natural Earth 1:110m Admin 0 countries (public domain), via the npm "
                     "package world-atlas 2.0.2 (ISC licence, Michael Bostock)",
           "projection": "equirectangular; x = longitude + 180, y = (85 - latitude) * "
                         f"{SCALE:.4f}", "width": 360, "height": 170, "paths": paths}
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(paths)} States", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
