"""People for every role, a notified Rotherham 2021 inspection, and Medway's revisit and
Nottinghamshire's monitoring inspection, all built through the services."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from areasend.accounts.models import Person
from areasend.areas.models import LocalArea
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.inspections.models import Inspection, TeamMember
from areasend.inspections.services import (
    do_add_team_member,
    do_create_inspection,
    do_end_fieldwork,
    do_start_fieldwork,
)
from tests.inspections.follow_ups import MEDWAY_WEAKNESSES, NOTTS_PRIORITIES, publish_full


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


# -- follow-ups: Medway's revisit (framework.md §8.1) and Nottinghamshire's monitoring (§8.4) --


@pytest.fixture
def medway(db: None) -> LocalArea:
    return LocalArea.objects.get(slug="medway")


@pytest.fixture
def medway_revisit(people: dict[str, Person], medway: LocalArea) -> Inspection:
    """Medway's 2017 inspection (8 significant weaknesses, WSOA) published through casework;
    its revisit notified Monday 25 November 2019 for three days on site, fieldwork not begun."""
    lead = people["lead"].user
    full = do_create_inspection(
        lead, area=medway, kind=InspectionKind.FULL, framework=Framework.F2016,
        notified_on=dt.date(2017, 11, 27),
    )  # fmt: skip
    publish_full(
        lead, full, started=dt.date(2017, 12, 4), ended=dt.date(2017, 12, 8),
        significant=MEDWAY_WEAKNESSES, outcome=Outcome.WSOA, dated=dt.date(2018, 1, 31),
        published=dt.date(2018, 2, 8),
    )  # fmt: skip
    revisit = do_create_inspection(
        lead, area=medway, kind=InspectionKind.REVISIT, framework=Framework.F2016,
        notified_on=dt.date(2019, 11, 25), length_days=3,
    )  # fmt: skip
    do_add_team_member(lead, revisit, people["cqc"], TeamMember.Role.TEAM)
    return revisit


@pytest.fixture
def medway_revisited(medway_revisit: Inspection, people: dict[str, Person]) -> Inspection:
    """Medway's revisit after its fieldwork, Monday 9 to Wednesday 11 December 2019."""
    lead = people["lead"].user
    do_start_fieldwork(lead, medway_revisit, on=dt.date(2019, 12, 9))
    return do_end_fieldwork(lead, medway_revisit, on=dt.date(2019, 12, 11))


@pytest.fixture
def notts_monitoring(people: dict[str, Person]) -> Inspection:
    """Nottinghamshire 2023 (outcome 3, two areas for priority action, published 16 May 2023)
    and its monitoring inspection notified Monday 30 June 2025, fieldwork 14 to 16 July 2025."""
    lead = people["lead"].user
    notts = LocalArea.objects.get(gss_code="E10000024")
    full = do_create_inspection(
        lead, area=notts, kind=InspectionKind.FULL, framework=Framework.F2023,
        notified_on=dt.date(2023, 1, 16),
    )  # fmt: skip
    assert full.proposed_fieldwork_start is not None and full.proposed_onsite_end is not None
    publish_full(
        lead, full, started=full.proposed_fieldwork_start, ended=full.proposed_onsite_end,
        significant=NOTTS_PRIORITIES, outcome=Outcome.SYSTEMIC_FAILINGS,
        dated=dt.date(2023, 5, 9), published=dt.date(2023, 5, 16),
    )  # fmt: skip
    monitoring = do_create_inspection(
        lead, area=notts, kind=InspectionKind.MONITORING, framework=Framework.F2023,
        notified_on=dt.date(2025, 6, 30),
    )  # fmt: skip
    do_start_fieldwork(lead, monitoring, on=dt.date(2025, 7, 14))
    return do_end_fieldwork(lead, monitoring, on=dt.date(2025, 7, 16))
