"""The planner page, its forms and exports, and the plan_programme command."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from areasend.accounts.models import Person
from areasend.inspections.models import Inspection
from areasend.planner import services
from areasend.planner.models import ComputedPlan, PlannedActivity
from tests.planner.conftest import HORIZON

pytestmark = pytest.mark.django_db
NO_SOLVING = mock.patch(
    "areasend.planner.services.plan_cpsat", side_effect=AssertionError("the page solved")
)


@pytest.fixture
def planner(client: Client, people: dict[str, Person]) -> Client:
    client.force_login(people["planner"].user)
    return client


@pytest.fixture
def computed(planner: Client, kent: None, immediate: None) -> Client:
    """Kent's plan asked for on the page and computed by the (immediate) task backend."""
    planner.post(reverse("planner:recompute"), HORIZON)
    return planner


def test_anonymous_visitor_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("planner:plan"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_signed_in_user_without_the_permission_is_refused(client: Client) -> None:
    client.force_login(User.objects.create_user("reader", password="x"))
    assert client.get(reverse("planner:plan")).status_code == 403
    assert client.post(reverse("planner:confirm"), {"activity": "x"}).status_code == 403


def test_plan_page_reads_the_stored_plan_without_solving(
    computed: Client, django_assert_max_num_queries: object
) -> None:
    # Session, user, 2 permission checks, the plan done, a newer job, the confirmed
    # assignments; and one for the staff menu (ADR 0038), which asks each link's guard.
    with NO_SOLVING, django_assert_max_num_queries(8):  # type: ignore[operator]
        response = computed.get(reverse("planner:plan"), HORIZON)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Week of 2025-11-" in page or "Week of 2025-12-" in page
    assert '<th scope="row" class="govuk-table__header">Kent</th>' in page
    assert "South East" in page
    assert "OF-WSOA-9" in page
    assert "asked for by Nadia Okafor: 1 activities, 12 teams, plan" in page
    assert "Computed at " in page
    assert "Recompute the plan" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_without_a_plan_the_page_offers_to_compute_one(planner: Client, kent: None) -> None:
    with NO_SOLVING:
        page = planner.get(reverse("planner:plan"), HORIZON).content.decode()
    assert "No plan has been computed for these weeks yet." in page
    assert "Compute the plan" in page
    assert "Kent" not in page


def test_recompute_queues_a_job_and_the_page_shows_it_waiting(planner: Client, kent: None) -> None:
    with NO_SOLVING:
        response = planner.post(reverse("planner:recompute"), HORIZON, follow=True)
    page = response.content.decode()
    assert "The plan is being computed." in page
    assert "Queued" in page and "by Nadia Okafor" in page
    assert "Refresh this page" in page
    assert "Compute the plan" not in page, "no second request while one waits"
    plan = ComputedPlan.objects.get()
    assert (plan.status, plan.start.isoformat(), plan.weeks) == ("queued", "2025-11-03", 10)
    ComputedPlan.objects.update(status="running", started_at=plan.requested_at)
    page = planner.get(reverse("planner:plan"), HORIZON).content.decode()
    assert "Being computed" in page and "the task worker started computing it" in page


def test_a_failed_job_shows_its_reason_beside_the_last_plan(computed: Client) -> None:
    with mock.patch("areasend.planner.services.plan_cpsat", side_effect=RuntimeError("no memory")):
        computed.post(reverse("planner:recompute"), HORIZON)
    page = computed.get(reverse("planner:plan"), HORIZON).content.decode()
    assert "could not be computed" in page and "RuntimeError: no memory" in page
    assert '<th scope="row" class="govuk-table__header">Kent</th>' in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"weeks": "0"}, "Enter the number of weeks as a whole number from 1 to 260"),
        ({"weeks": "many"}, "Enter the number of weeks as a whole number from 1 to 260"),
        ({"weeks": "261"}, "Enter the number of weeks as a whole number from 1 to 260"),
        (
            {"start_day": "30", "start_month": "2", "start_year": "2026"},
            "The date the plan starts from must be a real date",
        ),
        (
            {"start_month": "", "start_year": "2026"},
            "The date the plan starts from must include a month",
        ),
    ],
)
def test_invalid_weeks_or_dates_get_an_error_summary_and_no_plan(
    computed: Client, query: dict[str, str], message: str
) -> None:
    response = computed.get(reverse("planner:plan"), {**HORIZON, **query})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and message in page
    assert "Kent" not in page and "Compute the plan" not in page


def test_confirm_form_locks_the_assignment_and_the_next_plan_keeps_it(
    computed: Client,
) -> None:
    activity = "E10000016-full-2025-12-31"
    response = computed.post(
        reverse("planner:confirm"),
        {"activity": activity, "week": "6", "team": "team-3", **HORIZON},
    )
    assert response.status_code == 302
    planned = PlannedActivity.objects.get(activity=activity)
    assert (planned.week_start.isoformat(), planned.team, planned.area.name) == (
        "2025-12-15",
        "team-3",
        "Kent",
    )
    computed.post(reverse("planner:recompute"), HORIZON)
    page = computed.get(response["Location"]).content.decode()
    assert "Week of 2025-12-15" in page
    assert "Release" in page
    computed.post(reverse("planner:release"), {"activity": activity, **HORIZON})
    assert not PlannedActivity.objects.exists()


