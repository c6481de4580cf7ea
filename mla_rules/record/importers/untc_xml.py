"""The UN Treaty Collection's status XML (the MTDSG files, e.g.
https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/IV-1.en.xml): the
Secretary-General's own record as depositary.

What is read:
- the participants table: signature, and the consent to be bound with its marker (none:
  ratification; a: accession; d: succession; A: acceptance; AA: approval; s: definitive
  signature; c: formal confirmation; n: notification; p: participation); an unknown marker
  fails the import;
- the footnote numbers in participants' names (stripped from the names) and the end notes they
  point to, kept as notes of the State's rows (successor States, predecessor's acts);
- the declarations and reservations, the declarations under an article, and the objections,
  as text, each with its date where the source gives one;
- the withdrawals of reservations and of objections that the end notes report, with their
  dates.

The files are ISO-8859-1 and some hold control characters that XML does not allow (the
typographic quotes of the word processor they came from): lxml's recovering parser reads the
rest and every character it dropped is reported. Territorial applications and notifications
are not imported, and the import says so.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from lxml import etree, html

from mla_rules.errors import DataError
from mla_rules.record.importers import Objection, Parsed, Row, Source, checksum, read_bytes

MARKERS = {"": "ratification", "a": "accession", "d": "succession", "A": "acceptance",
           "AA": "approval", "s": "definitive-signature", "c": "formal-confirmation",
           "n": "notification", "p": "participation"}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
         "X": 10, "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17,
         "XVIII": 18, "XIX": 19, "XX": 20, "XXI": 21, "XXII": 22, "XXIII": 23, "XXIV": 24,
         "XXV": 25, "XXVI": 26, "XXVII": 27, "XXVIII": 28, "XXIX": 29}
MONTH_DATE = re.compile(r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|"
                        r"September|October|November|December)\s+(\d{4})\b")
# An objection precludes the treaty between the two only where it says so (VCLT Art. 20(4)(b);
# for objections before the VCLT, the 1951 Advisory Opinion on Reservations to the Genocide
# Convention): the importer proposes, a person decides.
NOT_PRECLUDING = ("not preclude", "not constitute an obstacle", "not be an obstacle",
                  "not be interpreted as preventing", "obstacle to the entry into force",
                  "not to preclude", "not oppose the entry into force",
                  "not prevent the entry into force", "does not prevent the convention",
                  "will come into force between", "shall enter into force between",
                  "remains in force between", "will thus enter into force")
PRECLUDING = ("not in force between", "not consider the united states of america a party",
              "not deem any state", "not regard", "not consider", "no treaty relations",
              "not enter into force between", "not a party to the convention",
              "not as parties", "not parties to the convention")


def parse(path: Path, origin: str | None = None) -> Parsed:
    raw = read_bytes(path)
    data, unread = _repair(raw)
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise DataError(str(path), f"is not UN Treaty Collection XML: {e}") from None
    if root is None or root.find("Treaty") is None or root.find(".//Participants") is None:
        raise DataError(str(path), "is not UN Treaty Collection status XML (no "
                                   "<Treaty>/<Participants>)",
                        "Download the chapter's .en.xml file from treaties.un.org (MTDSG).")
    unread += [f"line {e.line}, column {e.column}: {e.message.strip()} (the parser "
               f"recovered and read on)" for e in parser.error_log]
    treaty = root.find("Treaty")
    chapter = _text(treaty.findtext("Header/Chapter/Header")).replace("CHAPTER", "").strip()
    number = _text(treaty.findtext("Header/ExternalData/Numsect"))
    title, _ = _fragment(treaty.findtext("Header/ExternalData/Titlesect") or "")
    mtdsg = f"{chapter}-{number}" if chapter and number else path.stem
    notes_by_number = _end_notes(treaty)
    refs: dict[str, set[str]] = {}  # participant -> footnote numbers
    rows: list[Row] = []
    general: list[str] = []
    head = treaty.findall("Participants//Thead//Entry")
    if head:
        _, numbers = _fragment(head[0].text or "")
        general += [f"end note {n}: {notes_by_number[n]}" for n in numbers
                    if n in notes_by_number]
    latest = ""
    errors: list[tuple[str, str]] = []
    for row in treaty.iterfind("Participants//Tbody//Row"):
        entries = [e.text or "" for e in row.findall("Entry")]
        if not entries or not entries[0].strip():
            continue
        name, numbers = _fragment(entries[0])
        refs.setdefault(name, set()).update(numbers)
        for column, cell in enumerate(entries[1:3], 1):
            cell = " ".join(cell.split())
            if not cell:
                continue
            parts = cell.split(" ")
            marker = " ".join(parts[3:])
            day = _day(" ".join(parts[:3]), "%d %b %Y")
            where = f"participants table, column {column + 1}, {cell!r}"
            if day is None:
                errors.append((name, f"{where}: not a date written as '22 Mar 1956'"))
                continue
            latest = max(latest, day)
            action = MARKERS.get(marker) if column == 2 else "signature" if not marker \
                else None
            if action is None:
                errors.append((name, f"{where}: unknown marker {marker!r}; known: "
                                     f"{', '.join(repr(m) for m in MARKERS if m)} or none"))
                continue
            if column == 1:
                rows.append(Row(name, action, day))
                continue
            note = ""
            if action == "succession":
                note = ("succession: the depositary gives the date of the notification; a "
                        "succession takes effect from the date of succession")
            rows.append(Row(name, action, day, note=note))
    for section, kind in (("Declarations", None), ("DeclarationsUnderArticle", "declaration")):
        for decl in treaty.iterfind(f"{section}/Declaration"):
            name, numbers = _fragment(decl.findtext("Participant") or "")
            refs.setdefault(name, set()).update(numbers)
            for date, titles, text in _sections(decl):
                if not text:
                    continue
                action = kind or ("reservation" if any("reservation" in t.lower()
                                                       for t in titles) and not any(
                    "declaration" in t.lower() for t in titles) else "declaration")
                label = f"{'; '.join(titles)}: " if titles else ""
                rows.append(Row(name, action, date, note=f"{label}{text}"))
    objections: list[Objection] = []
    for obj in treaty.iterfind("Objections/Objection"):
        name, numbers = _fragment(obj.findtext("Participant") or "")
        refs.setdefault(name, set()).update(numbers)
        for date, titles, text in _sections(obj):
            if not text:
                continue
            body = " ".join([*titles, text])
            proposed, why = propose(body, date)
            objections.append(Objection(name, date, body, proposed, why, ()))
            rows.append(Row(name, "objection", date,
                            note=f"proposed effect: {proposed} ({why}); text: {body}"))
    for name, footnotes in refs.items():
        texts = []
        for n in sorted(footnotes, key=lambda x: int(x) if x.isdigit() else 0):
            end_note = notes_by_number.get(n)
            if end_note is None:
                unread.append(f"{name}: footnote {n} has no end note")
                continue
            rows.extend(_withdrawals(name, n, end_note))
            texts.append(f"end note {n}: {end_note}")
        if texts:
            _attach(rows, name, " ".join(texts))
    for tag, what in (("TerritorialApplications", "territorial applications"),
                      ("Notifications", "notifications"),
                      ("SpecialTables", "special tables")):
        element = treaty.find(tag)
        if element is not None and len(element):
            unread.append(f"{what}: not imported ({len(element)} entries)")
    source = Source(
        f"untc-{mtdsg}", origin or _origin(mtdsg, chapter),
        f"UN Treaty Collection, Status of Treaties (MTDSG) {mtdsg}: {title}",
        "depositary", latest, checksum(raw), path.name)
    return Parsed("untc-xml", title, source, rows, objections, unread, general, errors)


REFERENCE = re.compile(rb"&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_][A-Za-z0-9._-]*);")


def _repair(data: bytes) -> tuple[bytes, list[str]]:
    """The files' one known corruption, repaired before parsing and reported: typographic
    punctuation (U+2000 to U+201F) cut down to its last byte, which leaves control characters
    that XML forbids (U+201C becomes 0x1C) and, for the ellipsis U+2026, a bare `&`. Each
    such byte is read as the character it was cut from."""
    found: dict[str, int] = {}
    for byte in [b for b in range(32) if b not in (9, 10, 13)]:
        n = data.count(bytes([byte]))
        if n:
            found[f"U+20{byte:02X} {chr(0x2000 + byte)}"] = n
            data = data.replace(bytes([byte]), b"&#x20%02X;" % byte)
    parts = data.split(b"&")
    bare = 0
    for i in range(1, len(parts)):
        if not REFERENCE.match(b"&" + parts[i]):
            parts[i] = b"#x2026;" + parts[i]
            bare += 1
    if bare:
        found["U+2026 \u2026 (a bare &)"] = bare
        data = b"&".join(parts)
    return data, [f"{n} damaged character{'s' if n > 1 else ''} read as {what}"
                  for what, n in found.items()]


def propose(text: str, date: str) -> tuple[str, str]:
    """The effect an objection's words suggest, and the words."""
    low = " ".join(text.lower().split())
    law = "VCLT Art. 20(4)(b)" if not date or date >= "1980-01-27" else \
        "the 1951 Advisory Opinion on Reservations to the Genocide Convention"
    for phrase in NOT_PRECLUDING:
        if phrase in low:
            return "not-precluding", f"it says {phrase!r}"
    for phrase in PRECLUDING:
        if phrase in low:
            return "precluding", f"it says {phrase!r}; {law}: only an objection that " \
                                 f"definitely says so precludes: check the words"
    return "not-precluding", f"it does not say that the treaty is not in force between " \
                             f"the two ({law})"


