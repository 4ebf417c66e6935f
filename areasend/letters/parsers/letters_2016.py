"""The 2016 framework's outcome letter and revisit letter."""

from __future__ import annotations

import datetime as dt
import re

from areasend.letters.parsers.common import (
    _CCG,
    _DATE,
    _ICB,
    _NUMBERS,
    Para,
    _date_of,
    _items,
    _labelled_range,
    _nhs_bodies,
    _team,
)
from areasend.letters.parsers.reports_2023 import (
    _check_progress,
    _progress,
)
from areasend.letters.record import Found, LetterRecord


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