def test_confirm_refuses_an_unknown_activity(planner: Client, kent: None) -> None:
    response = planner.post(
        reverse("planner:confirm"),
        {"activity": "nowhere", "week": "1", "team": "team-1", **HORIZON},
        follow=True,
    )
    assert "no activity &#x27;nowhere&#x27;" in response.content.decode()
    assert not PlannedActivity.objects.exists()


def test_exports_csv_and_icalendar_of_the_stored_plan(computed: Client) -> None:
    with NO_SOLVING:
        text = computed.get(reverse("planner:csv"), HORIZON).content.decode()
        calendar = computed.get(reverse("planner:ical"), HORIZON)
    assert text.splitlines()[0].startswith("week_start,region,area,kind,rule")
    assert ",South East,Kent,full,OF-WSOA-9," in text
    assert calendar["Content-Type"].startswith("text/calendar")
    body = calendar.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "UID:E10000016-full-2025-12-31@areasend\r\n" in body
    assert "DTSTART;VALUE=DATE:2025" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_the_csv_keeps_its_column_order_whatever_order_the_stored_keys_come_in() -> None:
    row = {name: name.upper() for name in reversed(services.ROW_FIELDS)}
    header, line = services.plan_csv([row]).splitlines()
    assert header == ",".join(services.ROW_FIELDS)
    assert line == ",".join(name.upper() for name in services.ROW_FIELDS)


def test_exports_without_a_stored_plan_lead_back_to_the_page(planner: Client) -> None:
    response = planner.get(reverse("planner:csv"), HORIZON, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("planner:plan"))
    assert "No plan has been computed for these weeks yet." in response.content.decode()


def test_command_prints_a_checked_plan_as_json(kent: None, tmp_path: Path) -> None:
    teams = tmp_path / "teams.json"
    teams.write_text(json.dumps([{"id": "south", "ofsted": 2, "cqc": 1, "max_per_quarter": 2}]))
    out = StringIO()
    call_command(
        "plan_programme",
        "--from",
        "2025-11-03",
        "--weeks",
        "10",
        "--teams",
        str(teams),
        "--json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["breaches"] == []
    assert [(a["area"], a["team"]) for a in result["assignments"]] == [("Kent", "south")]


def test_command_stores_a_plan_the_page_then_shows(
    people: dict[str, Person], planner: Client, kent: None
) -> None:
    out = StringIO()
    call_command("plan_programme", "--from", "2025-11-05", "--weeks", "10", "--store", stdout=out)
    plan = ComputedPlan.objects.get()
    assert (
        out.getvalue().strip() == f"plan {plan.pk} from 2025-11-03 for 10 weeks: done, 1 activities"
    )
    assert plan.requested_by is None
    with NO_SOLVING:
        page = planner.get(reverse("planner:plan"), HORIZON).content.decode()
    assert "asked for by a command on the server" in page
    assert '<th scope="row" class="govuk-table__header">Kent</th>' in page


def test_command_refuses_to_store_a_plan_for_bad_weeks(kent: None) -> None:
    with pytest.raises(CommandError, match="whole number from 1 to 260"):
        call_command("plan_programme", "--weeks", "300", "--store")
    assert not ComputedPlan.objects.exists()


def test_command_explains_when_no_team_can_do_the_work(kent: None, tmp_path: Path) -> None:
    teams = tmp_path / "teams.json"
    teams.write_text(json.dumps([{"id": "ofsted-only", "ofsted": 3, "cqc": 0}]))
    with pytest.raises(CommandError, match=r"E10000016-full-2025-12-31.*enough Ofsted and CQC"):
        call_command(
            "plan_programme", "--from", "2025-11-03", "--weeks", "10", "--teams", str(teams)
        )


def test_a_confirmed_inspection_becomes_a_planned_casework_inspection(
    planner: Client, kent: None
) -> None:
    client = planner
    activity = "E10000016-full-2025-12-31"
    confirm = {"activity": activity, "team": "team-3", **HORIZON}
    client.post(reverse("planner:confirm"), {**confirm, "week": "6"})
    inspection = PlannedActivity.objects.get(activity=activity).inspection
    assert inspection is not None
    assert (inspection.status, inspection.kind, inspection.framework) == ("planned", "full", "2023")
    assert str(inspection.planned_week) == "2025-12-15"
    client.post(reverse("planner:confirm"), {**confirm, "week": "7"})
    inspection.refresh_from_db()
    assert str(inspection.planned_week) == "2025-12-22"
    client.post(reverse("planner:release"), {"activity": activity, **HORIZON})
    assert not Inspection.objects.exists()


@pytest.mark.parametrize("start", [("27", "12", "9999"), ("1", "1", "0001"), ("30", "2", "2026")])
def test_a_start_outside_the_service_years_is_refused_with_a_reason(
    planner: Client, start: tuple[str, str, str]
) -> None:
    day, month, year = start
    response = planner.get(
        reverse("planner:plan"), {"start_day": day, "start_month": month, "start_year": year}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert (
        "The date the plan starts from must be between 1 January 2000 and 31 December 2099" in page
        or "The date the plan starts from must be a real date" in page
    )