def _origin(mtdsg: str, chapter: str) -> str:
    number = ROMAN.get(chapter, chapter)
    return (f"https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={mtdsg}"
            f"&chapter={number}&clang=_en")


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def _fragment(markup: str) -> tuple[str, list[str]]:
    """'Argentina<superscript>3</superscript>' -> ('Argentina', ['3']): the text without its
    markup, and the footnote numbers in its superscripts."""
    if "<" not in markup:
        return _text(markup), []
    try:
        element: Any = html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _text(markup), []
    numbers: list[str] = []
    for sup in element.iter("superscript", "sup"):
        numbers += [n.strip() for n in (sup.text_content() or "").split(",") if n.strip()]
        sup.drop_tree()
    return _text(element.text_content()), numbers


def _day(text: str, fmt: str) -> str | None:
    try:
        return dt.datetime.strptime(text, fmt).date().isoformat()
    except ValueError:
        return None


def _sections(element: Any) -> list[tuple[str, list[str], str]]:
    """A declaration's or objection's texts, split at its dates (<right>15 November 1950
    </right>): (ISO date or "", its titles, its paragraphs as one text)."""
    out: list[tuple[str, list[str], str]] = []
    date, titles, paras = "", [], []  # type: ignore[var-annotated]
    for t in element.iterfind("text"):
        raw = t.text or ""
        plain, _ = _fragment(raw)
        if "<right>" in raw:
            if titles or paras:
                out.append((date, titles, " ".join(paras)))
            date = _day(plain, "%d %B %Y") or ""
            titles, paras = [], []
            if not date and plain:
                paras.append(plain)
        elif t.get("type") == "title":
            if paras:
                out.append((date, titles, " ".join(paras)))
                titles, paras = [], []
            if plain:
                titles.append(plain.rstrip(":"))
        elif plain and plain != "...":
            paras.append(plain)
    if titles or paras:
        out.append((date, titles, " ".join(paras)))
    return out


