"""Proposed dates for a notified inspection, and the rules that refuse impossible ones.

Every refusal names the rule that forbids the date, so a planner (or the
history check in evaluate.py, which reuses these functions) can say why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from areasend.framework.calendar import WorkingCalendar
from areasend.framework.events import EventType, Framework, InspectionKind
from areasend.framework.params import Params
from areasend.framework.status import Refusal
from areasend.framework.versions import (
    FrameworkVersion,
    fieldwork_notice,
    framework_start,
    onsite_notice,
    version_in_force,
)

NOTIFIED = EventType.INSPECTION_NOTIFIED.value
STARTED = EventType.FIELDWORK_STARTED.value
ENDED = EventType.FIELDWORK_ENDED.value

#: The rule describing the course of each kind of inspection on site.
COURSE_RULE = {
    (Framework.F2016, InspectionKind.FULL): "OF-ONS-1",
    (Framework.F2016, InspectionKind.REVISIT): "RV-4",
    (Framework.F2023, InspectionKind.FULL): "NF-WK-1",
    (Framework.F2023, InspectionKind.MONITORING): "NF-MON-1",
}
#: The rule saying a full inspection is notified on a Monday.
MONDAY_RULE = {Framework.F2016: "OF-NOT-1", Framework.F2023: "NF-NOT-1"}


class ScheduleError(ValueError):
    """Dates the rules forbid; ``refusals`` name each rule."""

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = tuple(refusals)
        super().__init__("; ".join(f"{r.rule}: {r.reason}" for r in self.refusals))


@dataclass(frozen=True)
class ProposedSchedule:
    kind: InspectionKind
    framework: Framework
    version: str
    notified_on: dt.date
    fieldwork_start: dt.date
    fieldwork_end: dt.date
    onsite_start: dt.date
    onsite_end: dt.date
    #: OF-EV-2b: the parents' webinar window (2016 full inspections).
    webinar: tuple[dt.datetime, dt.datetime] | None
    #: NF-WK-1: the survey window in week 1 (2023 full inspections).
    survey: tuple[dt.date, dt.date] | None
    rules: tuple[str, ...]


def _version_refusal(
    kind: InspectionKind, framework: Framework, day: dt.date
) -> tuple[FrameworkVersion | None, Refusal | None]:
    version = version_in_force(framework, kind, day)
    if version is None:
        if kind is InspectionKind.REVISIT:
            rule, why = "RV-1", "revisits run under the 2016 framework from December 2018"
        elif kind is InspectionKind.MONITORING:
            rule, why = "NF-ACT-1", "monitoring inspections belong to the 2023 framework"
        elif framework is Framework.F2023:
            rule, why = "NF-VER-1", "the 2023 framework is in force from 1 January 2023"
        else:
            rule, why = "OF-PRG-1", "the 2016 framework's first inspections were in May 2016"
        return None, Refusal(NOTIFIED, f"{why}; {day} is outside it", rule)
    if version.notify_until is not None and day > version.notify_until:
        successor = framework_start(Framework.F2023)
        why = (
            f"the 2016 programme notified its last {kind} inspection by "
            f"{version.notify_until}; from {successor} areas are inspected under the "
            "2023 framework"
        )
        return version, Refusal(NOTIFIED, why, "OF-PRG-4")
    return version, None


def notification_refusals(
    kind: InspectionKind,
    framework: Framework,
    day: dt.date,
    *,
    calendar: WorkingCalendar,
    exact_day: bool = True,
) -> list[Refusal]:
    """Why an inspection of this kind cannot be notified on ``day``.

    ``exact_day=False`` asks only whether the framework allows it in the
    period, not whether ``day`` itself is a suitable weekday.
    """
    _, refusal = _version_refusal(kind, framework, day)
    if refusal is not None:
        return [refusal]
    monday = day.weekday() == 0 and calendar.is_working_day(day)
    if not exact_day or kind is not InspectionKind.FULL or monday:
        return []
    holiday = "" if calendar.is_working_day(day) else " (bank holiday)"
    why = f"a full inspection is notified on a working Monday; {day} is a {day:%A}{holiday}"
    return [Refusal(NOTIFIED, why, MONDAY_RULE[framework])]


def earliest_fieldwork(
    kind: InspectionKind,
    framework: Framework,
    notified_on: dt.date,
    *,
    params: Params,
    calendar: WorkingCalendar,
) -> tuple[dt.date, str]:
    """The first day fieldwork may start after notification, and the rule that says so."""
    version = _version_or_error(kind, framework, notified_on)
    notice = fieldwork_notice(version, kind)
    return calendar.add_working_days(notified_on, params.number(notice.param)), notice.rule


def _version_or_error(kind: InspectionKind, framework: Framework, day: dt.date) -> FrameworkVersion:
    version, refusal = _version_refusal(kind, framework, day)
    if version is None:
        assert refusal is not None
        raise ScheduleError([refusal])
    return version


def working_days_inclusive(start: dt.date, end: dt.date, calendar: WorkingCalendar) -> int:
    return calendar.count_working_days(start, end) + (1 if calendar.is_working_day(start) else 0)


def fieldwork_refusals(
    kind: InspectionKind,
    framework: Framework,
    notified_on: dt.date,
    start: dt.date,
    end: dt.date | None = None,
    *,
    params: Params,
    calendar: WorkingCalendar,
    remote: bool = False,
) -> list[Refusal]:
    """Why fieldwork cannot start on ``start`` (and end on ``end``) after this notification."""
    version = version_in_force(framework, kind, notified_on)
    if version is None:
        return []  # the notification itself is refused
    refusals = []
    course = COURSE_RULE.get((framework, kind), "OF-ONS-1")
    earliest, rule = earliest_fieldwork(
        kind, framework, notified_on, params=params, calendar=calendar
    )
    if start < earliest:
        notice = calendar.count_working_days(notified_on, earliest)
        refusals.append(
            Refusal(
                STARTED,
                f"fieldwork may start no earlier than {earliest}, {notice} WD after "
                f"notification on {notified_on}; {start} is too early",
                rule,
            )
        )
    if not calendar.is_working_day(start):
        refusals.append(
            Refusal(STARTED, f"fieldwork starts on a working day; {start} is not", course)
        )
    if remote and not version.remote_allowed:
        refusals.append(
            Refusal(STARTED, "remote revisits are allowed only from April 2021", "RV-5")
        )
    if end is None:
        return refusals
    if end < start:
        refusals.append(
            Refusal(ENDED, f"fieldwork ends on {end}, before it started on {start}", course)
        )
        return refusals
    days = working_days_inclusive(start, end, calendar)
    if kind is InspectionKind.REVISIT:
        shortest, longest = params.number("revisit.min_days"), params.number("revisit.max_days")
        if not shortest <= days <= longest:
            refusals.append(
                Refusal(
                    ENDED,
                    f"a revisit lasts {shortest}-{longest} days on site; "
                    f"{start} to {end} is {days}",
                    "RV-4",
                )
            )
    elif kind is InspectionKind.FULL and framework is Framework.F2016:
        longest = params.number("onsite.full_2016_days")
        if days > longest:
            refusals.append(
                Refusal(
                    ENDED,
                    f"a 2016 inspection is on site for no more than {longest} days; "
                    f"{start} to {end} is {days}",
                    "OF-ONS-1",
                )
            )
    return refusals


def term_refusals(
    kind: InspectionKind,
    framework: Framework,
    start: dt.date,
    end: dt.date,
    *,
    params: Params,
    calendar: WorkingCalendar,
    area: str | None = None,
) -> list[Refusal]:
    """OF-NOT-2: 2016 inspections and revisits only in school term time."""
    if framework is not Framework.F2016 or not params.flag("notice.term_time_only"):
        return []
    outside = [d for d in (start, end) if not calendar.is_term_time(d, area)]
    return [
        Refusal(
            STARTED, f"inspections happen only in term time; {d} is in a school holiday", "OF-NOT-2"
        )
        for d in outside
    ]


def _length(kind: InspectionKind, framework: Framework, params: Params) -> int:
    if kind is InspectionKind.REVISIT:
        return params.number("revisit.default_days")
    if kind is InspectionKind.MONITORING:
        return params.number("onsite.monitoring_days")
    if framework is Framework.F2016:
        return params.number("onsite.full_2016_days")
    return params.number("onsite.nf_days")


def propose(
    kind: InspectionKind,
    framework: Framework,
    notified_on: dt.date,
    *,
    params: Params,
    calendar: WorkingCalendar,
    length_days: int | None = None,
    area: str | None = None,
) -> ProposedSchedule:
    """The dates the rules give an inspection notified on ``notified_on``.

    ScheduleError (naming each rule) when the notification or the requested
    length is impossible.
    """
    version = _version_or_error(kind, framework, notified_on)
    refusals = notification_refusals(kind, framework, notified_on, calendar=calendar)
    if refusals:
        raise ScheduleError(refusals)
    fieldwork_start, fieldwork_rule = earliest_fieldwork(
        kind, framework, notified_on, params=params, calendar=calendar
    )
    onsite = onsite_notice(version, kind)
    onsite_start = calendar.add_working_days(notified_on, params.number(onsite.param))
    days = length_days if length_days is not None else _length(kind, framework, params)
    if days < 1:
        raise ScheduleError(
            [
                Refusal(
                    ENDED,
                    f"an inspection lasts at least a day; got {days}",
                    COURSE_RULE[(framework, kind)],
                )
            ]
        )
    onsite_end = calendar.add_working_days(onsite_start, days - 1)
    refusals = [
        *fieldwork_refusals(
            kind,
            framework,
            notified_on,
            fieldwork_start,
            onsite_end,
            params=params,
            calendar=calendar,
        ),
        *term_refusals(
            kind, framework, onsite_start, onsite_end, params=params, calendar=calendar, area=area
        ),
    ]
    if refusals:
        raise ScheduleError(refusals)
    webinar = survey = None
    rules = [fieldwork_rule, onsite.rule, COURSE_RULE[(framework, kind)]]
    if kind is InspectionKind.FULL and framework is Framework.F2016:
        closes = calendar.add_working_days(onsite_start, params.number("webinar.closes_day") - 1)
        webinar = (
            dt.datetime.combine(notified_on, params.clock("webinar.opens_at")),
            dt.datetime.combine(closes, params.clock("webinar.closes_at")),
        )
        rules.append("OF-EV-2b")
    elif kind is InspectionKind.FULL:
        survey = (
            calendar.add_working_days(notified_on, params.number("survey.opens_wd")),
            calendar.add_working_days(notified_on, params.number("survey.closes_wd")),
        )
        rules.append("NF-WK-1")
    return ProposedSchedule(
        kind=kind,
        framework=framework,
        version=version.key,
        notified_on=notified_on,
        fieldwork_start=fieldwork_start,
        fieldwork_end=onsite_end,
        onsite_start=onsite_start,
        onsite_end=onsite_end,
        webinar=webinar,
        survey=survey,
        rules=tuple(dict.fromkeys(rules)),
    )


def check_notification(
    kind: InspectionKind,
    framework: Framework,
    day: dt.date,
    *,
    params: Params,
    calendar: WorkingCalendar,
    area: str | None = None,
) -> tuple[Refusal, ...]:
    """Every rule refusing a notification on ``day`` (empty when it is possible)."""
    try:
        propose(kind, framework, day, params=params, calendar=calendar, area=area)
    except ScheduleError as error:
        return error.refusals
    return ()


def validate(
    kind: InspectionKind,
    framework: Framework,
    notified_on: dt.date,
    fieldwork_start: dt.date,
    fieldwork_end: dt.date,
    *,
    params: Params,
    calendar: WorkingCalendar,
    area: str | None = None,
) -> tuple[Refusal, ...]:
    """Every rule refusing these planned dates (empty when they are possible)."""
    refusals = notification_refusals(kind, framework, notified_on, calendar=calendar)
    refusals += fieldwork_refusals(
        kind,
        framework,
        notified_on,
        fieldwork_start,
        fieldwork_end,
        params=params,
        calendar=calendar,
    )
    refusals += term_refusals(
        kind, framework, fieldwork_start, fieldwork_end, params=params, calendar=calendar, area=area
    )
    return tuple(refusals)


def notification_for_fieldwork(
    kind: InspectionKind,
    framework: Framework,
    fieldwork_start: dt.date,
    *,
    params: Params,
    calendar: WorkingCalendar,
) -> dt.date:
    """The notification day that gives exactly the notice the rules require.

    Used to compute the §8 notification dates from known on-site starts. The
    notice is the one of the version in force on the notification day, so a
    start just after a version change is checked against the older version.
    """
    version = _version_or_error(kind, framework, fieldwork_start)
    for _ in range(2):
        notice = fieldwork_notice(version, kind)
        day = calendar.add_working_days(fieldwork_start, -params.number(notice.param))
        earlier = _version_or_error(kind, framework, day)
        if earlier == version:
            return day
        version = earlier
    return day
