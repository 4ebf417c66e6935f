"""Read each kind of letter into a LetterRecord, by its structure and set phrases.

The 2023 full report reader is built on the published corpus; the 2016
outcome letter, the revisit letter and the 2023 monitoring report readers on
the structure the handbooks and framework.md §1.5, §2 and §4.6 describe. Where
a letter departs from what a reader knows, the field stays unknown and the
record gains a problem, so a person reviews it instead of the parser guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from areasend.areas.resolve import AreaDirectory, AreaLookupError
from areasend.letters.nhs import partners_on, same_body
from areasend.letters.recognise import recognise
from areasend.letters.record import Found, LetterKind, LetterRecord, Progress

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


#: Stored with every import; raise it when a change to the readers changes what they read.
PARSER_VERSION = "2026.12.1"

UNRECOGNISED = "not recognised as a 2016 or 2023 area SEND letter or report"
_ABOUT_SEND = re.compile(r"\b(?:SEND|special educational needs)\b", re.I)
_BY_INSPECTORATES = re.compile(r"\b(?:Ofsted|Care Quality Commission)\b")


def looks_like_a_letter(text: str) -> bool:
    """Speaks of SEND and of the inspectorates: worth a person's look even in an unknown layout."""
    return bool(_ABOUT_SEND.search(text) and _BY_INSPECTORATES.search(text))


