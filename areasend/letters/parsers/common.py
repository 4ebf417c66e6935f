"""Pieces every reader uses: dates and ranges as letters print them, paragraphs, sections,
listed items, NHS bodies and the inspection team."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from areasend.letters.record import Found

_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_MONTH = "(?:" + "|".join(m.capitalize() for m in _MONTH_NAMES) + ")"
_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH}) (\d{{4}})\b")
#: "17 to 21 June 2024", "30 January to 3 February 2023", "29 April 2024 to 3 May 2024",
#: "23 September to 27 September 2024", "Between 8 and 12 March 2021".
_RANGE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: ({_MONTH}))?(?: (\d{{4}}))?,? (?:to|and|-|\u2013) "
    rf"(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH}) (\d{{4}})\b"
)
_BULLET = re.compile(r"^•\s*")  # extraction writes every bullet as "• "
_SENTENCE_END = ".!?"
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


@dataclass(frozen=True)
class Para:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Para]:
    return [Para(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]+", text)]


def _date_of(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), _MONTHS[month.lower()], int(day))
    except ValueError:
        return None


def _range(text: str, offset: int) -> tuple[Found[dt.date], Found[dt.date]]:
    match = _RANGE.search(text)
    if match is None:
        return Found(None), Found(None)
    d1, m1, y1, d2, m2, y2 = match.groups()
    end = _date_of(d2, m2, y2)
    start = _date_of(d1, m1 or m2, y1 or y2)
    span = (offset + match.start(), offset + match.end())
    if start is None or end is None or not dt.timedelta(0) <= end - start <= dt.timedelta(31):
        return Found(None), Found(None)
    return Found(start, 1.0, span), Found(end, 1.0, span)


def _labelled_range(text: str, label: str) -> tuple[Found[dt.date], Found[dt.date]]:
    """The first date range within a line's reach after the label."""
    for match in re.finditer(label + r"(.{0,80})", text, re.I):
        start, end = _range(match.group(1), match.start(1))
        if start.value is not None:
            return start, end
    return Found(None), Found(None)


def _phrase(text: str, choices: dict[str, str]) -> Found[str]:
    hits = [
        (value, m) for pattern, value in choices.items() if (m := re.search(pattern, text, re.I))
    ]
    values = {value for value, _ in hits}
    if len(values) == 1:
        return Found(hits[0][0], 1.0, hits[0][1].span())
    return Found(None)


def _heading_index(paras: list[Para], heading: str) -> int | None:
    """The paragraph that is the heading, or starts with it when a table row ran into it."""
    for i, para in enumerate(paras):
        text = para.text.strip().rstrip(":")
        if text.lower() == heading.lower() or (
            text.startswith(heading + " ") and text[len(heading) + 1 : len(heading) + 2].isupper()
        ):
            return i
    return None


def _section(paras: list[Para], heading: str, ends: tuple[str, ...]) -> list[Para] | None:
    start = _heading_index(paras, heading)
    if start is None:
        return None
    stop = [e.lower() for e in ends]
    out = []
    first = paras[start]
    if first.text.strip().rstrip(":").lower() != heading.lower():
        out.append(first)
    for para in paras[start + 1 :]:
        # A table repeats its section's heading as a header row; any other heading ends it.
        own = para.text.lower().startswith(heading.lower())
        if not own and any(para.text.lower().startswith(e) for e in stop):
            break
        out.append(para)
    return out


_ORG = re.compile(
    r"\b(?:council|integrated care board|icb|clinical commissioning group|ccg|trust|"
    r"children[\u2019']s first|achieving for children|nhs)\b",
    re.I,
)


def _is_body_cell(text: str) -> bool:
    """A "Responsible body" table cell: organisation names, no recommendation.

    Some reports end the cell with a full stop ("Bolton Council and NHS Greater
    Manchester ICB."); a short cell of names is still a cell.
    """
    if text.endswith(".") and len(text) < 150:
        text = text[:-1]
    return (
        len(text) < 250
        and text[-1:] not in _SENTENCE_END
        and bool(_ORG.search(text))
        and not re.search(r"\b(?:should|must|need to|needs to|will)\b", text)
    )


