"""Sheffield's 2023 full inspection notified Monday 30 November 2026 (surveys open 1 to 4
December), its team, and a clock set within the survey window."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.core.management import call_command

from areasend.accounts.models import Person
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.framework.events import Framework, InspectionKind
from areasend.inspections.models import Inspection, TeamMember
from areasend.inspections.services import do_add_team_member, do_create_inspection

D = dt.date
OPEN_DAY = D(2026, 12, 2)


@pytest.fixture
def people(db: None) -> dict[str, Person]:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    return {p.user.username: p for p in Person.objects.select_related("user", "organisation")}


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.date], None]:
    """Set the service's clock to a day."""

    def set_day(day: dt.date) -> None:
        monkeypatch.setattr(clock, "today", lambda: day)

    set_day(OPEN_DAY)
    return set_day


@pytest.fixture
def sheffield(people: dict[str, Person], today: Callable[[dt.date], None]) -> Inspection:
    lead = people["lead"].user
    inspection = do_create_inspection(
        lead,
        area=LocalArea.objects.get(slug="sheffield"),
        kind=InspectionKind.FULL,
        framework=Framework.F2023,
        notified_on=D(2026, 11, 30),
    )
    do_add_team_member(lead, inspection, people["cqc"], TeamMember.Role.TEAM)
    return inspection
