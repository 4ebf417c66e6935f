"""Repair what extraction leaves in a letter's words: split hyphens, ligatures, quote variants.

Applied to each paragraph of every format, so parsers match one spelling of a
word whichever tool produced the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: PDFium writes a hyphen that ended a line as U+FFFE and drops the line break.
_LINE_END_HYPHEN = "\ufffe"
_SOFT_HYPHEN = "\u00ad"
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufb05": "st", "\ufb06": "st"}
)  # fmt: skip
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
     "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}
)  # fmt: skip
_BROKEN = re.compile(r"(\w+)\ufffe(\w+)")
_WORD = re.compile(r"\w+(?:-\w+)*")


def clean(paragraphs: list[str]) -> list[str]:
    """The paragraphs with hyphens rejoined, ligatures spelt out and quotes made plain."""
    plain = [
        p.replace(_SOFT_HYPHEN, "").translate(_LIGATURES).translate(_QUOTES) for p in paragraphs
    ]
    if not any(_LINE_END_HYPHEN in p for p in plain):
        return plain
    words = _vocabulary(plain)
    return [
        _BROKEN.sub(lambda m: _rejoin(m, words), p).replace(_LINE_END_HYPHEN, "-") for p in plain
    ]


def _vocabulary(paragraphs: Iterable[str]) -> set[str]:
    return {w.lower() for p in paragraphs for w in _WORD.findall(p.replace(_LINE_END_HYPHEN, " "))}


def _rejoin(match: re.Match[str], words: set[str]) -> str:
    """One word when the letter writes it so elsewhere ("ser|vices"), else a hyphen it printed.

    Letters are set without automatic hyphenation, so a hyphen at a line's end
    is nearly always the word's own ("co-production", "Stoke-on-Trent").
    """
    left, right = match.groups()
    joined = (left + right).lower()
    hyphenated = f"{left}-{right}".lower()
    if joined in words and hyphenated not in words and not right[:1].isupper():
        return left + right
    return f"{left}-{right}"