def _end_notes(treaty: Any) -> dict[str, str]:
    notes = {}
    for note in treaty.iterfind("EndNotes/Note"):
        number = _text(note.findtext("index"))
        texts = [_fragment(t.text or "")[0] for t in note.iterfind("text")]
        notes[number] = " ".join(t for t in texts if t)
    return notes


def _attach(rows: list[Row], name: str, text: str) -> None:
    """Put a State's end notes on its consent row (else its first row)."""
    mine = [i for i, r in enumerate(rows) if r.participant == name]
    if not mine:
        rows.append(Row(name, "note", note=text))
        return
    i = next((i for i in mine if rows[i].action in MARKERS.values()), mine[0])
    rows[i] = rows[i]._replace(note="; ".join(x for x in (rows[i].note, text) if x))


def _withdrawals(name: str, number: str, note: str) -> list[Row]:
    """The withdrawals of reservations or objections an end note reports, with their dates."""
    rows = []
    for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", note):
        low = sentence.lower()
        if "withdraw" not in low:
            continue
        what = "objection-withdrawal" if "objection" in low and "reservation" not in low else \
            "reservation-withdrawal" if "reservation" in low else None
        if what is None:
            continue
        found = MONTH_DATE.search(sentence)
        day = _day(" ".join(found.groups()), "%d %B %Y") if found else None
        if "respectively" in low or len(MONTH_DATE.findall(sentence)) > 1:
            # several States and dates in one sentence: which date is this State's is not
            # read by a program
            rows.append(Row(name, what, "", note=f"UNVERIFIED: the end note gives several "
                                                 f"dates; end note {number}: {sentence}"))
            continue
        rows.append(Row(name, what, day or "", note=f"end note {number}: {sentence}"))
    return rows
