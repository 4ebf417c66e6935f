"""Working days, bank holidays and term time (framework.md "Conventions").

A working day (WD) is Monday to Friday and not an England & Wales bank holiday,
one-offs included (8 May 2020, 3 Jun 2022, 19 Sep 2022, 8 May 2023). Bank
holidays come from the maintained ``holidays`` package; a deployment corrects
it with ``extra_holidays``/``removed_holidays`` rather than waiting for a release.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
import functools
from collections.abc import Iterable

import holidays

from areasend.framework.terms import TermCalendar, default_terms

_ONE_DAY = dt.timedelta(days=1)


class WorkingCalendar:
    def __init__(
        self,
        extra_holidays: Iterable[dt.date] = (),
        removed_holidays: Iterable[dt.date] = (),
        terms: TermCalendar | None = None,
    ) -> None:
        self._extra = frozenset(extra_holidays)
        self._removed = frozenset(removed_holidays)
        self._terms = terms
        self._years: dict[int, dict[dt.date, str]] = {}

    def _year(self, year: int) -> dict[dt.date, str]:
        found = self._years.get(year)
        if found is None:
            package = holidays.country_holidays("GB", subdiv="ENG", years=year)
            found = {day: str(name) for day, name in package.items() if day not in self._removed}
            found.update(
                {d: "bank holiday (local correction)" for d in self._extra if d.year == year}
            )
            self._years[year] = found
        return found

    def bank_holidays(self, year: int) -> dict[dt.date, str]:
        return dict(sorted(self._year(year).items()))

    def is_bank_holiday(self, day: dt.date) -> bool:
        return day in self._year(day.year)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and not self.is_bank_holiday(day)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (before it if n < 0); ``day`` itself if n == 0.

        ``day`` is never counted, whether or not it is a working day.
        """
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def count_working_days(self, start: dt.date, end: dt.date) -> int:
        """Working days in the half-open interval (start, end]; negative if end < start.

        For every day d and n >= 0, ``count_working_days(d, add_working_days(d, n)) == n``.
        """
        if end < start:
            return -self.count_working_days(end, start)
        weekdays = _weekdays_before(end + _ONE_DAY) - _weekdays_before(start + _ONE_DAY)
        holidays_on_weekdays = sum(
            1
            for year in range(start.year, end.year + 1)
            for day in self._year(year)
            if start < day <= end and day.weekday() < 5
        )
        return weekdays - holidays_on_weekdays

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    @property
    def terms(self) -> TermCalendar:
        return self._terms if self._terms is not None else default_terms()

    def is_term_time(self, day: dt.date, area: str | None = None) -> bool:
        """Whether ``day`` falls in a term period of ``area`` (weekends in term included)."""
        return self.terms.is_term_time(day, area)

    def next_term_working_day(self, day: dt.date, area: str | None = None) -> dt.date | None:
        """The first working day strictly after ``day`` in ``area``'s term time.

        None when the known term dates end first.
        """
        candidate = self.terms.next_term_day(day, area)
        while candidate is not None and not self.is_working_day(candidate):
            candidate = self.terms.next_term_day(candidate, area)
        return candidate


def _weekdays_before(day: dt.date) -> int:
    """Mondays to Fridays from 1 Jan 0001 (a Monday) up to, not including, ``day``."""
    weeks, rest = divmod(day.toordinal() - 1, 7)
    return 5 * weeks + min(rest, 5)


def next_monday(day: dt.date) -> dt.date:
    """The first Monday strictly after ``day``."""
    return day + dt.timedelta(days=7 - day.weekday())


def monday_of_week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later (earlier if negative), the day clamped to the month's end.

    31 Jan + 1 month is 28 Feb (29 in a leap year).
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = _stdlib_calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


@functools.cache
def england() -> WorkingCalendar:
    """The default calendar: England & Wales bank holidays, default term dates."""
    return WorkingCalendar()
