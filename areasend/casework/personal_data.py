"""Likely personal data in free text: what casework must never store about a child.

Inspectors and areas write about groups ("children aged 0 to 25", "481
parents"), places and dates of inspection; they must not write about a child
or family in a way that identifies them. This module finds the shapes that
do: a person's name next to an age, a date of birth, an NHS number (10 digits
passing the NHS mod-11 check), a UK postcode, a UK phone number and an email
address. It looks for those shapes, not for names as such: the published
letters name officials and areas, and a name alone is not the signal.

Pure Python, no Django: every app's services call ``personal_data_problem``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME_AND_AGE = "a person's name next to an age"
DATE_OF_BIRTH = "a date of birth"
NHS_NUMBER = "an NHS number"
POSTCODE = "a postcode"
PHONE = "a phone number"
EMAIL = "an email address"
#: What identifies a child wherever it is written. A letter checks only these: a published
#: letter gives the partnership's and the inspectorates' addresses, phones and emails.
CHILD_DETAILS = frozenset({NAME_AND_AGE, DATE_OF_BIRTH, NHS_NUMBER})
ALL_KINDS = CHILD_DETAILS | {POSTCODE, PHONE, EMAIL}


@dataclass(frozen=True)
class Found:
    kind: str
    text: str
    start: int


# -- a name next to an age --------------------------------------------------------------

# Capitalised words that begin a sentence or name a group, a role or a place in
# casework writing, so are never taken for a child's name before an age.
# fmt: off
_NOT_NAMES = frozenset({
    "a", "about", "across", "after", "all", "also", "although", "among", "an", "and",
    "another", "any", "are", "area", "areas", "as", "at", "babies", "before", "between",
    "boys", "both", "but", "by", "carers", "case", "cases", "child", "children", "cohort",
    "cohorts", "council", "during", "each", "early", "education", "either", "every",
    "families", "family", "few", "for", "from", "girls", "groups", "half", "health", "here",
    "however", "if", "in", "including", "infants", "inspectors", "into", "its", "key",
    "leaders", "learners", "local", "many", "most", "much", "nearly", "no", "none", "not",
    "of", "on", "one", "only", "or", "other", "others", "over", "overall", "parents",
    "people", "per", "practitioners", "pupils", "school", "schools", "send", "since", "so",
    "some", "stage", "students", "such", "than", "that", "the", "their", "them", "these",
    "they", "this", "those", "through", "to", "toddlers", "under", "until", "up", "when",
    "where", "whether", "which", "while", "with", "within", "year", "years", "young",
    "youth",
})
# fmt: on
# fmt: off
_WORD_NUMBERS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)
# fmt: on
_AGE = rf"(?:[1-9]|1\d|2[0-5]|{'|'.join(_WORD_NUMBERS)})"
_NAME = r"[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)*"
_FULL_NAME = rf"(?P<name>{_NAME}(?:\s+{_NAME}){{0,2}})"
# An age followed by "to 25", "-11", "and over", "or under" or ", 15 and 16" is a group's.
_NOT_A_RANGE = (
    rf"(?!\s*(?:[-\u2013+]\s*\d|plus\b|(?:to|-|\u2013)\s*{_AGE}\b"
    rf"|(?:,\s*{_AGE}\s*)*(?:and|or)\s+(?:{_AGE}\b|over|under|above|below|older|younger)))"
)
_AGE_UNITS = r"(?:\s*(?:years?(?:\s+old)?|yrs?|y/o))?"
_NAME_AND_AGE = (
    # "Jane Smith (aged 9)", "Tom aged 7", "Jane, age 9", "Jane Smith, aged nine"
    re.compile(
        rf"\b{_FULL_NAME},?\s*\(?\s*(?:aged|age)\s+{_AGE}\b{_NOT_A_RANGE}(?:{_AGE_UNITS}\s*\))?"
    ),
    # "Jane Smith (9)", "Jane Smith (9 years)": a full name, so footnote marks after a
    # single capitalised word ("Priority (1)") are not taken for ages.
    re.compile(rf"\b(?P<name>{_NAME}\s+{_NAME})\s*\(\s*{_AGE}{_AGE_UNITS}\s*\)"),
    # "Tom, 7, was": a name set off by commas around an age.
    re.compile(rf"\b{_FULL_NAME},\s*{_AGE}{_AGE_UNITS},"),
    # "Jane is 9", "Tom was 7 years old"
    re.compile(rf"\b{_FULL_NAME}\s+(?:is|was|turned)\s+{_AGE}\s+years?\s+old\b"),
    # "9-year-old Jane", "a seven year old called Tom"
    re.compile(
        rf"\b{_AGE}[- ]years?[- ]old\s+(?:(?:boy|girl|child|pupil)\s+)?(?:called\s+|named\s+)?"
        rf"(?P<name>{_NAME})"
    ),
)


# After these, a capitalised word is a place: "in Barnsley, 12, schools joined".
_PLACE_WORDS = frozenset({"in", "at", "across", "within", "near", "around", "throughout"})


def _is_name(words: str, before: str) -> bool:
    """Whether the capitalised words before an age name someone: a sentence may open
    with "However", but "Children" or "Young People" name a group, and the word after
    "in" a place ("in Barnsley, 12, schools"; "In Rotherham Jane (aged 9)" names Jane)."""
    named = [*before.split()[-1:], *words.split()]
    while named and named[0].lower() in _NOT_NAMES:
        if named.pop(0).lower() in _PLACE_WORDS and named:
            named.pop(0)  # the place
    return bool(named) and all(w.lower() not in _NOT_NAMES for w in named)


# -- dates of birth -----------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{2,4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_DATE_OF_BIRTH = (
    # "DOB 12/03/2015", "date of birth: 3 March 2015", "d.o.b. 12.3.15", "birthday 5 May 2014"
    re.compile(
        rf"\b(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s*date|birthday)\s*(?:is|was|:|-)?\s*"
        rf"(?:on\s+)?{_DATE}",
        re.IGNORECASE,
    ),
    # "born on 3 March 2015", "born 12/03/2015", "(b. 12/03/2015)"
    re.compile(rf"(?:\bborn\s+(?:on\s+)?|\(b\.\s*){_DATE}", re.IGNORECASE),
)

# -- NHS numbers, postcodes, phone numbers, email addresses -------------------------------

_TEN_DIGITS = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])")
# Postcode areas of the UK (Royal Mail): a letter-digit shape with any other prefix is
# not a postcode ("KS2 4TH" is a key stage and a year).
_AREAS = (
    "AB|AL|B|BA|BB|BD|BH|BL|BN|BR|BS|BT|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|"
    "DN|DT|DY|E|EC|EH|EN|EX|FK|FY|G|GL|GU|GY|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|"
    "KT|KW|KY|L|LA|LD|LE|LL|LN|LS|LU|M|ME|MK|ML|N|NE|NG|NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|"
    "PR|RG|RH|RM|S|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|TW|UB|"
    "W|WA|WC|WD|WF|WN|WR|WS|WV|YO|ZE"
)
_POSTCODE = re.compile(
    rf"\b(?:{_AREAS})\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{{2}}\b",
    re.IGNORECASE,
)
_ORDINALS = ("st", "nd", "rd", "th")
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d(?:\)?[\s-]?\d){8,9}(?![\d])")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def is_nhs_number(digits: str) -> bool:
    """Ten digits whose last is the NHS mod-11 check digit of the first nine."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = (11 - remainder) % 11
    return check != 10 and check == int(digits[9])


