"""People for every role and a notified Rotherham 2021 inspection, built through the services."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from areasend.accounts.models import Person
from areasend.areas.models import LocalArea
from areasend.framework.events import Framework, InspectionKind
from areasend.inspections.models import Inspection, TeamMember
from areasend.inspections.services import do_add_team_member, do_create_inspection


@pytest.fixture
def people(db: None) -> dict[str, Person]:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    return {p.user.username: p for p in Person.objects.select_related("user", "organisation")}


@pytest.fixture
def rotherham(db: None) -> LocalArea:
    return LocalArea.objects.get(slug="rotherham")


@pytest.fixture
def notified(people: dict[str, Person], rotherham: LocalArea) -> Inspection:
    """Rotherham 2021 (framework.md §8.4): notified Monday 28 June 2021 by its lead inspector."""
    lead = people["lead"].user
    inspection = do_create_inspection(
        lead,
        area=rotherham,
        kind=InspectionKind.FULL,
        framework=Framework.F2016,
        notified_on=dt.date(2021, 6, 28),
    )
    do_add_team_member(lead, inspection, people["cqc"], TeamMember.Role.TEAM)
    return inspection


@pytest.fixture
def anonymous() -> AnonymousUser:
    return AnonymousUser()
