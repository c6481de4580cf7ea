"""Generate facts/states.json, the State name index, from pycountry.

Run after upgrading pycountry: `python scripts/generate_states.py`. The CLI reads the JSON
file rather than pycountry itself because importing pycountry costs ~80 ms at start-up.
A test checks that the shipped file is what this script produces.
"""

from __future__ import annotations

import gettext
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from mla_rules.record.names import normalise  # noqa: E402  (one definition of a name's key)

OUT = Path(__file__).resolve().parent.parent / "facts" / "states.json"

# Kosovo has no ISO 3166-1 code; XK / XKX are the user-assigned codes in common use.
KOSOVO = {
    "alpha_2": "XK",
    "alpha_3": "XKX",
    "name": "Kosovo",
    "names": ["Kosovo", "Republic of Kosovo", "République du Kosovo", "República de Kosovo"],
}

# Names used in the depositary record or by practitioners that ISO does not list.
EXTRA_NAMES = {
    "COD": ["Democratic Republic of the Congo", "DR Congo", "DRC", "RDC", "RD Congo"],
    "NLD": ["Holland", "The Netherlands"],
    "GBR": ["Great Britain", "UK"],
    "USA": ["United States", "USA", "Estados Unidos", "États-Unis"],
    "CZE": ["Czech Republic"],
    "MKD": ["Macedonia"],
    "CIV": ["Ivory Coast"],
    "TUR": ["Turkey"],
}


def _variants(name: str) -> list[str]:
    """'Moldova, Republic of' also reads as 'Republic of Moldova' and 'Moldova'."""
    out = [name]
    if ", " in name:
        head, tail = name.split(", ", 1)
        out += [f"{tail} {head}", head]
    return out


def build() -> dict[str, object]:
    import pycountry

    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    es = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    states = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        english = [c.name] + [
            getattr(c, attr) for attr in ("official_name", "common_name") if hasattr(c, attr)
        ]
        names: list[str] = []
        for n in english:
            for translated in (n, fr.gettext(n), es.gettext(n)):
                for v in _variants(translated):
                    if v not in names:
                        names.append(v)
        for extra in EXTRA_NAMES.get(c.alpha_3, []):
            if extra not in names:
                names.append(extra)
        display = getattr(c, "common_name", None) or c.name
        if c.alpha_3 == "COD":
            display = "Democratic Republic of the Congo"
        states.append(
            {"alpha_2": c.alpha_2, "alpha_3": c.alpha_3, "name": display, "names": names}
        )
    states.append(KOSOVO)
    states.sort(key=lambda s: str(s["alpha_3"]))
    index: dict[str, str] = {}
    for s in states:
        for name in s["names"]:  # type: ignore[union-attr]
            index.setdefault(normalise(str(name)), str(s["alpha_3"]))
    return {
        "generated_by": "scripts/generate_states.py",
        "source": f"pycountry {getattr(pycountry, '__version__', '')}".strip(),
        "states": states,
        "index": dict(sorted(index.items())),
    }


def render(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(build()), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
