"""Generate facts/states.json, the State name index, from pycountry and the names kept below.

Run after upgrading pycountry or editing a name below: `python scripts/generate_states.py`
(pycountry is needed only here: `pip install pycountry`). The CLI reads the JSON file rather
than pycountry itself because importing pycountry costs ~80 ms at start-up.

This file is the one place where names are kept by hand (mla_rules/record/names.py reads them
from the generated JSON):

- EXTRA_NAMES: short, common and former names of existing States that ISO does not list
  (Russia, Burma, Swaziland, Zaire, Holy See …), per alpha-3 code, and of a few territories
  (Falklands), so that those are refused as territories rather than as unknown names;
- PREDECESSORS: States that no longer exist (Yugoslavia, the Soviet Union, Czechoslovakia …),
  refused by name and by their ISO 3166-3 code with their successors listed;
- NOT_STATES: what some ISO 3166-1 entries that are not States are (Antarctica, the Virgin
  Islands …), and the State responsible for each where there is one. Which entries are not
  States is not kept here: it is every ISO 3166-1 entry outside facts/universe.json (the UN
  members, the observer States and the others_if_named: Kosovo, the Cook Islands, Niue), so
  Puerto Rico, Greenland or Hong Kong are refused too, by name and by code, with a generic
  message (no State responsible named: there is no source for it here);
- FORMAL: how a State is named when a name is ambiguous ("the Republic of the Congo"). A State
  whose own short name is ambiguous (ISO's "Congo") is also printed by it, without the
  article ("Republic of the Congo"): its `name` in the JSON.

A name (normalised as `normalise()` does) that two entries share is never read as either:
the JSON's `ambiguous` lists it with its candidates (Congo: COG, COD; Korea: KOR, PRK), and
the resolver refuses it with them. The JSON's `index` holds only names of exactly one entry.
"""

from __future__ import annotations

import gettext
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from mla_rules.record.names import normalise  # noqa: E402  (one definition of a name's key)

FACTS = Path(__file__).resolve().parent.parent / "facts"
OUT = FACTS / "states.json"
UNIVERSE = FACTS / "universe.json"  # what counts as a State (with its sources)

# Kosovo has no ISO 3166-1 code; XK / XKX are the user-assigned codes in common use.
KOSOVO = {
    "alpha_2": "XK",
    "alpha_3": "XKX",
    "name": "Kosovo",
    "names": ["Kosovo", "Republic of Kosovo", "République du Kosovo", "República de Kosovo"],
}

