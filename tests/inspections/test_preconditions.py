"""Preconditions the walk of issue 16 found missing: each refused with a plain reason and
nothing stored, and what the overview offers is what the service accepts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from areasend.accounts.models import Person
from areasend.areas.models import LocalArea
from areasend.casework.errors import CaseworkError
from areasend.framework.events import Framework, InspectionKind
from areasend.inspections import forms as f
from areasend.inspections import services as s
from areasend.inspections.models import Inspection
from tests.dumps import database_dump
from tests.inspections.tasks import task_list

D = dt.date
People = dict[str, Person]
REASON = "Our SEND lead and deputy are both away until January."


def _dump() -> str:
    return database_dump("areas", "accounts", "inspections")


def _offered(person: Person, inspection: Inspection) -> bool:
    """Whether the task list links the deferral page and that page shows its form."""
    client = Client()
    client.force_login(person.user)
    linked = task_list(client, inspection.reference)["Ask to defer the inspection"].href
    page = client.get(f"/inspections/{inspection.reference}/deferral/").content.decode()
    assert (linked is not None) == ("Ask to defer</button>" in page)
    return linked is not None


def test_a_deferral_dated_after_the_planned_fieldwork_start_is_refused_and_blocks_nothing(
    medway_revisit: Inspection, people: People
) -> None:
    assert medway_revisit.proposed_fieldwork_start == D(2019, 12, 9)
    before = _dump()
    with pytest.raises(CaseworkError, match=r"RV-6: .*was to start on 9 December 2019") as caught:
        s.do_request_deferral(
            people["medway"].user, medway_revisit, requested_on=D(2019, 12, 10), reason=REASON
        )
    assert caught.value.field == "requested_on"
    assert _dump() == before
    # The real first day of fieldwork is still open.
    s.do_start_fieldwork(people["lead"].user, medway_revisit, on=D(2019, 12, 9))


def test_the_overview_offers_a_deferral_exactly_when_the_service_takes_one(
    medway_revisit: Inspection, people: People
) -> None:
    officer = people["medway"]
    assert s.deferral_request_refusal(medway_revisit) is None
    assert _offered(officer, medway_revisit)
    s.do_request_deferral(officer.user, medway_revisit, requested_on=D(2019, 11, 26), reason=REASON)
    refusal = s.deferral_request_refusal(medway_revisit)
    assert refusal is not None and "one is already pending" in str(refusal)
    assert not _offered(officer, medway_revisit)
    before = _dump()
    with pytest.raises(CaseworkError, match="one is already pending"):
        s.do_request_deferral(
            officer.user, medway_revisit, requested_on=D(2019, 11, 27), reason="Again"
        )
    assert _dump() == before


def test_the_notification_label_asks_for_a_monday_only_of_a_full_inspection() -> None:
    # RV-4: revisits start mid-week (Kent Tue-Thu, Durham Wed-Fri), so the framework takes
    # any working day for them; the form must not promise otherwise.
    label = str(f.CreateForm().fields["notified_on"].label)
    assert label == "Date the area is notified (a working Monday for a full inspection)"


@pytest.mark.parametrize("day", [D(1, 1, 1), D(2014, 8, 31), D(9999, 12, 27)])
def test_a_notification_dated_in_year_1_before_the_reforms_or_in_9999_is_refused(
    people: People, rotherham: LocalArea, day: dt.date
) -> None:
    before = _dump()
    with pytest.raises(CaseworkError, match="check the year") as caught:
        s.do_create_inspection(
            people["lead"].user, area=rotherham, kind=InspectionKind.FULL,
            framework=Framework.F2016, notified_on=day,
        )  # fmt: skip
    assert caught.value.field == "notified_on" and str(day.year) in str(caught.value)
    assert _dump() == before


def test_a_planned_week_years_ahead_is_refused(people: People, rotherham: LocalArea) -> None:
    before = _dump()
    with pytest.raises(CaseworkError, match="more than 5 years ahead"):
        s.do_plan_inspection(
            people["planner"].user, area=rotherham, kind=InspectionKind.FULL,
            framework=Framework.F2023, planned_week=D(9999, 1, 4),
        )  # fmt: skip
    assert _dump() == before


def test_fieldwork_dated_in_year_1_is_refused_as_before_the_reforms(
    notified: Inspection, people: People
) -> None:
    before = _dump()
    with pytest.raises(CaseworkError, match="before the SEND reforms came into force"):
        s.do_start_fieldwork(people["lead"].user, notified, on=D(1, 1, 1))
    assert _dump() == before
