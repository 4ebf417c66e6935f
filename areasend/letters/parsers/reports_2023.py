"""The 2023 framework's full inspection report and monitoring inspection report."""

from __future__ import annotations

import datetime as dt
import re

from areasend.letters.parsers.common import (
    _BULLET,
    _CCG,
    _DATE,
    _ICB,
    Para,
    _before,
    _date_of,
    _expectation,
    _items,
    _labelled_range,
    _nhs_bodies,
    _phrase,
    _range,
    _section,
    _team,
    _text_between,
)
from areasend.letters.record import Found, LetterRecord, Progress

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
