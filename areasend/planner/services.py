"""The planner for views and commands: stored histories in, a checked plan and exports out.

Reads every current area and every stored event in two queries, asks the
framework for each area's status, turns obligations into activities and plans
them with CP-SAT around the confirmed assignments (locks).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from areasend.accounts.permissions import Action, can
from areasend.areas.event_log import framework_params
from areasend.areas.models import HistoryEvent, LocalArea
from areasend.framework.calendar import monday_of_week
from areasend.framework.evaluate import evaluate
from areasend.framework.events import Event, Framework, InspectionKind
from areasend.framework.history import parse_event
from areasend.inspections.models import Inspection
from areasend.inspections.services import (
    do_cancel_planned_inspection,
    do_move_planned_inspection,
    do_plan_inspection,
)
from areasend.planner.activities import AreaInput, activities_from_status, week_of
from areasend.planner.checker import Breach, check
from areasend.planner.cpsat import plan_cpsat
from areasend.planner.explain import Explanation, explain
from areasend.planner.models import PlannedActivity
from areasend.planner.problem import Lock, Plan, Scenario, Team
from areasend.register.export import spreadsheet_text

#: Assumed default: twelve national teams, each of two Ofsted HMIs and one CQC inspector,
#: at most four on-site activities a quarter. A deployment passes its own (--teams FILE).
DEFAULT_TEAMS = tuple(Team(f"team-{n}", ofsted=2, cqc=1, max_per_quarter=4) for n in range(1, 13))


def read_teams(text: str) -> tuple[Team, ...]:
    """Teams from JSON: a list of {"id", "ofsted", "cqc", "region"?, "unavailable_weeks"?,
    "max_per_quarter"?}."""
    return tuple(
        Team(
            id=str(row["id"]),
            ofsted=int(row["ofsted"]),
            cqc=int(row["cqc"]),
            region=row.get("region"),
            unavailable_weeks=frozenset(int(w) for w in row.get("unavailable_weeks", [])),
            max_per_quarter=int(row.get("max_per_quarter", 13)),
        )
        for row in json.loads(text)
    )


@dataclass(frozen=True)
class Proposal:
    scenario: Scenario
    plan: Plan
    breaches: tuple[Breach, ...]
    explanation: Explanation | None


def area_inputs(today: dt.date) -> list[AreaInput]:
    areas = list(LocalArea.objects.in_force_on(today))
    national: list[Event] = []
    events: dict[int, list[Event]] = defaultdict(list)
    for row in HistoryEvent.objects.select_related("area"):
        obj: dict[str, Any] = {"date": row.date.isoformat(), "event": row.event, **row.fields}
        if row.area is not None:
            obj["area"] = row.area.gss_code
        if row.inspection:
            obj["inspection"] = row.inspection
        event = parse_event(obj, 0)
        (events[row.area.pk] if row.area is not None else national).append(event)
    params = framework_params()
    return [
        AreaInput(
            area.gss_code,
            area.name,
            area.region,
            evaluate([*events[area.pk], *national], today, params=params),
            next((e.outcome for e in reversed(events[area.pk]) if e.outcome), None),
        )
        for area in areas
    ]


def build_scenario(start: dt.date, weeks: int, teams: tuple[Team, ...] = DEFAULT_TEAMS) -> Scenario:
    """The scenario from today's stored histories; ``start`` moves to its week's Monday."""
    start = monday_of_week(start)
    activities = activities_from_status(area_inputs(start), start, weeks)
    known = {a.id for a in activities}
    locks = tuple(
        Lock(p.activity, week_of(start, p.week_start), p.team)
        for p in PlannedActivity.objects.all()
        if p.activity in known
    )
    return Scenario(start, weeks, activities, teams, locks=locks)


def solver_seconds() -> float:
    """The solver's time limit per solve (settings.AREASEND_PLANNER_SECONDS)."""
    return float(getattr(settings, "AREASEND_PLANNER_SECONDS", 10.0))


def propose(
    start: dt.date,
    weeks: int,
    teams: tuple[Team, ...] = DEFAULT_TEAMS,
    *,
    seconds: float | None = None,
) -> Proposal:
    scenario = build_scenario(start, weeks, teams)
    seconds = solver_seconds() if seconds is None else seconds
    plan = plan_cpsat(scenario, time_limit=seconds)
    # No plan: "infeasible", or "unknown" when CP-SAT found none in time and greedy none at all.
    no_plan = plan.status in ("infeasible", "unknown")
    why = explain(scenario, time_limit=seconds) if no_plan else None
    return Proposal(scenario, plan, tuple(check(scenario, plan)) if not why else (), why)


