"""Turning what a user types into a State or a crime: codes and names in English, French and
Spanish, case- and accent-insensitive, with suggestions when nothing matches."""


import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from mla_rules.errors import UsageError

MAX_INPUT = 120


def normalise(text: str) -> str:
    """'Côte d’Ivoire ' -> 'cote d ivoire': no accents, no punctuation, one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", plain).strip()


class State(NamedTuple):
    alpha_3: str
    alpha_2: str
    name: str


class StateIndex:
    """All States known to ISO 3166-1 (via pycountry, pre-generated) plus Kosovo."""

    def __init__(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.by_code: dict[str, State] = {}
        for entry in data["states"]:
            state = State(entry["alpha_3"], entry["alpha_2"], entry["name"])
            self.by_code[state.alpha_3] = state
            self.by_code[state.alpha_2] = state
        # names already normalised by scripts/generate_states.py, with the same normalise()
        self.by_name: dict[str, State] = {k: self.by_code[v] for k, v in data["index"].items()}

    def get(self, alpha_3: str) -> State:
        return self.by_code[alpha_3]

    def all(self) -> list[State]:
        return sorted({s.alpha_3: s for s in self.by_code.values()}.values(),
                      key=lambda s: s.name)

    def resolve(self, text: str, role: str = "State") -> State:
        """Find the State a user means, or raise UsageError with suggestions."""
        if len(text) > MAX_INPUT:
            raise UsageError(f"{role} name is too long ({len(text)} characters)")
        code = text.strip().upper()
        if code in self.by_code and len(code) in (2, 3):
            return self.by_code[code]
        key = normalise(text)
        if key in self.by_name:
            return self.by_name[key]
        raise UsageError(f"unknown {role}: '{text}'", self._hint(key))

    def _hint(self, key: str) -> str:
        import difflib

        close = difflib.get_close_matches(key, list(self.by_name), n=8, cutoff=0.75)
        if not close and key:
            close = [n for n in self.by_name if n.startswith(key[:4])][:8]
        names = list(dict.fromkeys(f"{self.by_name[c].name} ({self.by_name[c].alpha_3})"
                                   for c in close))[:4]
        tip = "Use an ISO 3166-1 code (LVA, LV) or a name in English, French or Spanish"
        if names:
            return f"Did you mean: {', '.join(names)}? {tip}; `mla states` lists them."
        return f"{tip}; `mla states` lists them."


@lru_cache(maxsize=4)
def state_index(path: Path) -> StateIndex:
    return StateIndex(path)
