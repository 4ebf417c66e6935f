"""The NHS bodies jointly responsible with each area, as the shipped reference data dates them.

Read straight from ``areasend/areas/data/area_nhs_partners.csv`` (the file the
database's reference tables load from), so parsing needs no database.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

_CSV = Path(__file__).resolve().parent.parent / "areas" / "data" / "area_nhs_partners.csv"
#: How alike a letter's name and the reference name must be (after the key below) to be one body.
SAME_BODY = 90.0


@dataclass(frozen=True)
class NhsBody:
    name: str
    ods_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None


@cache
def _table() -> dict[str, tuple[NhsBody, ...]]:
    rows: dict[str, list[NhsBody]] = {}
    with _CSV.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.setdefault(row["area_gss_code"], []).append(
                NhsBody(
                    row["nhs_name"],
                    row["nhs_ods_code"],
                    dt.date.fromisoformat(row["valid_from"]) if row["valid_from"] else None,
                    dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
                )
            )
    return {code: tuple(bodies) for code, bodies in rows.items()}


def partners_on(gss_code: str, day: dt.date) -> tuple[NhsBody, ...]:
    """The area's NHS bodies on ``day``; empty where the reference data does not reach back."""
    return tuple(
        body
        for body in _table().get(gss_code, ())
        if (body.valid_from is None or body.valid_from <= day)
        and (body.valid_to is None or day <= body.valid_to)
    )


def body_key(name: str) -> str:
    """A name without the words that vary between writings of one body."""
    text = name.lower().replace("&", " and ")
    text = re.sub(r"clinical commissioning group", "ccg", text)
    text = re.sub(r"integrated care board", "icb", text)
    words = re.sub(r"[^a-z ]", " ", text).split()
    return " ".join(w for w in words if w not in ("nhs", "and", "the"))


def same_body(a: str, b: str) -> bool:
    return fuzz.ratio(body_key(a), body_key(b)) >= SAME_BODY
