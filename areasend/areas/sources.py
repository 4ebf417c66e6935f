"""The sources the national history draws on (sources.csv, written by
tools/build_national_history.py), and how far they reach."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

SOURCES = Path(__file__).resolve().parent / "data" / "national" / "sources.csv"


@dataclass(frozen=True)
class Source:
    """One source of the national history (sources.csv, written by the build)."""

    source: str
    title: str
    publisher: str
    published: dt.date | None
    covers: str
    licence: str
    url: str


def read_sources(path: Path = SOURCES) -> list[Source]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        Source(
            source=r["source"],
            title=r["title"],
            publisher=r["publisher"],
            published=dt.date.fromisoformat(r["published"]) if r["published"] else None,
            covers=r["covers"],
            licence=r["licence"],
            url=r["url"],
        )
        for r in rows
    ]


@functools.cache
def published_until() -> dt.date | None:
    """How far the published records reach: the date of the latest national source. What
    fell due after it cannot be read from them (ADR 0029)."""
    dates = [s.published for s in read_sources() if s.published is not None]
    return max(dates) if dates else None
