"""Plans for earlier letters of an area's history, recorded as they happened, on the data
``load_demo`` and ``load_national`` load: Southend-on-Sea's 2018 WSOA, Medway's accelerated
progress plan, Rotherham's 2021 WSOA; and the partners named from the reference data."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from areasend.accounts.models import Person
from areasend.accounts.permissions import User
from areasend.areas.models import HistoryEvent, LocalArea
from areasend.casework.errors import CaseworkError
from areasend.framework.events import PlanKind
from areasend.improvement import services as s
from areasend.improvement.models import Plan
from tests.dumps import database_dump

D = dt.date
People = dict[str, Person]
JOINT = "joint commissioning and strategic leadership"


@pytest.fixture
def loaded(people: People) -> None:
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_national", stdout=io.StringIO())


def _area(slug: str) -> LocalArea:
    return LocalArea.objects.get(slug=slug)


def _with_actions(plan: Plan, officer: User, agreed: dt.date) -> Plan:
    for weakness in plan.weaknesses.all():
        s.do_add_action(
            officer, weakness, description=f"Act on: {weakness.text}",
            owner="Southend-on-Sea City Council", success_measures="Parents say it improved",
            started_on=agreed,
        )  # fmt: skip
    return plan


def _dump() -> str:
    return database_dump("areas", "accounts", "improvement")


@pytest.mark.usefixtures("loaded")
def test_southends_2018_wsoa_is_recorded_submitted_judged_fit_and_published_as_it_happened(
    people: People,
) -> None:
    southend, officer = _area("southend-on-sea"), people["southend"].user
    # The latest letter (2023, outcome 2) asks for no WSOA: the 2018 letter did.
    plan = s.do_start_plan(officer, southend, PlanKind.WSOA, "southend-2018")
    assert plan.inspection == "southend-2018" and plan.status == Plan.Status.DRAFT
    assert [w.text for w in plan.weaknesses.all()] == [JOINT]
    _with_actions(plan, officer, D(2019, 1, 14))
    s.do_submit_plan(officer, plan, on=D(2019, 3, 20))
    s.do_judge_plan(people["planner"].user, plan, on=D(2019, 4, 10), fit=True,
                    reasons="Fit for purpose")  # fmt: skip
    s.do_publish_plan(officer, plan, on=D(2019, 4, 24), url="https://livewellsouthend.com/wsoa")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PUBLISHED and plan.published_on == D(2019, 4, 24)
    events = HistoryEvent.objects.filter(area=southend, event__startswith="plan_")
    assert sorted((e.date, e.event) for e in events) == [
        (D(2019, 3, 20), "plan_submitted"), (D(2019, 4, 10), "plan_judged"),
        (D(2019, 4, 24), "plan_published"),
    ]  # fmt: skip
    wsoa = next(p for p in s.plans_required(southend) if p.kind is PlanKind.WSOA)
    assert wsoa.recorded and wsoa.published == (D(2019, 4, 24),)
    # Before July 2022 the council and its CCG were jointly responsible (OF-WSOA-2).
    assert s.plan_partners(plan) == ["Southend-on-Sea council", "NHS Southend CCG"]


@pytest.mark.usefixtures("loaded")
def test_the_default_letter_is_the_latest_that_required_the_plan(people: People) -> None:
    plan = s.do_start_plan(people["southend"].user, _area("southend-on-sea"), PlanKind.WSOA)
    assert plan.inspection == "southend-2018"


@pytest.mark.usefixtures("loaded")
def test_a_letter_that_did_not_require_the_plan_or_already_has_it_is_refused(
    people: People,
) -> None:
    southend, officer = _area("southend-on-sea"), people["southend"].user
    before = _dump()
    with pytest.raises(CaseworkError, match="letter of southend-2018 did not require a sen"):
        s.do_start_plan(officer, southend, PlanKind.STRATEGIC_PLAN, "southend-2018")
    with pytest.raises(CaseworkError, match="no letter of Southend-on-Sea required one"):
        s.do_start_plan(officer, southend, PlanKind.PRIORITY_ACTION_PLAN)
    assert _dump() == before
    s.do_start_plan(officer, southend, PlanKind.WSOA, "southend-2018")
    before = _dump()
    with pytest.raises(CaseworkError, match="already started its written statement of action"):
        s.do_start_plan(officer, southend, PlanKind.WSOA, "southend-2018")
    assert _dump() == before


@pytest.mark.usefixtures("loaded")
def test_plan_dates_come_after_the_letter_and_before_the_next_full_inspection(
    people: People,
) -> None:
    southend, officer = _area("southend-on-sea"), people["southend"].user
    plan = _with_actions(
        s.do_start_plan(officer, southend, PlanKind.WSOA, "southend-2018"), officer,
        D(2019, 1, 14),
    )  # fmt: skip
    before = _dump()
    with pytest.raises(CaseworkError, match=r"before the letter of southend-2018 .*12 December"):
        s.do_submit_plan(officer, plan, on=D(2018, 12, 1))
    with pytest.raises(CaseworkError, match=r"next full inspection was notified \(20 February"):
        s.do_submit_plan(officer, plan, on=D(2023, 7, 3))
    assert _dump() == before


@pytest.mark.usefixtures("loaded")
def test_medways_accelerated_progress_plan_answers_what_the_revisit_found_insufficient(
    people: People,
) -> None:
    medway, officer = _area("medway"), people["medway"].user
    app = s.do_start_plan(officer, medway, PlanKind.ACCELERATED_PROGRESS_PLAN)
    assert app.inspection == "medway-2017" and app.weaknesses.count() == 3
    _with_actions(app, officer, D(2020, 3, 2))
    # Required by the revisit's letter (19 February 2020), not the 2018 one.
    with pytest.raises(CaseworkError, match="before the letter of medway-revisit-2019"):
        s.do_publish_plan(officer, app, on=D(2020, 1, 6), url="https://www.medway.gov.uk/app")
    s.do_publish_plan(officer, app, on=D(2020, 4, 20), url="https://www.medway.gov.uk/app")
    app.refresh_from_db()
    assert app.status == Plan.Status.PUBLISHED
    assert s.plan_partners(app) == ["Medway council", "NHS Kent and Medway CCG"]


@pytest.mark.usefixtures("loaded")
def test_rotherhams_2021_wsoa_starts_as_the_history_records_it_judged_fit(
    people: People,
) -> None:
    rotherham, officer = _area("rotherham"), people["rotherham"].user
    plan = s.do_start_plan(officer, rotherham, PlanKind.WSOA, "rotherham-2021")
    assert plan.status == Plan.Status.FIT and plan.judged_on == D(2022, 1, 28)
    assert plan.submitted_on == D(2022, 1, 14) and plan.weaknesses.count() == 4
    assert s.steps_open(officer, plan) >= {"publish"}
    assert "submit" not in s.steps_open(officer, plan)


@pytest.mark.usefixtures("loaded")
def test_after_june_2022_the_integrated_care_board_is_named(people: People) -> None:
    medway = _area("medway")
    assert s.partners_of(medway, D(2022, 6, 30)) == ["Medway council", "NHS Kent and Medway CCG"]
    assert s.partners_of(medway, D(2022, 7, 1)) == [
        "Medway council", "NHS Kent and Medway Integrated Care Board",
    ]  # fmt: skip
