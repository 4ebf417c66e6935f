"""From the framework's obligations to activities with windows, in weeks from the plan's start.

Only inspectorate visits become activities: the next full inspection (NF-ACT-2,
NF-ACT-3, OF-WSOA-9), the monitoring inspection (NF-MON-1), the revisit (RV-2)
and, when asked for, engagement meetings (NF-ENG-1). The framework says when
each is due; the planner's assumptions (how early a window opens, how long a
team is on site, how much notice) are the constants below, documented in
docs/planner.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from areasend.framework.calendar import WorkingCalendar, england
from areasend.framework.events import Outcome
from areasend.framework.status import AreaStatus, Party
from areasend.planner.problem import Activity, Kind

KIND_OF_RULE: Mapping[str, Kind] = MappingProxyType(
    {
        "NF-ACT-2": Kind.FULL,
        "NF-ACT-3": Kind.FULL,
        "OF-WSOA-9": Kind.FULL,
        "NF-MON-1": Kind.MONITORING,
        "RV-2": Kind.REVISIT,
        "NF-ENG-1": Kind.ENGAGEMENT,
    }
)


#: The first 2023-framework inspection may come any time in the cycle: its window is open.
OPEN_WINDOW_RULES = frozenset({"NF-ACT-3", "OF-WSOA-9"})


@dataclass(frozen=True)
class KindTiming:
    #: The window opens this many weeks before the due date.
    window_weeks: int
    #: Weeks the team is on site (a full inspection: fieldwork from week 2, on site in week 3).
    on_site_weeks: int
    #: Weeks between telling the area and the first on-site week.
    notice_weeks: int


TIMING: Mapping[Kind, KindTiming] = MappingProxyType(
    {
        # NF-NOT-1/2: told on the Monday of week 1, fieldwork from week 2, on site in week 3.
        Kind.FULL: KindTiming(window_weeks=52, on_site_weeks=2, notice_weeks=1),
        Kind.MONITORING: KindTiming(window_weeks=13, on_site_weeks=1, notice_weeks=2),
        Kind.REVISIT: KindTiming(window_weeks=13, on_site_weeks=1, notice_weeks=2),  # RV-3: 10 WD
        Kind.ENGAGEMENT: KindTiming(window_weeks=8, on_site_weeks=1, notice_weeks=0),
    }
)

#: Worse outcome = higher priority; an area never inspected under 2023 sits in between.
PRIORITY: Mapping[Outcome | None, int] = MappingProxyType(
    {
        Outcome.SYSTEMIC_FAILINGS: 4,
        Outcome.WSOA: 4,
        Outcome.INCONSISTENT: 3,
        None: 2,
        Outcome.NO_WSOA: 1,
        Outcome.POSITIVE: 1,
    }
)


@dataclass(frozen=True)
class AreaInput:
    gss_code: str
    name: str
    region: str
    status: AreaStatus
    last_outcome: Outcome | None


def week_of(start: dt.date, day: dt.date) -> int:
    """The week (from the plan's first Monday) a day falls in; negative before it."""
    return (day - start).days // 7


def term_weeks(
    start: dt.date, weeks: int, area: str | None, calendar: WorkingCalendar
) -> frozenset[int]:
    """Weeks whose five weekdays are all in the area's term time."""
    return frozenset(
        w
        for w in range(weeks)
        if all(calendar.is_term_time(start + dt.timedelta(weeks=w, days=d), area) for d in range(5))
    )


def activities_from_status(
    areas: Iterable[AreaInput],
    start: dt.date,
    weeks: int,
    *,
    calendar: WorkingCalendar | None = None,
    engagement: bool = False,
) -> tuple[Activity, ...]:
    """The activities for the areas' open inspectorate obligations due before the horizon ends.

    ``start`` must be a Monday. An obligation due after the horizon is left for a later
    plan, so a plan is asked to fit only what must happen inside it.
    """
    calendar = calendar or england()
    # Areas without their own term dates share the default periods: compute those once.
    by_periods: dict[int, frozenset[int]] = {}
    found = []
    for area in areas:
        periods = id(calendar.terms.periods(area.gss_code))
        if periods not in by_periods:
            by_periods[periods] = term_weeks(start, weeks, area.gss_code, calendar)
        terms = by_periods[periods]
        for obligation in area.status.open_obligations:
            kind = KIND_OF_RULE.get(obligation.rule)
            if obligation.who is not Party.INSPECTORATE or kind is None:
                continue
            if kind is Kind.ENGAGEMENT and not engagement:
                continue
            timing = TIMING[kind]
            due = week_of(start, obligation.due)
            if due >= weeks:
                continue
            opens = 0 if obligation.rule in OPEN_WINDOW_RULES else due - timing.window_weeks
            found.append(
                Activity(
                    id=f"{area.gss_code}-{kind}-{obligation.due.isoformat()}",
                    area=area.gss_code,
                    region=area.region,
                    kind=kind,
                    earliest_week=max(0, opens),
                    due_week=due,
                    latest_week=weeks - timing.on_site_weeks,
                    priority=PRIORITY[area.last_outcome],
                    on_site_weeks=timing.on_site_weeks,
                    notice_weeks=timing.notice_weeks,
                    term_weeks=terms,
                    rule=obligation.rule,
                    area_name=area.name,
                )
            )
    return tuple(found)