def confirm(
    scenario: Scenario,
    activity_id: str,
    week: int,
    team: str,
    user: AbstractBaseUser | AnonymousUser,
) -> PlannedActivity:
    """Record an assignment as planned: from now on every plan keeps it. ValueError if unknown."""
    activity = next((a for a in scenario.activities if a.id == activity_id), None)
    if activity is None or team not in {t.id for t in scenario.teams}:
        raise ValueError(f"no activity {activity_id!r} or team {team!r} in this plan")
    with transaction.atomic():
        planned, _ = PlannedActivity.objects.update_or_create(
            activity=activity_id,
            defaults={
                "area": LocalArea.objects.get(gss_code=activity.area),
                "kind": str(activity.kind),
                "week_start": scenario.monday(week),
                "team": team,
                "confirmed_by": user if user.is_authenticated else None,
            },
        )
        _to_casework(planned, user)
    return planned


#: Planner activity kinds that are inspections in casework.
CASEWORK_KINDS = {
    "full": InspectionKind.FULL,
    "monitoring": InspectionKind.MONITORING,
    "revisit": InspectionKind.REVISIT,
}


def _to_casework(planned: PlannedActivity, user: AbstractBaseUser | AnonymousUser) -> None:
    """A confirmed inspection becomes a planned inspection in casework, for people who may
    create inspections (engagement meetings are not inspections)."""
    kind = CASEWORK_KINDS.get(planned.kind)
    if kind is None or not can(user, Action.INSPECTION_CREATE):
        return
    if planned.inspection is None:
        planned.inspection = do_plan_inspection(
            user,
            area=planned.area,
            kind=kind,
            # Revisits belong to the 2016 framework; everything planned now is 2023.
            framework=Framework.F2016 if kind is InspectionKind.REVISIT else Framework.F2023,
            planned_week=planned.week_start,
        )
        planned.save(update_fields=["inspection"])
    elif planned.inspection.status == Inspection.Status.PLANNED:
        do_move_planned_inspection(user, planned.inspection, planned_week=planned.week_start)


def release(activity_id: str, user: AbstractBaseUser | AnonymousUser | None = None) -> None:
    """Let the planner move the activity again; its casework inspection goes if not yet notified."""
    with transaction.atomic():
        planned = PlannedActivity.objects.filter(activity=activity_id).first()
        if planned is None:
            return
        inspection = planned.inspection
        planned.delete()
        if (
            inspection is not None
            and user is not None
            and inspection.status == Inspection.Status.PLANNED
            and can(user, Action.INSPECTION_MANAGE, inspection=inspection)
        ):
            do_cancel_planned_inspection(user, inspection)


#: The columns of a plan row, in the CSV's order (a stored row's keys come back in any order:
#: PostgreSQL's jsonb sorts them).
ROW_FIELDS = (
    "week_start", "region", "area", "kind", "rule", "due", "late_weeks", "team", "activity",
    "week", "confirmed",
)  # fmt: skip


def plan_rows(scenario: Scenario, plan: Plan) -> list[dict[str, str]]:
    by_id = {a.id: a for a in scenario.activities}
    locked = {lock.activity for lock in scenario.locks}
    return [
        {
            "week_start": scenario.monday(x.week).isoformat(),
            "region": by_id[x.activity].region,
            "area": by_id[x.activity].area_name or by_id[x.activity].area,
            "kind": str(by_id[x.activity].kind),
            "rule": by_id[x.activity].rule,
            "due": scenario.monday(by_id[x.activity].due_week).isoformat(),
            "late_weeks": str(by_id[x.activity].lateness(x.week)),
            "team": x.team,
            "activity": x.activity,
            "week": str(x.week),
            "confirmed": "yes" if x.activity in locked else "no",
        }
        for x in plan.assignments
    ]


def on_site_weeks(scenario: Scenario) -> dict[str, int]:
    """Each activity's weeks on site, which a calendar export needs beside the rows."""
    return {a.id: a.on_site_weeks for a in scenario.activities}


def plan_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ROW_FIELDS)
    writer.writeheader()
    writer.writerows({k: spreadsheet_text(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def plan_ical(rows: list[dict[str, str]], on_site: dict[str, int], now: dt.datetime) -> str:
    """RFC 5545: one all-day event per activity across its on-site weeks (Mon-Fri)."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//areasend//programme planner//EN"]
    for row in rows:
        first = dt.date.fromisoformat(row["week_start"])
        end = first + dt.timedelta(weeks=on_site[row["activity"]] - 1, days=5)  # DTEND exclusive
        summary = f"{row['kind']} {row['area']} ({row['team']})"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{row['activity']}@areasend",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"SUMMARY:{_ical_text(summary)}",
            f"DESCRIPTION:{_ical_text(row['rule'] + '; region ' + row['region'])}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _ical_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    data = line.encode()
    parts = []
    while len(data) > 75:
        cut = 75
        while cut and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(data[:cut])
        data = b" " + data[cut:]
    parts.append(data)
    return "\r\n".join(p.decode() for p in parts)