@dataclass(frozen=True)
class Para:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Para]:
    return [Para(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]+", text)]


def parse(text: str, directory: AreaDirectory) -> LetterRecord:
    kind = recognise(text)
    if kind.value is None:
        return LetterRecord(problems=(UNRECOGNISED,))
    reader = _READERS[kind.value]
    record = reader(text, paragraphs(text))
    record = replace(record, kind=kind)
    return _resolve_area(record, directory)


def _resolve_area(record: LetterRecord, directory: AreaDirectory) -> LetterRecord:
    name = record.area_name.value
    if name is None:
        return record.with_problem("the local area is not named where expected")
    day = record.inspection_start.value or record.letter_date.value
    try:
        area = directory.resolve(name, day)
    except AreaLookupError as error:
        return record.with_problem(f"the area could not be resolved: {error}")
    record = replace(record, area_code=Found(area.gss_code, 1.0, record.area_name.span))
    return _check_partners(record, area.gss_code, day) if day else record


def _check_partners(record: LetterRecord, gss_code: str, day: dt.date) -> LetterRecord:
    """The NHS bodies named against the area's in the reference data on the day.

    A letter that names none takes the reference's (a 2016 letter often names
    its CCG only through the accountable officer it is addressed to).
    """
    reference = partners_on(gss_code, day)
    if not reference:
        return record  # the reference data does not reach back to this day: nothing to check
    named = [f for f in record.nhs_partners if f.value]
    if not named:
        return replace(
            record, nhs_partners=tuple(Found(body.name, 0.9, None) for body in reference)
        )
    matched: dict[str, list[str]] = {body.name: [] for body in reference}
    strangers = []
    for found in named:
        body = next((b for b in reference if same_body(str(found.value), b.name)), None)
        if body is None:
            strangers.append(str(found.value))
        else:
            matched[body.name].append(str(found.value))
    listed = "; ".join(body.name for body in reference)
    on = f"on {day.day} {day:%B %Y}"
    for name in strangers:
        record = record.with_problem(
            f"NHS partner '{name}' is not one of the area's NHS bodies {on} ({listed})"
        )
    for partner, names in matched.items():
        if len(names) > 1:
            record = record.with_problem(f"NHS partner '{partner}' is named {len(names)} times")
        elif not names and not strangers:
            record = record.with_problem(f"the letter does not name '{partner}', a partner {on}")
    return record


# --- shared pieces -------------------------------------------------------------------------------


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


# --- 2023 full inspection report ----------------------------------------------------------------

_OUTCOMES_2023 = {
    r"typically lead to positive experiences and outcomes": "positive",
    r"lead to inconsistent experiences and outcomes": "inconsistent",
    r"widespread and/or systemic failings": "systemic_failings",
}
_ENDS_2023 = (
    "areas for improvement", "local area partnership details", "information about this inspection",
    "inspection team", "areas for priority action",
)  # fmt: skip


def _read_2023_full(text: str, paras: list[Para]) -> LetterRecord:
    opening = text[:4000]
    name = re.search(
        r"Area SEND (?:monitoring )?inspection of (?:the )?(.+?) (?:Local Area|SEND) Partnership",
        opening,
        re.I,
    )
    start, end = _labelled_range(opening, r"Inspection dates?:")
    previous, previous_read = _previous_2023(opening)
    outcome = _phrase(opening, _OUTCOMES_2023)
    priority = _section(paras, "Areas for priority action", _ENDS_2023)
    improvement = _section(paras, "Areas for improvement", _ENDS_2023)
    team_text, team_at = _text_between(
        text, paras, "Inspection team", ("if you are not happy", "the office for")
    )
    record = LetterRecord(
        area_name=Found(name.group(1), 1.0, name.span(1)) if name else Found(None),
        inspection_start=start,
        inspection_end=end,
        previous_inspection=previous,
        outcome=outcome,
        weaknesses=tuple(
            _items(priority, ("Responsible body", "Areas for priority action")) if priority else ()
        ),
        improvements=tuple(_items(improvement, ("Areas for improvement",)) if improvement else ()),
        next_inspection=_expectation(
            opening,
            r"next full (?:area SEND )?(?:re)?inspection will (?:be|take place) within "
            r"(approximately )?(\w+) (years|months)",
        ),
        monitoring_inspection=_expectation(
            opening,
            r"monitoring inspection will be carried out within "
            r"(approximately )?(\w+) (months|years)",
        ),
        nhs_partners=tuple(_nhs_bodies(_before(text, "Local area partnership details"), _ICB)),
        team=tuple(_team(team_text, team_at)),
    )
    if not previous_read:
        record = record.with_problem("the previous inspection is mentioned but its date not read")
    return _check_2023(record, priority is not None, improvement is not None)


#: "The previous full inspection was on 19 March 2018", "... took place between ...".
_PREVIOUS_SENTENCE = re.compile(
    r"previous (?:full |joint |local area |area SEND )*inspection (?:was|took place) "
    r"(?:on |between |from |in )?(.{0,60})",
    re.I,
)


def _previous_2023(opening: str) -> tuple[Found[dt.date], bool]:
    """The first day of the previous inspection, and whether the report says anything of it.

    A range, a single date or a sentence; "not previously inspected" is said
    and gives no date, so it is told apart from a statement not read.
    """
    match = re.search(r"Dates? of previous inspections?:(.{0,80})", opening, re.I)
    if match is not None and re.match(r"\s*not previously inspected", match.group(1), re.I):
        return Found(None), True
    candidates = [m for m in (match, _PREVIOUS_SENTENCE.search(opening)) if m is not None]
    for found in candidates:
        start, _ = _range(found.group(1), found.start(1))
        if start.value is not None:
            return start, True
        if day := _DATE.search(found.group(1)):
            at = found.start(1)
            return Found(_date_of(*day.groups()), 1.0, (at + day.start(), at + day.end())), True
    return Found(None), not candidates


def _check_2023(record: LetterRecord, has_priority: bool, has_improvement: bool) -> LetterRecord:
    checks: list[tuple[bool, str]] = [
        (record.inspection_start.value is None, "the inspection dates are not in the header"),
        (record.outcome.value is None, "the outcome is not one of the three set phrases"),
        (
            (record.outcome.value == "systemic_failings") != bool(record.weaknesses),
            "areas for priority action are listed exactly when the outcome is systemic failings; "
            "here they disagree",
        ),
        (
            not has_improvement and record.outcome.value is not None,
            "no 'Areas for improvement' section",
        ),
        (not record.nhs_partners, "no integrated care board is named"),
        (
            not record.team,
            "no inspection team: the report's last sections are missing (text cut short?)",
        ),
    ]
    if has_priority and not record.weaknesses:
        checks.append((True, "the 'Areas for priority action' section has no readable items"))
    for failed, problem in checks:
        if failed:
            record = record.with_problem(problem)
    return record


# --- 2023 monitoring inspection report -----------------------------------------------------------

#: "The area has (not) made sufficient progress", "has made significant progress",
#: "Sufficient progress has (not) been made", "Insufficient progress has been made".
_VERDICT = re.compile(
    r"(?:has|have) (?P<not>not )?made (?P<word>sufficient|insufficient|significant|enough|"
    r"limited|some|no) progress|"
    r"(?P<pword>sufficient|insufficient|significant|limited|some|no) progress has "
    r"(?P<pnot>not )?been made",
    re.I,
)
_PLAIN = ("sufficient", "insufficient", "enough", "significant", "no")


def _verdict(text: str) -> tuple[bool, float] | None:
    """Sufficient or not, and how surely; None when the sentence gives no verdict."""
    match = _VERDICT.search(text)
    if match is None:
        return None
    word = (match.group("word") or match.group("pword")).lower()
    negated = bool(match.group("not") or match.group("pnot"))
    sufficient = not negated and word in ("sufficient", "enough", "significant")
    # "some" or "limited" progress is not the handbook's yes/no: a person decides.
    return sufficient, 0.9 if word in _PLAIN else 0.6


def _read_2023_monitoring(text: str, paras: list[Para]) -> LetterRecord:
    opening = text[:4000]
    name = re.search(
        r"(?:Area SEND )?monitoring inspection of (?:the )?(.+?) (?:Local Area|SEND) Partnership",
        opening,
        re.I,
    )
    start, end = _labelled_range(opening, r"(?:Monitoring )?inspection dates?:")
    previous, previous_read = _previous_2023(opening)
    progress = _progress(paras)
    record = LetterRecord(
        area_name=Found(name.group(1), 1.0, name.span(1)) if name else Found(None),
        inspection_start=start,
        inspection_end=end,
        previous_inspection=previous,
        progress=tuple(progress),
        weaknesses=tuple(
            Found(p.value.weakness, p.confidence, p.span) for p in progress if p.value
        ),
        nhs_partners=tuple(_nhs_bodies(text, _ICB + "|" + _CCG)),
        team=tuple(
            _team(*_text_between(text, paras, "Inspection team", ("if you are not happy",)))
        ),
    )
    if not previous_read:
        record = record.with_problem("the previous inspection is mentioned but its date not read")
    return _check_progress(record)


def _progress(paras: list[Para]) -> list[Found[Progress]]:
    """Per weakness: a verdict on "this significant weakness" closes a block that states it.

    The weakness is the block's first bullet (its first paragraph when none is
    bulleted); a heading or an introduction ending in a colon starts a new block.
    A new bulleted weakness after findings with no readable verdict closes the
    block as unread (value None), so no verdict moves onto the wrong weakness.
    """
    found: list[Found[Progress]] = []
    block: list[Para] = []

    def weakness_of(block: list[Para]) -> Para:
        return next((p for p in block if _BULLET.match(p.text)), block[0])

    for para in paras:
        text = para.text.strip()
        verdict = _verdict(text) if _THIS.search(text) else None
        if verdict and block:
            first = weakness_of(block)
            sufficient, confidence = verdict
            weakness = _BULLET.sub("", first.text)
            found.append(Found(Progress(weakness, sufficient), confidence, (first.start, para.end)))
            block = []
        elif text.lower() in ("findings", "progress"):
            continue
        elif text.endswith(":") or _HEADINGS.fullmatch(text):
            block = []
        else:
            bullet = bool(_BULLET.match(text))
            if bullet and _has_findings(block):
                first = weakness_of(block)
                found.append(Found(None, 0.0, (first.start, block[-1].end)))
                block = []
            block.append(para)
    return found


def _has_findings(block: list[Para]) -> bool:
    """A bulleted weakness followed by prose: what comes next is another weakness."""
    bullets = [i for i, p in enumerate(block) if _BULLET.match(p.text)]
    return bool(bullets) and any(not _BULLET.match(p.text) for p in block[bullets[0] + 1 :])


_THIS = re.compile(
    r"this (?:area of )?(?:significant )?(?:area of )?weakness|this area for priority action|"
    r"this (?:significant )?(?:area of )?concern",
    re.I,
)
_HEADINGS = re.compile(
    r"main findings|next steps|areas for priority action.*|yours sincerely", re.I
)


def _check_progress(record: LetterRecord) -> LetterRecord:
    if record.inspection_start.value is None:
        record = record.with_problem("the revisit or monitoring dates are not where expected")
    if not record.progress:
        record = record.with_problem("no progress judgement per weakness was found")
    unread = [i for i, p in enumerate(record.progress, 1) if p.value is None]
    if unread:
        record = record.with_problem(
            "no verdict could be read for weakness "
            + ", ".join(str(i) for i in unread)
            + " (each needs a person's reading)"
        )
    stated = record.sufficient_count.value
    read = sum(1 for p in record.judgements() if p.sufficient)
    if stated is not None and not unread and stated != read:
        record = record.with_problem(
            f"the letter says {stated} weaknesses were addressed sufficiently but "
            f"{read} sufficient judgements were read"
        )
    count = record.weakness_count.value
    if count is not None and count != len(record.progress):
        record = record.with_problem(
            f"the letter speaks of {count} weaknesses but "
            f"{len(record.progress)} judgements were read"
        )
    return record


# --- 2016 framework: outcome letter and revisit letter ------------------------------------------


def _letter_date(paras: list[Para]) -> Found[dt.date]:
    for para in paras[:8]:
        match = _DATE.fullmatch(para.text.strip())
        if match:
            return Found(_date_of(*match.groups()), 0.9, (para.start, para.end))
    return Found(None)


_SEND = r"(?:SEND|special educational needs.{0,40}?)"
_WORDS_2016 = {"inspection": r"inspection", "revisit": r"re-?visit"}


def _area_2016(text: str, word: str) -> Found[str]:
    """The area from the title, else from the opening sentence."""
    opening = text[:3000]
    title = re.search(
        rf"^(?:joint )?(?:local )?area {_SEND} {_WORDS_2016[word]} in (?:the )?(.+?)$",
        opening,
        re.I | re.M,
    )
    sentence = re.search(
        r"\(CQC\) (?:conducted a joint inspection of|re-?visited|conducted a (?:joint )?"
        r"re-?visit of) the (?:local )?area of (?:the )?(.+?)(?: to (?:judge|decide)|[,.]| from )",
        opening,
    )
    match = title or sentence
    if match is None:
        return Found(None)
    return Found(match.group(1).strip(" ."), 1.0 if title else 0.9, match.span(1))


_NAME_ONLY = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Professor|Prof)\.? )?"
    r"[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,3}"
)
_ROLE = re.compile(
    r"\b(?:Director|Officer|Executive|Chief|Head|Leader|Lead|Chair|Manager|Commissioner|"
    r"Council|CCG|ICB|Clinical Commissioning Group|Integrated Care Board|NHS|Trust|Services|"
    r"Authority)\b"
)


