"""Which kind of letter a text is, from the phrases each kind opens with."""

from __future__ import annotations

import re

from areasend.letters.record import Found, LetterKind

# Searched in the opening of the letter only: later pages quote earlier
# inspections ("the monitoring inspection in 2019", "the 2016 inspection").
_OPENING = 3000
_SEND = r"(?:SEND|special educational needs.{0,40}?)"
#: 2016 titles as published: "Joint local area SEND inspection in X" (the handbook's), "Joint
#: area SEND inspection in X", "Joint local area SEND re-visit in X", "Area SEND revisit in X".
_TITLE_2016 = rf"^(?:joint )?(?:local )?area {_SEND} "


def _compile(
    signs: tuple[tuple[LetterKind, str], ...],
) -> tuple[tuple[LetterKind, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(pattern, re.I | re.M)) for kind, pattern in signs)


_TITLES = _compile(
    (
        # "Area SEND monitoring inspection of X Local Area Partnership", or without "Area SEND".
        (
            LetterKind.MONITORING_2023,
            r"(?:area SEND )?monitoring inspection of (?:the )?.{2,80}?partnership",
        ),
        (LetterKind.FULL_2023, r"area SEND inspection of (?:the )?.{2,80}?partnership"),
        (LetterKind.REVISIT_2016, _TITLE_2016 + r"re-?visit in "),
        (LetterKind.FULL_2016, _TITLE_2016 + r"inspection in "),
    )
)
#: The 2016 letters' opening sentences, read when no title is found (a letter pasted without it).
_OPENINGS = _compile(
    (
        (LetterKind.REVISIT_2016, r"\(CQC\) (?:re-?visited|conducted a (?:joint )?re-?visit of)"),
        (LetterKind.FULL_2016, r"\(CQC\) conducted a joint inspection of the local area"),
    )
)


def recognise(text: str) -> Found[LetterKind]:
    """The kind whose title phrase appears; else whose opening sentence does.

    Several kinds' titles: the first in the letter, since a title comes before
    any inspection the letter goes on to quote.
    """
    opening = text[:_OPENING]
    for signs, confidence in ((_TITLES, 1.0), (_OPENINGS, 0.9)):
        hits = sorted(
            ((m.start(), kind, m) for kind, pattern in signs if (m := pattern.search(opening))),
            key=lambda hit: hit[0],
        )
        if hits:
            _, kind, match = hits[0]
            return Found(kind, confidence, match.span())
    return Found(None)
