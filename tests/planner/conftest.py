"""Kent's 2019 WSOA (one activity in a 10-week horizon), the demo people, and the task
backend that runs a queued job at once."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from areasend.accounts.models import Person
from areasend.areas.event_log import do_import_history
from tests.dates import typed

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
HORIZON = {**typed({"start": "2025-11-03"}), "weeks": "10"}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _quick(settings: Any) -> None:
    settings.AREASEND_PLANNER_SECONDS = 2.0


@pytest.fixture
def kent(db: None) -> None:
    do_import_history(KENT)


@pytest.fixture
def people(db: None) -> dict[str, Person]:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    return {p.user.username: p for p in Person.objects.select_related("user", "organisation")}


@pytest.fixture
def immediate(settings: Any) -> None:
    """Jobs run as they are queued, as the worker would run them."""
    settings.TASKS = IMMEDIATE