#: Words that start or make up a role or a body's name, never a person's.
_NOT_A_NAME = (
    r"(?:Corporate|Director|Directors|Chief|Accountable|Executive|Lead|Chair|Head|Interim|Acting|"
    r"Deputy|Assistant|Strategic|Officer|Member|Council|County|Borough|City|District|NHS|CCG|ICB|"
    r"Clinical|Integrated|Care|Board|Trust|Children|Families|Services|Education|Health|Local|"
    r"Authority|Commissioning|Group|Cabinet|Portfolio|Holder|Of|And|The|For)"
)
_HONORIFIC_NAME = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Professor|Prof)\.? "
    rf"(?:(?!{_NOT_A_NAME}\b)[A-Z][\w'-]+,? ?){{1,3}}"
)
#: "Idris Griffiths Chief Officer": a bare name run into the role after it (lines joined).
_BARE_NAME = re.compile(
    rf"\b(?!{_NOT_A_NAME}\b)[A-Z][a-z][\w'-]* (?!{_NOT_A_NAME}\b)[A-Z][a-z][\w'-]*,? "
    r"(?=(?:Corporate|Director|Chief|Accountable|Executive|Lead|Chair|Head|Interim|Acting|"
    r"Deputy|Assistant|Strategic)\b)"
)


def _without_people(role: str) -> str:
    role = _BARE_NAME.sub("", _HONORIFIC_NAME.sub("", role))
    return re.sub(r"\s+", " ", role).strip(" ,")


