"""All or nothing: a failure injected at the last write of each multi-record step leaves the
database exactly as it was; two people saving one action at once lose nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from areasend.accounts.models import Person
from areasend.framework.events import PlanKind
from areasend.improvement import services as s
from areasend.improvement.models import Plan, SupportVisit
from tests.dates import typed
from tests.dumps import Injected, database_dump, fail_audit_of
from tests.improvement.conftest import Load

D = dt.date
People = dict[str, Person]


@pytest.fixture
def submitted(people: People, load: Load) -> Plan:
    medway = load("medway.jsonl", D(2018, 2, 8), None)
    officer = people["medway"].user
    plan = s.do_start_plan(officer, medway, PlanKind.WSOA)
    for weakness in plan.weaknesses.all():
        s.do_add_action(officer, weakness, description="Act", owner="Medway Council",
                        success_measures="Better", started_on=D(2018, 3, 1))  # fmt: skip
    return s.do_submit_plan(officer, plan, on=D(2018, 5, 1))


STEPS: dict[str, Callable[[People, Plan], object]] = {
    "judge_plan": lambda p, plan: s.do_judge_plan(
        p["planner"].user, plan, on=D(2018, 5, 22), fit=True, reasons="Fit"
    ),
    "record_support_visit": lambda p, plan: s.do_record_support_visit(
        p["dfe"].user, plan.area, on=D(2018, 9, 1), kind=SupportVisit.Kind.VISIT, notes="Met"
    ),
    "release": lambda p, plan: s.do_release(p["dfe"].user, plan.area, on=D(2018, 9, 1),
                                            weakness="co-production at all levels"),
    "submit_plan": lambda p, plan: s.do_submit_plan(p["medway"].user, plan, on=D(2018, 5, 2)),
}  # fmt: skip


@pytest.mark.parametrize("step", list(STEPS))
def test_each_step_is_all_or_nothing(
    people: People, submitted: Plan, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    if step == "submit_plan":  # resubmission: first judged not fit
        s.do_judge_plan(people["planner"].user, submitted, on=D(2018, 5, 2), fit=False,
                        reasons="No measures")  # fmt: skip
    before = database_dump()
    fail_audit_of(monkeypatch, s, step)
    with pytest.raises(Injected):
        STEPS[step](people, submitted)
    # The history event and the records were written before the failure.
    assert database_dump() == before


def test_two_people_updating_one_action_the_second_is_told_and_nothing_is_lost(
    people: People, submitted: Plan
) -> None:
    s.do_judge_plan(people["planner"].user, submitted, on=D(2018, 5, 22), fit=True,
                    reasons="Fit")  # fmt: skip
    action = submitted.weaknesses.get(position=1).actions.get()
    owen, second = Client(), Client()
    owen.force_login(people["medway"].user)
    second.force_login(people["medway"].user)
    url = reverse("improvement:plan_update_action", args=[submitted.pk, action.pk])
    pages = [c.get(url).content.decode() for c in (owen, second)]
    versions = [re.search(r'name="version" value="(\d+)"', p) for p in pages]
    assert all(versions)

    def post(client: Client, note: str, version: str) -> int:
        data = {**typed({"on": "2018-09-01"}), "rag": "green", "note": note, "version": version}
        response = client.post(url, data)
        if response.status_code == 400:
            assert "Owen Castell updated this action" in response.content.decode()
            assert "Board in place" in response.content.decode()
        return response.status_code

    assert post(owen, "Board in place", versions[0].group(1)) == 302  # type: ignore[union-attr]
    before = database_dump("improvement")
    assert post(second, "Board stalled", versions[1].group(1)) == 400  # type: ignore[union-attr]
    assert database_dump("improvement") == before
    assert [u.note for u in action.updates.all()] == ["Board in place"]
