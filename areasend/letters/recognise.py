"""Which kind of letter a text is, from the phrases each kind opens with."""

from __future__ import annotations

import re

from areasend.letters.record import Found, LetterKind

# Searched in the opening of the letter only: later pages quote earlier
# inspections ("the monitoring inspection in 2019", "the 2016 inspection").
_OPENING = 3000
_SEND = r"(?:SEND|special educational needs.{0,40}?)"
_SIGNS: tuple[tuple[LetterKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        (LetterKind.MONITORING_2023, r"area SEND monitoring inspection of"),
        (LetterKind.FULL_2023, r"area SEND inspection of (?:the )?.{2,80}?partnership"),
        (LetterKind.REVISIT_2016, rf"joint local area {_SEND} revisit in"),
        (LetterKind.FULL_2016, rf"joint local area {_SEND} inspection in"),
    )
)


def recognise(text: str) -> Found[LetterKind]:
    """The kind whose title phrase appears; unknown when none or several do."""
    opening = text[:_OPENING]
    hits = [(kind, m) for kind, pattern in _SIGNS if (m := pattern.search(opening))]
    if len(hits) == 1:
        kind, match = hits[0]
        return Found(kind, 1.0, match.span())
    return Found(None)