def _addressees(paras: list[Para]) -> list[Found[str]]:
    """Who the letter is addressed to, as roles: a person's name alone or before a role is dropped.

    The block runs from after the letter's date to the salutation ("Dear ...").
    """
    found: list[Found[str]] = []
    for para in paras[:12]:
        text = para.text.strip()
        if text.startswith("Dear ") or re.match(r"(?:joint )?(?:local )?area SEND", text, re.I):
            break
        if _DATE.fullmatch(text) or (_NAME_ONLY.fullmatch(text) and not _ROLE.search(text)):
            continue
        role, at = text, para.start
        name = _NAME_ONLY.match(text)
        if name and text[name.end() : name.end() + 2] == ", " and not _ROLE.search(name.group()):
            role, at = text[name.end() + 2 :], para.start + name.end() + 2
        role = _without_people(role)
        if _ROLE.search(role):
            found.append(Found(role, 0.85, (at, para.end)))
    return found


def _read_2016_full(text: str, paras: list[Para]) -> LetterRecord:
    start, end = _labelled_range(text[:5000], r"(?:Between|From) ")
    wsoa = re.search(
        r"written statement of action (?:\(WSOA\) )?(?:is|was) required|"
        r"required to (?:produce and )?submit a written statement of action",
        text,
        re.I,
    )
    signed = re.search(r"Yours sincerely", text)
    outcome: Found[str]
    if wsoa:
        outcome = Found("wsoa", 1.0, wsoa.span())
    elif signed:
        # The determination sits before the sign-off; a whole letter without it had no WSOA.
        outcome = Found("no_wsoa", 0.7, signed.span())
    else:
        outcome = Found(None)
    weaknesses: list[Found[str]] = []
    intro = re.search(
        r"(?:the following (?P<stated>\w+) )?areas? of significant weakness(?:es)?:", text, re.I
    )
    if intro:
        tail = [p for p in paras if p.start > intro.end()]
        section = []
        for para in tail:
            if re.match(r"Yours sincerely|Ofsted\b|Care Quality Commission", para.text):
                break
            section.append(para)
        weaknesses = [w for w in _items(section, (), bullets_are_items=True) if w.value]
    team_text = text[signed.end() :] if signed else ""
    record = LetterRecord(
        area_name=_area_2016(text, "inspection"),
        letter_date=_letter_date(paras),
        inspection_start=start,
        inspection_end=end,
        outcome=outcome,
        weaknesses=tuple(weaknesses),
        weakness_count=Found(len(weaknesses), 0.9, intro.span()) if intro else Found(None),
        nhs_partners=tuple(_nhs_bodies(text, _ICB + "|" + _CCG)),
        team=tuple(_team(team_text, signed.end() if signed else 0)),
        addressees=tuple(_addressees(paras)),
    )
    if record.inspection_start.value is None:
        record = record.with_problem("the inspection dates are not in the opening paragraph")
    if record.outcome.value is None:
        record = record.with_problem("the letter is incomplete: no determination and no sign-off")
    stated = _number(intro.group("stated")) if intro else None
    if stated is not None and stated != len(weaknesses):
        record = record.with_problem(
            f"the letter speaks of {stated} areas of significant weakness but "
            f"{len(weaknesses)} were read"
        )
    if record.outcome.value == "wsoa" and not weaknesses:
        record = record.with_problem(
            "a Written Statement of Action is required but no weaknesses were read"
        )
    if record.outcome.value == "no_wsoa" and re.search(
        r"significant (?:areas of )?weakness", text, re.I
    ):
        record = record.with_problem(
            "significant weaknesses are mentioned but no WSOA determination was found"
        )
    return record