def find_personal_data(text: str) -> list[Found]:
    """Every likely piece of personal data in ``text``, in reading order."""
    found: list[Found] = []
    for pattern in _NAME_AND_AGE:
        for m in pattern.finditer(text):
            if _is_name(m.group("name"), text[max(0, m.start() - 20) : m.start()]):
                found.append(Found(NAME_AND_AGE, m.group(0).strip(), m.start()))
    for pattern in _DATE_OF_BIRTH:
        found += [Found(DATE_OF_BIRTH, m.group(0), m.start()) for m in pattern.finditer(text)]
    nhs = [m for m in _TEN_DIGITS.finditer(text) if is_nhs_number("".join(m.groups()))]
    found += [Found(NHS_NUMBER, m.group(0), m.start()) for m in nhs]
    taken = [range(m.start(), m.end()) for m in nhs]
    found += [
        Found(PHONE, m.group(0), m.start())
        for m in _PHONE.finditer(text)
        if not any(m.start() in span for span in taken)
    ]
    found += [
        Found(POSTCODE, m.group(0), m.start())
        for m in _POSTCODE.finditer(text)
        if m.group(0)[-2:] not in _ORDINALS  # "se1 7th" is a floor, not a postcode
    ]
    found += [Found(EMAIL, m.group(0), m.start()) for m in _EMAIL.finditer(text)]
    return sorted(found, key=lambda f: f.start)


def personal_data_problem(text: str, kinds: frozenset[str] = ALL_KINDS) -> str | None:
    """A message naming what looks like personal data in ``text``, or None if none does."""
    found = [f for f in find_personal_data(text) if f.kind in kinds]
    if not found:
        return None
    what = "; ".join(f"{f.kind} (\u201c{f.text}\u201d)" for f in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return (
        f"This looks like personal data: {what}{more}. Leave it out: write about groups of "
        "children and young people, never details that could identify a child or family."
    )
