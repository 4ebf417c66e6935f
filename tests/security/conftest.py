"""People for every role, a second lead inspector, and Medway's 2017 inspection run in
casework by the demo lead, fieldwork over and a draft finding under embargo."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from areasend.accounts.models import OrganisationKind, Person, Role
from areasend.accounts.services import do_add_person, national_organisation
from areasend.areas.models import LocalArea
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.inspections.models import Inspection
from areasend.inspections.services import (
    do_add_finding,
    do_create_inspection,
    do_decide_outcome,
    do_end_fieldwork,
    do_start_fieldwork,
)
from tests.inspections.conftest import notified, rotherham

__all__ = ["notified", "rotherham"]

#: Draft text that must reach nobody outside the team before publication.
CANARY = "CANARY draft weakness 7f3a"


@pytest.fixture
def people(db: None) -> dict[str, Person]:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    other = do_add_person(
        AnonymousUser(), username="lead-other", first_name="Olu", last_name="Other",
        email="lead-other@example.invalid", password="x",
        organisation=national_organisation(OrganisationKind.OFSTED), role=Role.LEAD_INSPECTOR,
    )  # fmt: skip
    found = {p.user.username: p for p in Person.objects.select_related("user", "organisation")}
    assert found["lead-other"] == other
    return found


@pytest.fixture
def medway(db: None) -> LocalArea:
    return LocalArea.objects.get(slug="medway")


@pytest.fixture
def casework(people: dict[str, Person], medway: LocalArea) -> Inspection:
    """Medway 2017 as framework.md §8.1 has it, run by the demo lead: notified 27 November,
    fieldwork 4 to 8 December, outcome decided, letter not yet published."""
    lead = people["lead"].user
    inspection = do_create_inspection(
        lead, area=medway, kind=InspectionKind.FULL, framework=Framework.F2016,
        notified_on=dt.date(2017, 11, 27),
    )  # fmt: skip
    do_start_fieldwork(lead, inspection, on=dt.date(2017, 12, 4))
    do_end_fieldwork(lead, inspection, on=dt.date(2017, 12, 8))
    do_add_finding(lead, inspection, question="assess_meet", kind="significant", text=CANARY)
    return do_decide_outcome(
        lead, inspection, outcome=Outcome.WSOA, decided_on=dt.date(2018, 1, 31)
    )