#: "sufficient progress in addressing five of the eight significant weaknesses", "... all of
#: the significant weaknesses", "... four of the significant weaknesses", "... the three areas".
_SUMMARY = re.compile(
    r"(?P<not>not )?made (?:sufficient|significant) progress in addressing "
    r"(?:(?P<all>all )(?:of )?the (?:(?P<alltotal>(?!significant\b)\w+) )?|"
    r"(?P<some>\w+) of the (?:(?P<total>(?!significant\b)\w+) )?|"
    r"(?:each of )?the (?P<the>\w+) )(?:areas? of )?(?:significant )?(?:weakness|areas?)",
    re.I,
)


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    return _NUMBERS.get(word.lower()) or (int(word) if word.isdigit() else None)


def _summary(text: str) -> tuple[Found[int], Found[int]]:
    """The stated number of weaknesses, and of those addressed sufficiently."""
    match = _SUMMARY.search(text)
    if match is None:
        return Found(None), Found(None)
    span = match.span()
    total = _number(match.group("total") or match.group("alltotal") or match.group("the"))
    if match.group("not"):
        sufficient = 0 if match.group("all") or match.group("the") else None
    elif match.group("all") or match.group("the"):
        sufficient = total if total is not None else None
    else:
        sufficient = _number(match.group("some"))
    return (
        Found(total, 0.9, span) if total is not None else Found(None),
        Found(sufficient, 0.9, span) if sufficient is not None else Found(None),
    )


