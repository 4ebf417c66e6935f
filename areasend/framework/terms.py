"""School term dates: inspections happen only in term time (framework.md OF-NOT-2).

Every local authority sets its own term dates, so they are data, not rules. The
default set in ``data/term_dates.csv`` is an APPROXIMATION of the typical
English local-authority pattern (autumn from early September to about 20
December with a one-week October half term; spring from early January to the
Easter holiday with a February half term; summer from after Easter to about 21
July with the late-May half term), for academic years 2015/16 to 2029/30. A
deployment that knows an area's published dates passes them as an override
keyed by the area's GSS code.

The dates are a CSV rather than a Python table because they are the part a
deployment is most likely to correct, and a CSV can be checked against a
council's published list, or replaced, without touching code.

Each term is stored as two half-term periods, so half terms fall between
periods and are not term time. Weekends inside a period count as term time
(they are "in term"); ``next_term_day`` answers with school days (Mon-Fri).
Bank holidays are the working calendar's business, not this module's.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType


@dataclass(frozen=True, order=True)
class TermPeriod:
    """A stretch of term time, ``start`` to ``end`` inclusive."""

    start: dt.date
    end: dt.date
    name: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"term period {self.name!r} ends {self.end} before it starts {self.start}"
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


class _Periods:
    """Sorted, non-overlapping periods with a binary search over their starts."""

    def __init__(self, periods: Iterable[TermPeriod], label: str) -> None:
        self.periods = tuple(sorted(periods))
        for before, after in itertools.pairwise(self.periods):
            if after.start <= before.end:
                raise ValueError(
                    f"{label}: term periods {before.name!r} ({before.start} to {before.end}) "
                    f"and {after.name!r} ({after.start} to {after.end}) overlap"
                )
        self._starts = [p.start for p in self.periods]

    def containing(self, day: dt.date) -> TermPeriod | None:
        i = bisect.bisect_right(self._starts, day) - 1
        if i >= 0 and day <= self.periods[i].end:
            return self.periods[i]
        return None

    def next_school_day(self, day: dt.date) -> dt.date | None:
        candidate = day + dt.timedelta(days=1)
        while True:
            i = bisect.bisect_right(self._starts, candidate) - 1
            if i < 0 or candidate > self.periods[i].end:
                # In a holiday (or before the first term): jump to the next period's start.
                if i + 1 >= len(self.periods):
                    return None
                candidate = self.periods[i + 1].start
                continue
            if candidate.weekday() < 5:
                return candidate
            candidate += dt.timedelta(days=1)


class TermCalendar:
    """Term dates for England, with per-area overrides keyed by GSS code.

    An area with an override uses only its own periods; every other area (and
    ``area=None``) uses the default.
    """

    def __init__(
        self,
        default: Sequence[TermPeriod],
        overrides: Mapping[str, Sequence[TermPeriod]] = MappingProxyType({}),
    ) -> None:
        self._default = _Periods(default, "default term dates")
        self._overrides = {
            area: _Periods(periods, f"term dates for {area}") for area, periods in overrides.items()
        }

    def _for(self, area: str | None) -> _Periods:
        if area is not None and area in self._overrides:
            return self._overrides[area]
        return self._default

    def periods(self, area: str | None = None) -> tuple[TermPeriod, ...]:
        return self._for(area).periods

    def term_containing(self, day: dt.date, area: str | None = None) -> TermPeriod | None:
        return self._for(area).containing(day)

    def is_term_time(self, day: dt.date, area: str | None = None) -> bool:
        return self.term_containing(day, area) is not None

    def next_term_day(self, day: dt.date, area: str | None = None) -> dt.date | None:
        """The first Monday-to-Friday strictly after ``day`` that is in term time.

        None when the known term dates end before such a day.
        """
        return self._for(area).next_school_day(day)

    def with_overrides(self, overrides: Mapping[str, Sequence[TermPeriod]]) -> TermCalendar:
        """This calendar with more (or replaced) per-area term dates."""
        merged: dict[str, Sequence[TermPeriod]] = {
            area: p.periods for area, p in self._overrides.items()
        }
        merged.update(overrides)
        return TermCalendar(self._default.periods, merged)


def read_term_csv(text: str) -> list[TermPeriod]:
    """Periods from CSV text with a header ``academic_year,term,start,end`` (ISO dates).

    Lines starting with ``#`` are comments, so a file can say where its dates come from.
    """
    rows = [line for line in text.splitlines() if not line.startswith("#")]
    periods = []
    for row_number, row in enumerate(csv.DictReader(rows), start=1):
        try:
            start = dt.date.fromisoformat(row["start"])
            end = dt.date.fromisoformat(row["end"])
            name = f"{row['academic_year']} {row['term']}"
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"term dates, data row {row_number}: {error!r}") from error
        periods.append(TermPeriod(start, end, name))
    return periods


@functools.cache
def default_terms() -> TermCalendar:
    """The approximate England-wide term dates shipped with the package."""
    text = resources.files("areasend.framework").joinpath("data/term_dates.csv").read_text("utf-8")
    return TermCalendar(read_term_csv(text))
