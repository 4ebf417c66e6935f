"""The areas page lists the areas with improvement under way, and counts each one's plan and
support duties only: an area is not listed for the planner's engagement meeting with it."""

from __future__ import annotations

import re

from django.test import Client

from areasend.accounts.models import Person
from areasend.casework import clock
from areasend.staff.worklist import IMPROVEMENT_KINDS, work_list
from tests.improvement.conftest import Load

HISTORIES = ("medway.jsonl", "nottinghamshire.jsonl", "essex.jsonl")


def _listed(person: Person) -> dict[str, int]:
    client = Client()
    client.force_login(person.user)
    response = client.get("/staff/areas/")
    assert response.status_code == 200
    rows = re.findall(
        r'>([^<>]+)<span class="govuk-visually-hidden">: plans and support</span></a></td>\s*'
        r'<td class="govuk-table__cell">[^<]*</td>\s*'
        r'<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>',
        response.content.decode(),
    )
    return {name: int(count) for name, count in rows}


def test_only_plan_and_support_duties_list_an_area_and_are_counted(
    load: Load, people: dict[str, Person]
) -> None:
    for history in HISTORIES:
        load(history, clock.today(), None)
    for who in ("planner", "dfe"):
        rows = work_list(people[who].user, clock.today())
        expected: dict[str, int] = {}
        for row in rows:
            if row.area is not None and row.kind in IMPROVEMENT_KINDS:
                expected[row.area.name] = expected.get(row.area.name, 0) + 1
        listed = _listed(people[who])
        # No plans or support visits are recorded here: the duties alone list the areas.
        assert listed == expected, who
    assert any(
        r.kind not in IMPROVEMENT_KINDS and r.area and r.area.name not in _listed(people["planner"])
        for r in work_list(people["planner"].user, clock.today())
    ), "an area with only inspection duties for the planner, left off the page"