def _read_2016_revisit(text: str, paras: list[Para]) -> LetterRecord:
    start, end = _labelled_range(text[:5000], r"(?:Between|From) ")
    progress = _progress(paras)
    count, sufficient = _summary(text[:6000])
    record = LetterRecord(
        area_name=_area_2016(text, "revisit"),
        letter_date=_letter_date(paras),
        inspection_start=start,
        inspection_end=end,
        progress=tuple(progress),
        weaknesses=tuple(
            Found(p.value.weakness, p.confidence, p.span) for p in progress if p.value
        ),
        weakness_count=count,
        sufficient_count=sufficient,
        nhs_partners=tuple(_nhs_bodies(text, _ICB + "|" + _CCG)),
        team=tuple(
            _team(text[m.end() :], m.end()) if (m := re.search("Yours sincerely", text)) else ()
        ),
        addressees=tuple(_addressees(paras)),
    )
    every = _SUMMARY.search(text[:6000])
    if (
        every
        and every.group("all")
        and not every.group("not")
        and not all(p.sufficient for p in record.judgements())
    ):
        record = record.with_problem(
            "the letter says all weaknesses were addressed sufficiently, but a judgement says not"
        )
    return _check_progress(record)


_READERS: dict[LetterKind, Callable[[str, list[Para]], LetterRecord]] = {
    LetterKind.FULL_2023: _read_2023_full,
    LetterKind.MONITORING_2023: _read_2023_monitoring,
    LetterKind.FULL_2016: _read_2016_full,
    LetterKind.REVISIT_2016: _read_2016_revisit,
}
