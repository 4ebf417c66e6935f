"""A planned inspection is the inspectorate's: the area sees it only from the notification
call, in the list and on its page (404 before, as for any inspection it may not see)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from areasend.accounts.models import Person
from areasend.areas.models import LocalArea
from areasend.framework.events import Framework, InspectionKind
from areasend.inspections.services import do_notify_inspection, do_plan_inspection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("officer", ["rotherham", "rotherham-icb"])
def test_the_area_does_not_see_its_inspection_until_it_is_notified(
    client: Client, people: dict[str, Person], officer: str
) -> None:
    planner = people["planner"].user
    planned = do_plan_inspection(
        planner, area=LocalArea.objects.get(slug="rotherham"), kind=InspectionKind.FULL,
        framework=Framework.F2016, planned_week=dt.date(2021, 6, 28),
    )  # fmt: skip
    detail = reverse("inspections:detail", args=[planned.reference])
    client.force_login(planner)
    assert client.get(detail).status_code == 200
    assert planned.reference in client.get(reverse("inspections:list")).content.decode()
    client.force_login(people[officer].user)
    assert client.get(detail).status_code == 404
    assert planned.reference not in client.get(reverse("inspections:list")).content.decode()
    do_notify_inspection(planner, planned, notified_on=dt.date(2021, 6, 28))
    assert client.get(detail).status_code == 200
    assert planned.reference in client.get(reverse("inspections:list")).content.decode()
