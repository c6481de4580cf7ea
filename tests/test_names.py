"""Names that never pick the wrong State (issue 15): an ambiguous name, a predecessor State or
a territory that is not a State is refused with what to ask instead; short and former names
resolve; matching is by whole normalised name, never by substring or by a letter that folds
into a code; lists sort by name, accents aside; crimes resolve in English, French and
Spanish."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from mla_rules.errors import AmbiguousName, UsageError
from mla_rules.law.engine import FACTS_DIR
from mla_rules.questions.context import shipped_record
from mla_rules.record.names import CODE, StateIndex, collation_key, normalise, state_index
from mla_rules.record.record import resolve_crime

STATES_JSON = FACTS_DIR / "states.json"


@pytest.fixture(scope="module")
def states() -> StateIndex:
    return state_index(STATES_JSON)


# ------------------------------------------------------------------ ambiguous names

@pytest.mark.parametrize(("typed", "codes"), [
    ("Congo", ["COG", "COD"]), ("congo", ["COG", "COD"]), ("Korea", ["KOR", "PRK"]),
    ("Corée", ["KOR", "PRK"]), ("Corea", ["KOR", "PRK"])])
def test_a_name_of_two_states_is_refused_with_both(states: StateIndex, typed: str,
                                                   codes: list[str]) -> None:
    with pytest.raises(AmbiguousName) as e:
        states.resolve(typed, "requesting State")
    assert [s.alpha_3 for s in e.value.candidates] == codes
    assert e.value.exit_code == 2 and isinstance(e.value, UsageError)
    assert e.value.role == "requesting State" and e.value.typed == typed
    assert all(f"({c})" in e.value.message for c in codes)
    assert e.value.hint and " or ".join(codes) in e.value.hint


def test_the_congo_message_names_each_state_in_full(states: StateIndex) -> None:
    with pytest.raises(AmbiguousName) as e:
        states.resolve("Congo")
    assert e.value.message == ("Congo: the Republic of the Congo (COG) or the Democratic "
                               "Republic of the Congo (COD)?")


# ------------------------------------------------------------------ short and former names

@pytest.mark.parametrize(("typed", "code"), [
    ("Russia", "RUS"), ("Holy See", "VAT"), ("Vatican", "VAT"), ("Vatican City", "VAT"),
    ("Saint-Siège", "VAT"), ("Burma", "MMR"), ("Swaziland", "SWZ"), ("Zaire", "COD"),
    ("Zaïre", "COD"), ("East Timor", "TLS"), ("Ivory Coast", "CIV"), ("Czech Republic", "CZE"),
    ("Turkey", "TUR"), ("Macedonia", "MKD"), ("Cape Verde", "CPV"), ("Laos", "LAO"),
    ("Syria", "SYR"), ("Iran", "IRN"), ("Moldova", "MDA"), ("Tanzania", "TZA"),
    ("Bolivia", "BOL"), ("Venezuela", "VEN"), ("Vietnam", "VNM"), ("Brunei", "BRN"),
    ("Micronesia", "FSM"), ("UK", "GBR"), ("Britain", "GBR"), ("Great Britain", "GBR"),
    ("USA", "USA"), ("US", "USA"), ("America", "USA"), ("United States", "USA"),
    ("South Korea", "KOR"), ("North Korea", "PRK"), ("DR Congo", "COD"), ("DRC", "COD"),
    ("Congo-Brazzaville", "COG"), ("Congo-Kinshasa", "COD"), ("Republic of the Congo", "COG"),
    ("Palestine", "PSE"), ("The Gambia", "GMB"), ("Kosovo", "XKX"), ("XK", "XKX"),
])
def test_short_and_former_names_resolve(states: StateIndex, typed: str, code: str) -> None:
    assert states.resolve(typed).alpha_3 == code


# ------------------------------------------------------------------ predecessor States

@pytest.mark.parametrize(("typed", "successors"), [
    ("Yugoslavia", ["BIH", "HRV", "MKD", "MNE", "SRB", "SVN"]),
    ("Socialist Federal Republic of Yugoslavia", ["BIH", "HRV", "MKD", "MNE", "SRB", "SVN"]),
    ("YUG", ["BIH", "HRV", "MKD", "MNE", "SRB", "SVN"]),
    ("Serbia and Montenegro", ["SRB", "MNE"]), ("SCG", ["SRB", "MNE"]),
    ("USSR", ["ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LVA", "LTU", "MDA", "RUS",
              "TJK", "TKM", "UKR", "UZB"]),
    ("Soviet Union", ["ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LVA", "LTU", "MDA",
                      "RUS", "TJK", "TKM", "UKR", "UZB"]),
    ("Czechoslovakia", ["CZE", "SVK"]), ("csk", ["CZE", "SVK"]),
    ("East Germany", ["DEU"]), ("GDR", ["DEU"]), ("DDR", ["DEU"]),
    ("South Yemen", ["YEM"]),
])
def test_a_predecessor_state_is_refused_with_its_successors(
        states: StateIndex, typed: str, successors: list[str]) -> None:
    with pytest.raises(AmbiguousName) as e:
        states.resolve(typed)
    assert [s.alpha_3 for s in e.value.candidates] == successors
    assert "no longer exists" in e.value.message
    assert all(f"({c})" in e.value.message for c in successors)


def test_the_czechoslovakia_message(states: StateIndex) -> None:
    with pytest.raises(AmbiguousName) as e:
        states.resolve("Czechoslovakia")
    assert e.value.message == ("Czechoslovakia no longer exists: its successors are Czechia "
                               "(CZE) and Slovakia (SVK). Ask about one of them.")


# ------------------------------------------------------------------ territories

@pytest.mark.parametrize("typed", [
    "Antarctica", "ATA", "AQ", "Antarctique", "Bouvet Island", "BVT",
    "Heard Island and McDonald Islands", "HMD", "United States Minor Outlying Islands", "UMI",
    "French Southern Territories", "ATF", "British Virgin Islands", "VGB", "VG",
    "U.S. Virgin Islands", "VIR", "VI", "Aruba", "ABW", "Puerto Rico", "Greenland", "GL",
    "Hong Kong", "Macao", "Bermuda", "Gibraltar", "Guam", "Faroe Islands", "Réunion",
    "Jersey", "Falklands", "Western Sahara"])
def test_a_territory_that_is_not_a_state_is_refused(states: StateIndex, typed: str) -> None:
    with pytest.raises(UsageError) as e:
        states.resolve(typed)
    assert not isinstance(e.value, AmbiguousName)
    assert "is not a State" in e.value.message or \
        "is not among the States this tool answers for" in e.value.message


@pytest.mark.parametrize("typed", ["Virgin Islands", "Islas Vírgenes", "Îles Vierges"])
def test_the_virgin_islands_are_two_territories(states: StateIndex, typed: str) -> None:
    with pytest.raises(UsageError) as e:
        states.resolve(typed)
    assert "(VGB)" in e.value.message and "(VIR)" in e.value.message
    assert "is not a State" in e.value.message
    assert e.value.hint and "(GBR)" in e.value.hint and "(USA)" in e.value.hint


def test_no_territory_refused_is_in_the_record() -> None:
    """The refusals break no answer: no event of the record is about an entry refused."""
    record = shipped_record()
    refused = set(record.states.not_states)
    used = {e.state for e in record.events}
    if record.framework is not None:
        used |= {e.state for e in record.framework.events}
    assert not refused & used
    assert all(record.states.is_state(c) for c in used)


# ------------------------------------------------------------------ folding and matching

@pytest.mark.parametrize("typed", ["ß", "ẞ", "ßß", "ǅ", "ﬀ", "Straße", "ı", "İ"])
def test_a_letter_that_folds_into_a_code_reaches_no_state(states: StateIndex,
                                                          typed: str) -> None:
    """'ß'.upper() is 'SS', South Sudan's alpha-2 code: only ASCII letters are read as codes,
    and a folded name must be a whole name."""
    with pytest.raises(UsageError) as e:
        states.resolve(typed)
    assert "unknown State" in e.value.message


def test_only_ascii_letters_are_codes() -> None:
    assert CODE.fullmatch("SS") and CODE.fullmatch("lva")
    assert not CODE.fullmatch("ß") and not CODE.fullmatch("ǅ") and not CODE.fullmatch("L1")


def test_compatibility_forms_are_the_letters_they_stand_for(states: StateIndex) -> None:
    assert states.resolve("ＬＶＡ").alpha_3 == "LVA"  # full-width letters (NFKC)
    assert states.resolve("  Latvia\u00a0").alpha_3 == "LVA"
    assert states.resolve("LATVIA").alpha_3 == "LVA"
    assert states.resolve("COTE D’IVOIRE").alpha_3 == "CIV"
    assert states.resolve("Co\u0302te d'Ivoire").alpha_3 == "CIV"  # a combining accent


@pytest.mark.parametrize(("typed", "code"), [
    ("Guinea", "GIN"), ("Niger", "NER"), ("Sudan", "SDN"), ("Dominica", "DMA"),
    ("Samoa", "WSM"), ("Ireland", "IRL")])
def test_a_name_is_never_matched_by_part(states: StateIndex, typed: str, code: str) -> None:
    assert states.resolve(typed).alpha_3 == code


@pytest.mark.parametrize("typed", ["Republic", "Islands", "Republic of", "Saint", "Guine",
                                   "Korea Republic Democratic", "Congo Republic Democratic"])
def test_a_part_of_a_name_is_not_a_name(states: StateIndex, typed: str) -> None:
    with pytest.raises(UsageError):
        states.resolve(typed)


def test_the_index_keys_are_normalised_and_each_is_one_entrys() -> None:
    """Every name in facts/states.json has one key, normalised as the resolver normalises
    what is typed; a key of two entries is ambiguous, never in the index."""
    data = json.loads(STATES_JSON.read_text(encoding="utf-8"))
    holders: dict[str, set[str]] = {}
    for entry in data["states"]:
        for name in entry["names"]:
            holders.setdefault(normalise(name), set()).add(entry["alpha_3"])
    for key in (*data["index"], *data["ambiguous"], *data["former"]):
        assert normalise(key) == key, key
    assert {k for k, v in holders.items() if len(v) == 1} == set(data["index"])
    assert {k: sorted(v) for k, v in holders.items() if len(v) > 1} == {
        k: sorted(v) for k, v in data["ambiguous"].items()}
    assert all(data["index"][k] in v for k, v in holders.items() if len(v) == 1)
    assert not set(data["former"]) & set(holders)


def test_the_generator_detects_a_shared_name() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    try:
        import generate_states
    finally:
        sys.path.pop(0)
    entries = [{"alpha_2": "AA", "alpha_3": c, "name": n, "names": names}
               for c, n, names in [
                   (code, code, [code]) for code in
                   {*generate_states.FORMAL, *generate_states.NOT_STATES,
                    *generate_states.EXTRA_NAMES,
                    *(s for p in generate_states.PREDECESSORS for s in p["successors"])}]]
    entries += [{"alpha_2": "XA", "alpha_3": "XAA", "name": "Strasse", "names": ["Straße"]},
                {"alpha_2": "XB", "alpha_3": "XBB", "name": "Strasse", "names": ["STRASSE"]}]
    out = generate_states.names_index(entries)
    assert out["ambiguous"]["strasse"] == ["XAA", "XBB"]
    assert "strasse" not in out["index"]
    entries.append({"alpha_2": "XC", "alpha_3": "XCC", "name": "x", "names": ["USSR"]})
    with pytest.raises(SystemExit):
        generate_states.names_index(entries)


# ------------------------------------------------------------------ collation

def test_lists_sort_by_name_accents_aside(states: StateIndex) -> None:
    codes = [s.alpha_3 for s in states.entries()]
    assert codes.index("CRI") < codes.index("CIV") < codes.index("HRV")
    assert codes.index("AFG") < codes.index("ALA") < codes.index("ALB")  # Åland
    names = [s.name for s in states.entries()]
    assert names == sorted(names, key=collation_key)
    assert len(codes) == len(set(codes))


def test_collation_key_ignores_accents_and_case() -> None:
    assert collation_key("Côte d'Ivoire") < collation_key("Croatia")
    assert collation_key("Åland Islands") < collation_key("Albania")
    assert sorted(["Zambia", "émirats", "Egypt"], key=collation_key) == [
        "Egypt", "émirats", "Zambia"]


# ------------------------------------------------------------------ crimes

@pytest.mark.parametrize(("typed", "crime"), [
    ("genocide", "genocide"), ("génocide", "genocide"), ("GENOCIDIO", "genocide"),
    ("le crime de génocide", "genocide"), ("the crime of genocide", "genocide"),
    ("el crimen de genocidio", "genocide"),
    ("crimes contre l'humanité", "crimes-against-humanity"),
    ("crimes contre l humanite", "crimes-against-humanity"),
    ("crímenes de lesa humanidad", "crimes-against-humanity"),
    ("los crímenes de lesa humanidad", "crimes-against-humanity"),
    ("crímenes contra la humanidad", "crimes-against-humanity"),
    ("crimes de guerre", "war-crimes"), ("crímenes de guerra", "war-crimes"),
    ("war crime", "war-crimes"), ("torture", "annex-f"), ("tortura", "annex-f"),
    ("disparition forcée", "annex-g"), ("desaparición forzada", "annex-g"),
    ("desapariciones forzadas", "annex-g"), ("agression", "annex-h"),
    ("agresión", "annex-h"), ("crime d'agression", "annex-h"),
    ("el crimen de agresión", "annex-h"), ("Annex F", "annex-f"), ("annexe F", "annex-f"),
    ("l'annexe G", "annex-g"), ("anexo H", "annex-h"), ("el anexo F", "annex-f")])
def test_crimes_in_english_french_and_spanish(typed: str, crime: str) -> None:
    assert resolve_crime(shipped_record(), typed).id == crime


@pytest.mark.parametrize(("typed", "suggested"), [
    ("genocidoi", "genocide"), ("torure", "annex-f"), ("desaparicion forsada", "annex-g"),
    ("crimes contre l humanit", "crimes-against-humanity")])
def test_a_misspelt_crime_has_suggestions(typed: str, suggested: str) -> None:
    with pytest.raises(UsageError) as e:
        resolve_crime(shipped_record(), typed)
    assert e.value.hint and suggested in e.value.hint


def test_no_crime_alias_is_shared() -> None:
    """An alias names one crime (Annexes A-D share only their placeholder name)."""
    seen: dict[str, str] = {}
    for c in shipped_record().crimes.values():
        for alias in (c.id, *c.aliases):
            assert seen.setdefault(normalise(alias), c.id) == c.id, alias


# ------------------------------------------------------------------ no traceback

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=130))
def test_no_text_breaks_the_resolvers(text: str) -> None:
    states = state_index(STATES_JSON)
    try:
        state = states.resolve(text)
    except UsageError as e:
        assert e.message
    else:
        assert states.is_state(state.alpha_3)
        key = unicodedata.normalize("NFKC", text).strip()
        assert CODE.fullmatch(key) or normalise(text) in states.by_name
    try:
        resolve_crime(shipped_record(), text)
    except UsageError as e:
        assert e.message


# ------------------------------------------------------------------ the web service

@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    from mla_rules.web import app

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize(("path", "codes"), [
    ("/api/can-request?from=Congo&to=FRA&crime=genocide", ["COG", "COD"]),
    ("/api/legal-basis?from=LVA&to=Korea&crime=genocide", ["KOR", "PRK"]),
    ("/api/status/Czechoslovakia", ["CZE", "SVK"]),
    ("/api/gap?state=Congo", ["COG", "COD"]),
    ("/api/matrix?state=Korea", ["KOR", "PRK"])])
def test_the_api_answers_400_with_the_candidates(client: TestClient, path: str,
                                                 codes: list[str]) -> None:
    response = client.get(path)
    assert response.status_code == 400
    body = response.json()
    assert [c["code"] for c in body["candidates"]] == codes
    assert all(c["name"] for c in body["candidates"])
    assert body["error"] and body["hint"]
    assert "content-security-policy" in response.headers


def test_the_api_refuses_a_territory_without_candidates(client: TestClient) -> None:
    response = client.get("/api/status/Antarctica")
    assert response.status_code == 400
    assert "is not a State" in response.json()["error"]
    assert "candidates" not in response.json()


def test_the_api_documents_the_candidates(client: TestClient) -> None:
    error = client.get("/openapi.json").json()["components"]["schemas"]["Error"]
    assert "candidates" in error["properties"]


def test_the_pages_offer_each_candidate(client: TestClient) -> None:
    page = client.get("/", params={"from": "LVA", "to": "Korea", "crime": "genocide"})
    assert page.status_code == 400
    assert 'href="/?from=LVA&amp;to=KOR&amp;crime=genocide&amp;kind=mla"' in page.text
    assert 'href="/?from=LVA&amp;to=PRK&amp;crime=genocide&amp;kind=mla"' in page.text
    one = client.get("/state/Congo")
    assert one.status_code == 400
    assert 'href="/state/COG"' in one.text and 'href="/state/COD"' in one.text
    form = client.get("/state", params={"code": "Yugoslavia"}, follow_redirects=False)
    assert form.status_code == 400 and 'href="/state/SVN"' in form.text


def test_the_choice_is_escaped(client: TestClient) -> None:
    page = client.get("/", params={"from": "Congo", "to": "<b>x</b>", "crime": "genocide"})
    assert "<b>x</b>" not in page.text
    assert "&lt;b&gt;x&lt;/b&gt;" in page.text or "%3Cb%3E" in page.text
