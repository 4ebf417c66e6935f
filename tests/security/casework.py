"""The demo world of `make run` plus an inspection under embargo, built through the casework
services as a lead inspector would: findings, an outcome and a reviewed draft letter, each
carrying a unique canary text that must not be seen outside the inspection team."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.management import call_command

from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.casework.errors import CaseworkError
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.inspections.models import Inspection, Letter, TeamMember
from areasend.inspections.services import (
    do_add_finding,
    do_add_team_member,
    do_create_inspection,
    do_decide_outcome,
    do_draft_letter,
    do_end_fieldwork,
    do_publish_letter,
    do_revise_letter,
    do_start_fieldwork,
)

AREA = "sheffield"
#: The people on the embargoed inspection's team.
TEAM = ("lead", "cqc")


@dataclass(frozen=True)
class Embargoed:
    inspection: Inspection
    canary: str


def load_world() -> None:
    """The data `make data` loads: demo histories, the national record, people, casework."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_national", stdout=out)
    call_command("load_demo_people", force=True, stdout=out)


def embargoed_inspection() -> Embargoed:
    """A 2023-framework full inspection of Sheffield, fieldwork over, outcome decided and the
    letter reviewed but not published. Call after load_world; load_demo_casework afterwards
    leaves it be (it makes its own Sheffield inspection only when there is none)."""
    canary = f"CANARY-{uuid.uuid4().hex[:12]}"
    lead = User.objects.get(username="lead")
    area = LocalArea.objects.get(slug=AREA)
    today = clock.today()
    monday = today - dt.timedelta(days=today.weekday())
    refusals: list[str] = []
    # The latest notification Monday the framework accepts whose time on site is over.
    for weeks in range(4, 40):
        notified = monday - dt.timedelta(weeks=weeks)
        try:
            inspection = do_create_inspection(
                lead, area=area, kind=InspectionKind.FULL, framework=Framework.F2023,
                notified_on=notified,
            )  # fmt: skip
        except CaseworkError as error:
            refusals.append(f"{notified}: {error}")
            continue
        break
    else:
        raise AssertionError("no Monday allowed: " + "; ".join(refusals[:3]))
    assert inspection.proposed_fieldwork_start and inspection.proposed_onsite_end
    assert inspection.proposed_onsite_end < today
    cqc = User.objects.get(username="cqc")
    do_add_team_member(lead, inspection, cqc.person, TeamMember.Role.TEAM)
    do_start_fieldwork(lead, inspection, on=inspection.proposed_fieldwork_start)
    do_end_fieldwork(lead, inspection, on=inspection.proposed_onsite_end)
    do_add_finding(
        lead, inspection, question="better", kind="significant",
        text=f"Waiting times for assessment are far too long ({canary} weakness)",
    )  # fmt: skip
    do_add_finding(
        lead, inspection, question="effective", kind="strength",
        text=f"Leaders listen to the parent carer forum ({canary} strength)",
    )  # fmt: skip
    do_decide_outcome(lead, inspection, outcome=Outcome.SYSTEMIC_FAILINGS, decided_on=today)
    letter = do_draft_letter(lead, inspection)
    do_revise_letter(
        lead, letter, body=f"{letter.body}\nA line only the team has seen: {canary} letter.\n",
        version=letter.version, reviewed=True,
    )  # fmt: skip
    inspection.refresh_from_db()
    return Embargoed(inspection, canary)


def publish(embargoed: Embargoed) -> Inspection:
    """Date and publish its letter through casework, as the lead inspector."""
    lead = User.objects.get(username="lead")
    inspection = Inspection.objects.get(pk=embargoed.inspection.pk)
    assert Letter.objects.get(inspection=inspection).status == Letter.Status.REVIEWED
    day = clock.today()
    return do_publish_letter(lead, inspection, dated=day, published_on=day)


def load_casework() -> None:
    call_command("load_demo_casework", force=True, stdout=io.StringIO())
