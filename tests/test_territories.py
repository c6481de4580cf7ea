"""Only States are States (issue 15, point 3): every ISO 3166-1 entry outside
facts/universe.json (the UN members, the observer States, and Kosovo, the Cook Islands and
Niue) is a territory, refused wherever a State is typed (CLI, API, web pages), by name and by
code; a State whose short name is ambiguous (ISO's "Congo") is printed by its unambiguous
name; annexes are named in English, French and Spanish."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mla_rules import errors
from mla_rules.errors import AmbiguousName, UsageError
from mla_rules.law.engine import FACTS_DIR
from mla_rules.questions.context import shipped_record
from mla_rules.record.names import StateIndex, normalise, state_index
from mla_rules.record.record import resolve_crime
from tests.clirun import run

STATES_JSON = FACTS_DIR / "states.json"
UNIVERSE = json.loads((FACTS_DIR / "universe.json").read_text(encoding="utf-8"))
STATES = {*UNIVERSE["un_members"], *UNIVERSE["observers"], *UNIVERSE["others_if_named"]}
# the tool's scope, not a statement of the entry's status in law (contested for some: Taiwan,
# Western Sahara; a State's own part for others: Réunion)
GENERIC = ("is not among the States this tool answers for: the members of the United Nations, "
           "the observer States and the others facts/universe.json names.")
SCOPE = "Ask about one of those States; `mla states --all` lists them."
THROUGH = ("A territory is covered, if at all, through the State responsible for its "
           "international relations")


@pytest.fixture(scope="module")
def states() -> StateIndex:
    return state_index(STATES_JSON)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    from mla_rules.web import app

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _generator() -> object:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    try:
        import generate_states
    finally:
        sys.path.pop(0)
    return generate_states


# ------------------------------------------------------------------ the rule: universe.json

def test_the_states_are_those_of_universe_json_and_only_they(states: StateIndex) -> None:
    """One statement of the rule: facts/states.json's territories are every entry outside
    facts/universe.json (regenerate it with scripts/generate_states.py when that changes)."""
    entries = {s.alpha_3 for s in states.entries()}
    assert STATES <= entries
    assert set(states.not_states) == entries - STATES
    assert {s.alpha_3 for s in states.all()} == STATES
    assert {s.alpha_3 for s in states.territories()} == entries - STATES
    assert len(states.all()) == 198 and len(states.territories()) == 52


def test_the_generator_derives_the_territories_from_the_universe() -> None:
    gen = _generator()
    entries = [{"alpha_2": "AA", "alpha_3": c, "name": c, "names": [c]} for c in
               {*gen.FORMAL, *gen.NOT_STATES, *gen.EXTRA_NAMES,  # type: ignore[attr-defined]
                *(s for p in gen.PREDECESSORS for s in p["successors"])}]  # type: ignore
    entries += [{"alpha_2": "XA", "alpha_3": "XAA", "name": "Isla", "names": ["Isla"]}]
    universe = {e["alpha_3"] for e in entries} - set(gen.NOT_STATES) - {"XAA"}  # type: ignore
    out = gen.names_index(entries, universe)  # type: ignore[attr-defined]
    assert set(out["not_states"]) == set(gen.NOT_STATES) | {"XAA"}  # type: ignore
    assert out["not_states"]["XAA"] == {"what": None, "sovereign": None}  # none invented
    assert out["not_states"]["ATF"] == {"what": "a territory of France", "sovereign": "FRA"}
    with pytest.raises(SystemExit):  # an entry described as no State that is one
        gen.names_index(entries, universe | {"ATF"})  # type: ignore[attr-defined]


def test_the_shipped_states_json_is_what_the_generator_makes_of_it() -> None:
    gen = _generator()
    data = json.loads(STATES_JSON.read_text(encoding="utf-8"))
    again = gen.names_index(data["states"])  # type: ignore[attr-defined]
    assert again["not_states"] == data["not_states"]
    assert again["states"] == data["states"]


# ------------------------------------------------------------------ territories refused

TERRITORIES = [
    ("Puerto Rico", "PRI"), ("PRI", "PRI"), ("pr", "PRI"), ("Porto Rico", "PRI"),
    ("Greenland", "GRL"), ("Groenland", "GRL"), ("GL", "GRL"), ("Hong Kong", "HKG"),
    ("HKG", "HKG"), ("Macao", "MAC"), ("Bermuda", "BMU"), ("Gibraltar", "GIB"), ("Guam", "GUM"),
    ("Aruba", "ABW"), ("ABW", "ABW"), ("Faroe Islands", "FRO"), ("Réunion", "REU"),
    ("Reunion", "REU"), ("Jersey", "JEY"), ("Falkland Islands", "FLK"), ("Malvinas", "FLK"),
    ("Western Sahara", "ESH"), ("Sahara occidental", "ESH"), ("Åland Islands", "ALA"),
    ("New Caledonia", "NCL"), ("Nouvelle-Calédonie", "NCL"), ("Curaçao", "CUW")]


@pytest.mark.parametrize(("typed", "code"), TERRITORIES)
def test_a_territory_is_refused_by_name_and_by_code(states: StateIndex, typed: str,
                                                    code: str) -> None:
    with pytest.raises(UsageError) as e:
        states.resolve(typed, "requesting State")
    assert not isinstance(e.value, AmbiguousName)
    name = states.get(code).name
    assert e.value.message == f"{name} ({code}) {GENERIC}"
    assert e.value.hint == SCOPE  # no status in law asserted, no State responsible invented


def test_where_the_generator_names_the_state_responsible_it_is_named(
        states: StateIndex) -> None:
    with pytest.raises(UsageError) as e:
        states.resolve("ATF")
    assert e.value.message == ("French Southern Territories (ATF) is not a State: it is a "
                               "territory of France.")
    assert e.value.hint and e.value.hint.endswith(f"{THROUGH}: France (FRA).")
    with pytest.raises(UsageError) as e:
        states.resolve("Antarctica")  # no State is responsible for it
    assert e.value.hint == "Only States make and receive requests under the instruments."


@pytest.mark.parametrize(("typed", "code"), [
    ("Kosovo", "XKX"), ("Cook Islands", "COK"), ("Niue", "NIU"), ("Holy See", "VAT"),
    ("Palestine", "PSE"), ("Denmark", "DNK"), ("China", "CHN"), ("Netherlands", "NLD")])
def test_the_states_beside_the_un_members_resolve(states: StateIndex, typed: str,
                                                  code: str) -> None:
    assert states.resolve(typed).alpha_3 == code


@pytest.mark.parametrize(("typed", "meant"), [
    ("Puerto Ricco", "Puerto Rico (PRI"), ("Greenlnd", "Greenland (GRL"),
    ("Hongkong", "Hong Kong (HKG"), ("Taiwn", "Taiwan (TWN")])
def test_a_misspelt_territory_is_named_as_what_it_is_never_as_another_state(
        states: StateIndex, typed: str, meant: str) -> None:
    """Greenlnd suggested Greece, Hongkong Hungary: a territory's name near in spelling is
    suggested with what it is, not a State that happens to be spelt alike."""
    with pytest.raises(UsageError) as e:
        states.resolve(typed)
    hint = e.value.hint or ""
    assert f"Did you mean: {meant}, not among the States this tool answers for)" in hint
    assert "Greece" not in hint and "Hungary" not in hint


def test_the_cli_refuses_a_territory(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "legal-basis", "--from", "Puerto Rico", "--to", "France",
                         "--crime", "torture")
    assert code == errors.USAGE and out == ""
    assert f"Puerto Rico (PRI) {GENERIC}" in err
    assert "could not be decided" not in err
    code, out, err = run(capsys, "can-request", "--from", "France", "--to", "GRL",
                         "--crime", "genocide", "--format", "json")
    assert code == errors.USAGE and f"Greenland (GRL) {GENERIC}" in err
    code, out, err = run(capsys, "status", "Hong Kong")
    assert code == errors.USAGE and f"Hong Kong (HKG) {GENERIC}" in err


def test_mla_states_counts_states(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "states", "--all")
    assert code == 0
    assert ("198 States. The 52 other entries of ISO 3166-1 are not among the States this tool "
            "answers for (facts/universe.json).") in err
    assert "250" not in err
    listed = {line.split()[0] for line in out.splitlines() if line.strip()}
    assert listed == STATES
    code, out, err = run(capsys, "states", "--all", "--format", "json")
    assert {r["alpha_3"] for r in json.loads(out)} == STATES


@pytest.mark.parametrize("path", [
    "/api/can-request?from=Greenland&to=Denmark&crime=genocide",
    "/api/legal-basis?from=PRI&to=FRA&crime=torture",
    "/api/status/Hong%20Kong", "/api/status/MAC", "/api/matrix?state=Gibraltar"])
def test_the_api_answers_400_for_a_territory(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400, response.text
    body = response.json()
    assert GENERIC in body["error"] and "candidates" not in body
    assert body["hint"] == SCOPE


@pytest.mark.parametrize("path", ["/?from=Greenland&to=Denmark&crime=genocide",
                                  "/memo?from=PRI&to=FRA&crime=torture"])
def test_a_web_page_refuses_a_territory(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"accept": "text/html"})
    assert response.status_code == 400, response.text[:300]
    assert "is not among the States this tool answers for" in response.text


def test_the_web_forms_offer_no_territory(client: TestClient) -> None:
    text = client.get("/").text
    assert "Puerto Rico" not in text and "Greenland" not in text
    assert "Latvia" in text


# ------------------------------------------------------------------ Congo printed in full

def test_a_state_is_printed_by_no_ambiguous_name(states: StateIndex) -> None:
    data = json.loads(STATES_JSON.read_text(encoding="utf-8"))
    for s in states.all():
        assert normalise(s.name) not in data["ambiguous"], s
    assert states.get("COG").name == "Republic of the Congo"
    assert states.get("COD").name == "Democratic Republic of the Congo"
    assert states.resolve(states.get("COG").name).alpha_3 == "COG"


def test_the_answer_names_the_republic_of_the_congo(capsys: pytest.CaptureFixture[str]) -> None:
    plain = re.compile(r"(?<!Republic of the )(?<!Republic of the )\bCongo\b")
    code, out, err = run(capsys, "legal-basis", "--from", "COG", "--to", "France",
                         "--crime", "genocide", "--on", "2026-11-28")
    assert "from Republic of the Congo to France" in out
    assert not plain.search(out), out
    code, out, err = run(capsys, "legal-basis", "--from", "COG", "--to", "France",
                         "--crime", "genocide", "--on", "2026-11-28", "--format", "json")
    assert "from Republic of the Congo to France" in json.loads(out)["summary"]
    assert not plain.search(out)


def test_the_memo_names_the_republic_of_the_congo(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    memo = tmp_path / "memo.html"
    run(capsys, "legal-basis", "--from", "COG", "--to", "France", "--crime", "genocide",
        "--on", "2026-11-28", "--format", "html", "--output", str(memo))
    html = memo.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and "from Republic of the Congo to France" in title.group(1)
    assert not re.search(r"(?<!Republic of the )\bCongo\b", html)


def test_the_web_choice_names_the_republic_of_the_congo(client: TestClient) -> None:
    text = client.get("/?from=Congo&to=FRA&crime=genocide").text
    assert ">Republic of the Congo (COG)</a>" in text
    assert ">Democratic Republic of the Congo (COD)</a>" in text
    assert ">Congo (COG)" not in text


# ------------------------------------------------------------------ annexes in three languages

@pytest.mark.parametrize(("typed", "crime"), [
    ("annexe F", "annex-f"), ("Annexe H", "annex-h"), ("l'annexe G", "annex-g"),
    ("anexo H", "annex-h"), ("Anexo F", "annex-f"), ("el anexo A", "annex-a"),
    ("Annex F", "annex-f"), ("annex-f", "annex-f")])
def test_an_annex_is_named_in_english_french_or_spanish(typed: str, crime: str) -> None:
    assert resolve_crime(shipped_record(), typed).id == crime


def test_the_cli_reads_a_french_annex(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "can-request", "--from", "LVA", "--to", "NLD", "--crime",
                         "anexo H", "--on", "2026-11-28", "--format", "json")
    assert code in (errors.APPLIES, errors.DOES_NOT_APPLY), err
    assert json.loads(out)["crime"] == "annex-h"


@pytest.mark.parametrize(("typed", "crime"), [("annexe", "annex-f"), ("anexo g", "annex-g")])
def test_the_crime_suggestions_know_the_annex_in_three_languages(typed: str,
                                                                 crime: str) -> None:
    from mla_rules.web.service import suggestions

    assert crime in {s["value"] for s in suggestions(typed, "crime")}
