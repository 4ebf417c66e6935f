"""Case samples are known only by a pseudonym the service gives: ``CS-`` and a number.

Nobody types a case reference. A typed one could be anything an area's own
records call a child (a name, "Jane-Smith-1", an NHS number, a postcode, a date
of birth) and no check can recognise every such thing. So the service numbers
each inspection's cases ``CS-001``, ``CS-002``... in the order they are added,
and the inspector writes that number against the case on their own sampling
list, which stays outside the system.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PREFIX = "CS-"
MAX_LENGTH = 16
_PSEUDONYM = re.compile(r"CS-(\d{3,13})")


def pseudonym(number: int) -> str:
    """The ``number``-th case's pseudonym: CS-001, CS-002, ... CS-1000."""
    if number < 1:
        raise ValueError(f"Cases are numbered from 1, not {number}.")
    return f"{PREFIX}{number:03d}"


def next_pseudonym(taken: Iterable[str]) -> str:
    """The pseudonym after the highest one in ``taken`` (other references are ignored)."""
    numbers = [int(m.group(1)) for m in map(_PSEUDONYM.fullmatch, taken) if m]
    return pseudonym(max(numbers, default=0) + 1)


def pseudonym_problem(reference: str) -> str | None:
    """Why ``reference`` is not a case pseudonym, or None if it is one."""
    if _PSEUDONYM.fullmatch(reference):
        return None
    return (
        f"A case reference is a pseudonym the service gives, such as CS-014, "
        f"not {reference!r}: it must never hold a name, date, NHS number or address."
    )