# Names used in the depositary record or by practitioners that ISO does not list: short
# names, former names of the same State, and the French and Spanish ones people type.
EXTRA_NAMES = {
    "BEN": ["Dahomey"],
    "BFA": ["Upper Volta", "Haute-Volta", "Alto Volta"],
    "BHS": ["The Bahamas"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "BLR": ["Byelorussia", "Belorussia", "Biélorussie", "Bielorrusia"],
    "BRN": ["Brunei", "Brunéi"],
    "CIV": ["Ivory Coast", "Costa de Marfil"],
    "COD": ["Democratic Republic of the Congo", "DR Congo", "DRC", "RDC", "RD Congo",
            "Congo-Kinshasa", "Congo Kinshasa", "Zaire", "Zaïre"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville", "Congo Brazzaville"],
    "CPV": ["Cape Verde"],
    "CZE": ["Czech Republic", "République tchèque", "República Checa", "Chequia"],
    "DEU": ["Federal Republic of Germany", "West Germany"],
    "FLK": ["Falkland Islands", "Falklands", "Malvinas", "Islas Malvinas",
            "Îles Malouines"],  # a territory: its names are refused with its own message
    "FRO": ["Faeroe Islands"],
    "FSM": ["Micronesia"],
    "GBR": ["Great Britain", "Britain", "UK", "U.K.", "Grande-Bretagne", "Gran Bretaña"],
    "GMB": ["The Gambia"],
    "IRN": ["Iran", "Persia"],
    "KHM": ["Kampuchea"],
    "KNA": ["St Kitts and Nevis", "Saint Kitts"],
    "KOR": ["South Korea", "Korea, South", "Republic of Korea"],
    "LAO": ["Laos"],
    "LCA": ["St Lucia"],
    "LKA": ["Ceylon"],
    "MDA": ["Moldova", "Moldavia"],
    "MKD": ["Macedonia", "Macédoine", "Former Yugoslav Republic of Macedonia",
            "The former Yugoslav Republic of Macedonia", "FYROM"],
    "MMR": ["Burma"],
    "NLD": ["Holland", "The Netherlands"],
    "PRK": ["North Korea", "Korea, North"],
    "PSE": ["Palestine"],
    "RUS": ["Russia", "Rusia", "Russie"],
    "STP": ["Sao Tome", "São Tomé"],
    "SWZ": ["Swaziland", "Swazilandia"],
    "SYR": ["Syria"],
    "TLS": ["East Timor"],
    "TUR": ["Turkey", "Turquía"],
    "TZA": ["Tanzania"],
    "USA": ["United States", "USA", "U.S.A.", "U.S.", "America", "United States of America",
            "Estados Unidos", "États-Unis"],
    "VAT": ["Holy See", "Vatican", "Vatican City", "Vatican City State", "Saint-Siège",
            "Santa Sede", "Vaticano", "Cité du Vatican", "Ciudad del Vaticano"],
    "VCT": ["St Vincent and the Grenadines", "Saint Vincent"],
    "VEN": ["Venezuela"],
    "VGB": ["Îles Vierges"],  # French for both Virgin Islands, as "Virgin Islands"
    "VNM": ["Vietnam", "Viêt Nam"],
    "BOL": ["Bolivia"],
}

# States that no longer exist: refused, with their successors (the States to ask about).
PREDECESSORS = [
    {"alpha_3": "YUG", "name": "Yugoslavia",
     "names": ["Yugoslavia", "Socialist Federal Republic of Yugoslavia", "SFR Yugoslavia",
               "SFRY", "Yougoslavie", "République fédérative socialiste de Yougoslavie",
               "República Federativa Socialista de Yugoslavia"],
     "successors": ["BIH", "HRV", "MKD", "MNE", "SRB", "SVN"]},
    {"alpha_3": "SCG", "name": "Serbia and Montenegro",
     "names": ["Serbia and Montenegro", "State Union of Serbia and Montenegro",
               "Federal Republic of Yugoslavia", "FRY", "Serbie-et-Monténégro",
               "Serbia y Montenegro", "République fédérale de Yougoslavie",
               "República Federativa de Yugoslavia"],
     "successors": ["SRB", "MNE"],
     "note": "Serbia continues its international legal personality."},
    {"alpha_3": "SUN", "name": "the Soviet Union",
     "names": ["Soviet Union", "the Soviet Union", "USSR", "U.S.S.R.",
               "Union of Soviet Socialist Republics", "URSS", "Union soviétique",
               "Unión Soviética", "Union des républiques socialistes soviétiques",
               "Unión de Repúblicas Socialistas Soviéticas"],
     "successors": ["ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LVA", "LTU", "MDA",
                    "RUS", "TJK", "TKM", "UKR", "UZB"],
     "note": "The Russian Federation continues its international legal personality; "
             "Estonia, Latvia and Lithuania regard their statehood as restored."},
    {"alpha_3": "CSK", "name": "Czechoslovakia",
     "names": ["Czechoslovakia", "Czech and Slovak Federal Republic", "CSFR",
               "Czechoslovak Socialist Republic", "Tchécoslovaquie", "Checoslovaquia"],
     "successors": ["CZE", "SVK"]},
    {"alpha_3": "DDR", "name": "the German Democratic Republic",
     "names": ["German Democratic Republic", "the German Democratic Republic",
               "East Germany", "GDR", "DDR", "République démocratique allemande", "RDA",
               "Allemagne de l'Est", "República Democrática Alemana", "Alemania Oriental"],
     "successors": ["DEU"],
     "note": "It acceded to the Federal Republic of Germany on 3 October 1990."},
    {"alpha_3": "YMD", "name": "Democratic Yemen",
     "names": ["Democratic Yemen", "South Yemen", "People's Democratic Republic of Yemen",
               "Yémen démocratique", "Yemen Democrático", "Yemen del Sur"],
     "successors": ["YEM"],
     "note": "It united with the Yemen Arab Republic on 22 May 1990."},
    {"alpha_3": None, "name": "the Yemen Arab Republic",  # its YEM is now Yemen's
     "names": ["Yemen Arab Republic", "the Yemen Arab Republic", "North Yemen",
               "Yemen del Norte", "République arabe du Yémen", "República Árabe de Yemen"],
     "successors": ["YEM"],
     "note": "It united with Democratic Yemen on 22 May 1990."},
]

# What some ISO 3166-1 entries that are not States are, and the State whose record says
# whether an instrument extends to it (None: no such State). Every entry outside
# facts/universe.json is refused (`not_states` in the JSON); those not named here with
# (None, None): the refusal says why generically.
NOT_STATES = {
    "ATA": ("governed by the Antarctic Treaty; no State's claim to it is generally "
            "recognised", None),
    "ATF": ("a territory of France", "FRA"),
    "BVT": ("a dependency of Norway", "NOR"),
    "HMD": ("an external territory of Australia", "AUS"),
    "UMI": ("a group of island territories of the United States", "USA"),
    "VGB": ("a British overseas territory", "GBR"),
    "VIR": ("a territory of the United States", "USA"),
}

# How a State is named in a refusal that names it: 'the Republic of the Congo (COG)'.
FORMAL = {
    "COD": "the Democratic Republic of the Congo",
    "COG": "the Republic of the Congo",
    "GBR": "the United Kingdom",
    "KOR": "the Republic of Korea",
    "PRK": "the Democratic People's Republic of Korea",
    "USA": "the United States",
    "VGB": "the British Virgin Islands",
    "VIR": "the United States Virgin Islands",
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
    return {
        "generated_by": "scripts/generate_states.py",
        "source": f"pycountry {getattr(pycountry, '__version__', '')}".strip(),
        **names_index(states),
    }


def states_of(path: Path = UNIVERSE) -> set[str]:
    """The codes of what counts as a State: facts/universe.json's UN members, observer States
    and others_if_named (Kosovo, the Cook Islands, Niue)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    return set(doc["un_members"]) | set(doc["observers"]) | set(doc["others_if_named"])


def names_index(states: list[dict[str, Any]],
                universe: set[str] | None = None) -> dict[str, Any]:
    """The JSON's content from the entries (alpha-3 order) and the names kept above: `index`
    maps a normalised name of exactly one entry to its code, `ambiguous` a name of several
    entries to their codes, `former` a predecessor State's name to its id in `predecessors`,
    `not_states` every entry outside `universe` (default: facts/universe.json's States).
    """
    universe = states_of() if universe is None else universe
    codes = {str(s["alpha_3"]) for s in states}
    holders: dict[str, list[str]] = {}
    for s in states:
        for name in s["names"]:
            key = normalise(str(name))
            if key and str(s["alpha_3"]) not in holders.setdefault(key, []):
                holders[key].append(str(s["alpha_3"]))
    by_name = {str(s["alpha_3"]): normalise(str(s["name"])) for s in states}

    def first_named(key: str) -> list[str]:  # the entry called just that first: Congo, COG
        return sorted(holders[key], key=lambda c: (by_name[c] != key, c))

    predecessors: dict[str, dict[str, Any]] = {}
    former: dict[str, str] = {}
    for p in PREDECESSORS:
        pid = str(p["alpha_3"] or normalise(str(p["name"])).replace(" ", "-"))
        if p["alpha_3"] in codes or not set(p["successors"]) <= codes:
            raise SystemExit(f"predecessor {p['name']}: a code of a State, or an unknown "
                             "successor")
        predecessors[pid] = {"code": p["alpha_3"], "name": p["name"],
                             "successors": list(p["successors"]),
                             **({"note": p["note"]} if p.get("note") else {})}
        for name in p["names"]:
            key = normalise(str(name))
            if key in holders or former.get(key, pid) != pid:
                raise SystemExit(f"predecessor {p['name']}: '{name}' is also another name")
            former[key] = pid
    unknown = (set(NOT_STATES) | set(FORMAL) | set(EXTRA_NAMES)) - codes
    if unknown:
        raise SystemExit(f"unknown codes among the names kept by hand: {sorted(unknown)}")
    if set(NOT_STATES) & universe:
        raise SystemExit("NOT_STATES names States of facts/universe.json: "
                         f"{sorted(set(NOT_STATES) & universe)}")
    not_states = sorted(codes - universe)
    # a State whose own name is a name of several entries (ISO's "Congo") is printed by its
    # formal name, without the article: "Republic of the Congo", never plain "Congo"
    printed = []
    for s in states:
        code = str(s["alpha_3"])
        if len(holders.get(normalise(str(s["name"])), [])) > 1 and code not in not_states:
            if code not in FORMAL:
                raise SystemExit(f"{code}: its name '{s['name']}' is ambiguous; give FORMAL")
            formal = FORMAL[code]
            s = {**s, "name": formal[4:] if formal.startswith("the ") else formal}
            if len(holders[normalise(str(s["name"]))]) > 1:
                raise SystemExit(f"{code}: its formal name '{formal}' is ambiguous too")
        printed.append(s)
    return {
        "states": printed,
        "formal": dict(sorted(FORMAL.items())),
        "not_states": {c: dict(zip(("what", "sovereign"), NOT_STATES.get(c, (None, None)),
                                   strict=True)) for c in not_states},
        "predecessors": predecessors,
        "index": {k: v[0] for k, v in sorted(holders.items()) if len(v) == 1},
        "ambiguous": {k: first_named(k) for k, v in sorted(holders.items()) if len(v) > 1},
        "former": dict(sorted(former.items())),
    }


def render(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(build()), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
