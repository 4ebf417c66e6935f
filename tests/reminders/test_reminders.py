"""The daily reminder job and the calendar feeds."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from areasend.accounts.models import Person
from areasend.areas.event_log import area_status
from areasend.framework.calendar import england
from areasend.inspections import services as s
from areasend.inspections.models import Inspection
from areasend.reminders.calendars import address_token, do_issue_calendar_token
from areasend.reminders.models import ReminderSent
from areasend.reminders.services import send_reminders
from areasend.reminders.tasks import send_daily_reminders

D = dt.date


@pytest.fixture
def awaiting_letter(notified: Inspection, people: dict[str, Person]) -> dt.date:
    """Fieldwork over; returns the letter's publication due date the framework gives."""
    lead = people["lead"].user
    s.do_start_fieldwork(lead, notified, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, notified, on=D(2021, 7, 9))
    status = area_status(notified.area, D(2021, 7, 12))
    letter = [o for o in status.open_obligations if o.inspection == notified.reference]
    assert letter, status.open_obligations
    return min(o.due for o in letter)


def test_each_reminder_is_sent_once_even_when_the_job_runs_twice(
    awaiting_letter: dt.date, people: dict[str, Person]
) -> None:
    day = awaiting_letter - dt.timedelta(days=3)
    first = send_reminders(day)
    assert first > 0
    recipients = sorted(to for m in mail.outbox for to in m.to)
    # The lead and the CQC inspector on the team, and the planner, answer for the letter.
    assert recipients == ["cqc@example.invalid", "lead@example.invalid", "planner@example.invalid"]
    assert "Rotherham" in mail.outbox[0].body
    rows = ReminderSent.objects.count()
    assert send_reminders(day) == 0
    assert len(mail.outbox) == 3
    assert ReminderSent.objects.count() == rows
    # Overdue the next week: still not sent again.
    assert send_reminders(awaiting_letter + dt.timedelta(days=7)) == 0
    assert len(mail.outbox) == 3


def test_nothing_is_sent_when_nothing_is_due_within_ten_working_days(
    awaiting_letter: dt.date,
) -> None:
    day = D(2021, 7, 12)
    assert england().add_working_days(day, 10) < awaiting_letter  # the letter is further off
    assert send_reminders(day) == 0
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_the_task_runs_on_the_task_framework(awaiting_letter: dt.date, settings: object) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # type: ignore[attr-defined]
    result = send_daily_reminders.enqueue((awaiting_letter - dt.timedelta(days=1)).isoformat())
    assert result.return_value == 3 * ReminderSent.objects.values("obligation").distinct().count()
    assert len(mail.outbox) == 3


def test_the_command_can_enqueue_on_the_database_backend(db: None) -> None:
    out = io.StringIO()
    call_command("send_reminders", "--enqueue", "--today", "2021-07-20", stdout=out)
    assert "queued reminder job" in out.getvalue()
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() == 1


def test_calendar_feeds_for_the_area_and_the_person(
    awaiting_letter: dt.date, people: dict[str, Person], client: Client
) -> None:
    area = client.get("/calendar/areas/rotherham.ics")
    assert area["Content-Type"].startswith("text/calendar")
    token = do_issue_calendar_token(people["lead"].user, people["lead"])
    mine = client.get(f"/calendar/people/{address_token(token)}.ics")
    text = mine.content.decode()
    assert "BEGIN:VEVENT" in text and "Rotherham" in text
    assert client.get("/calendar/people/not-a-token.ics").status_code == 404
