"""The planner page, its forms and exports, and the plan_programme command."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from areasend.areas.event_log import do_import_history
from areasend.planner.models import PlannedActivity

pytestmark = pytest.mark.django_db

# Kent: a 2019 written statement of action, never revisited, so OF-WSOA-9 (due 31 Dec 2025)
# is its only activity before the 2027 cycle end; a 10-week plan from 2025-11-03 holds it.
KENT = "\n".join(
    [
        '{"area": "Kent", "date": "2019-01-21", "event": "inspection_notified", "inspection": "kent-2019", "kind": "full", "framework": "2016"}',
        '{"area": "Kent", "date": "2019-01-28", "event": "fieldwork_started", "inspection": "kent-2019"}',
        '{"area": "Kent", "date": "2019-02-01", "event": "fieldwork_ended", "inspection": "kent-2019"}',
        '{"area": "Kent", "date": "2019-03-29", "event": "letter_published", "inspection": "kent-2019", "outcome": "wsoa", "weaknesses": ["EHC plan quality", "Joint commissioning"]}',
    ]
)  # fmt: skip
HORIZON = {"start": "2025-11-03", "weeks": "10"}


@pytest.fixture(autouse=True)
def _quick(settings: object) -> None:
    settings.AREASEND_PLANNER_SECONDS = 2.0  # type: ignore[attr-defined]


@pytest.fixture
def kent() -> None:
    do_import_history(KENT)


@pytest.fixture
def planner(client: Client) -> Client:
    user = User.objects.create_user("planner", password="x")
    user.user_permissions.add(Permission.objects.get(codename="plan_programme"))
    client.force_login(user)
    return client


def test_anonymous_visitor_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("planner:plan"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_signed_in_user_without_the_permission_is_refused(client: Client) -> None:
    client.force_login(User.objects.create_user("reader", password="x"))
    assert client.get(reverse("planner:plan")).status_code == 403
    assert client.post(reverse("planner:confirm"), {"activity": "x"}).status_code == 403


def test_plan_page_shows_kents_visit_by_week_and_region(
    planner: Client, kent: None, django_assert_max_num_queries: object
) -> None:
    # Session, user, 2 permission checks, then areas, events and confirmed plans: one query
    # each; and one for the staff menu (ADR 0038), which asks each link's guard.
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        response = planner.get(reverse("planner:plan"), HORIZON)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Week of 2025-11-" in page
    assert '<th scope="row" class="govuk-table__header">Kent</th>' in page
    assert "South East" in page
    assert "OF-WSOA-9" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_confirm_form_locks_the_assignment_and_the_next_plan_keeps_it(
    planner: Client, kent: None
) -> None:
    activity = "E10000016-full-2025-12-31"
    response = planner.post(
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
    page = planner.get(response["Location"]).content.decode()
    assert "Week of 2025-12-15" in page
    assert "Release" in page
    planner.post(reverse("planner:release"), {"activity": activity, **HORIZON})
    assert not PlannedActivity.objects.exists()


def test_confirm_refuses_an_unknown_activity(planner: Client, kent: None) -> None:
    response = planner.post(
        reverse("planner:confirm"),
        {"activity": "nowhere", "week": "1", "team": "team-1", **HORIZON},
        follow=True,
    )
    assert "no activity &#x27;nowhere&#x27;" in response.content.decode()
    assert not PlannedActivity.objects.exists()


def test_exports_csv_and_icalendar(planner: Client, kent: None) -> None:
    text = planner.get(reverse("planner:csv"), HORIZON).content.decode()
    assert text.splitlines()[0].startswith("week_start,region,area,kind,rule")
    assert ",South East,Kent,full,OF-WSOA-9," in text
    calendar = planner.get(reverse("planner:ical"), HORIZON)
    assert calendar["Content-Type"].startswith("text/calendar")
    body = calendar.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "UID:E10000016-full-2025-12-31@areasend\r\n" in body
    assert "DTSTART;VALUE=DATE:2025" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


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


def test_command_explains_when_no_team_can_do_the_work(kent: None, tmp_path: Path) -> None:
    teams = tmp_path / "teams.json"
    teams.write_text(json.dumps([{"id": "ofsted-only", "ofsted": 3, "cqc": 0}]))
    with pytest.raises(CommandError, match=r"E10000016-full-2025-12-31.*enough Ofsted and CQC"):
        call_command(
            "plan_programme", "--from", "2025-11-03", "--weeks", "10", "--teams", str(teams)
        )


def test_a_confirmed_inspection_becomes_a_planned_casework_inspection(
    client: Client, kent: None
) -> None:
    from areasend.accounts.models import Person
    from areasend.inspections.models import Inspection

    call_command("load_demo_people", "--force", stdout=StringIO())
    client.force_login(Person.objects.get(user__username="planner").user)
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


@pytest.mark.parametrize("start", ["9999-12-27", "0001-01-01", "2026-02-30"])
def test_a_start_outside_the_service_years_is_refused_with_a_reason(
    planner: Client, start: str
) -> None:
    response = planner.get(reverse("planner:plan"), {"start": start})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert (
        "Enter a date between 1 January 2000 and 31 December 2099" in page
        or "Enter a valid date" in page
    )