def _items(
    section: list[Para], headers: tuple[str, ...], bullets_are_items: bool = False
) -> list[Found[str]]:
    """The items of a list section, each in the letter's own words.

    A table of priority actions puts a responsible-body cell before each
    item; elsewhere an item runs until a sentence ends and a new one starts
    with a capital. Bullets and lower-case starts continue the item before.
    """
    table = any(p.text.lower().startswith("responsible body") for p in section)
    items: list[tuple[int, int, str]] = []
    boundary = True
    for para in section:
        text = para.text
        start = para.start
        changed = True
        while changed:
            changed = False
            for header in headers:
                if text.lower().startswith(header.lower()):
                    cut = len(header)
                    text = text[cut:].lstrip()
                    start = para.end - len(text)
                    changed = True
        if not text or not re.search(r"[A-Za-z]{2}", text):
            continue
        if _is_body_cell(text):
            boundary = True
            continue
        bullet = bool(_BULLET.match(text))
        continues = (
            items
            and not boundary
            and not (bullets_are_items and bullet)
            and (table or text[0].islower() or bullet or items[-1][2][-1:] not in _SENTENCE_END)
        )
        if items and (continues or (boundary and text[0].islower())):
            first, _, joined = items[-1]
            items[-1] = (first, para.end, joined + " " + _BULLET.sub("", text))
        else:
            items.append((start, para.end, _BULLET.sub("", text)))
        boundary = False
    return [Found(text, 0.9, (a, b)) for a, b, text in items]


_ICB = r"Integrated Care Board|ICB"
_CCG = r"Clinical Commissioning Group|CCG"


def _nhs_bodies(text: str, kinds: str) -> list[Found[str]]:
    """The NHS commissioners named, in their long form, once each."""
    found: dict[str, Found[str]] = {}
    pattern = re.compile(rf"((?:[A-Z][\w\u2019'&-]*,? (?:and |of )?)+)({kinds})s?\b")
    for match in pattern.finditer(text):
        if text[match.start() - 1 : match.start()] == "(":
            continue  # an abbreviation given after the full name
        words = match.group(1)
        if "NHS " in words:
            words = words[words.rindex("NHS ") :]
        else:
            words = re.split(
                r"\b(?:Council|[Aa]uthority|Trust|The|the|Borough of [A-Z][\w-]+)\b,? "
                r"(?:and (?:the )?)?",
                words,
            )[-1]
        words = words.strip(" ,")
        if not words or words in ("NHS", "The", "An", "Each", "Local", "Local Authority"):
            continue
        if re.fullmatch(r"(?:NHS )?[A-Z&]{2,6}", words):
            continue  # an abbreviation such as "NHS BSW ICB", named in full elsewhere
        long = (
            "Clinical Commissioning Group" if match.group(2)[:1] == "C" else "Integrated Care Board"
        )
        name = f"{words} {long}"
        key = _org_key(name)
        if key not in found or (
            name.startswith("NHS") and not str(found[key].value).startswith("NHS")
        ):
            found[key] = Found(name, 0.9, (match.start(), match.end()))
    keys = list(found)
    # "Manchester ICB" split from "NHS Greater Manchester ICB" by a line break is the same board.
    return [found[k] for k in keys if not any(o != k and o.endswith(" " + k) for o in keys)]


def _org_key(name: str) -> str:
    words = re.sub(r"[^a-z ]", " ", name.lower()).split()
    return " ".join(w for w in words if w not in ("nhs", "and"))


_ROLE_WORDS = (
    r"(?:HMI|Ofsted|CQC|Lead|lead|[Ii]nspectors?|Children\u2019s|Children's|Services|Senior)"
)
_TEAM = re.compile(
    rf"(?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?((?:(?!{_ROLE_WORDS}\b)[A-Z][\w\u2019'-]+ ){{1,3}}"
    rf"(?!{_ROLE_WORDS}\b)[A-Z][\w\u2019'-]+),? ((?:{_ROLE_WORDS},? ?)*(?:[Ii]nspector|HMI))\b"
)


def _team(text: str, offset: int) -> list[Found[str]]:
    """People named with an inspector's role; ``text`` starts at ``offset`` of the letter."""
    # Blank the column headings (keeping offsets) so they are not read as a name.
    text = re.sub(r"Care Quality Commission", lambda m: " " * len(m.group()), text)
    return [
        Found(f"{m.group(1)} ({m.group(2)})", 0.85, (offset + m.start(), offset + m.end()))
        for m in _TEAM.finditer(text)
    ]


def _text_between(
    text: str, paras: list[Para], first: str, last: tuple[str, ...]
) -> tuple[str, int]:
    """The letter's text under a heading, and where it starts."""
    section = _section(paras, first, last)
    if not section:
        return "", 0
    return text[section[0].start : section[-1].end], section[0].start


def _before(text: str, heading: str) -> str:
    at = text.find("\n" + heading)
    return text if at < 0 else text[:at]


def _expectation(text: str, pattern: str) -> Found[str]:
    match = re.search(pattern, text, re.I)
    if match is None:
        return Found(None)
    approx, number, unit = match.groups()
    value = _NUMBERS.get(number.lower()) or int(number)
    words = f"{'approximately ' if approx else ''}{value} {unit.lower()}"
    return Found(words, 1.0, match.span())
