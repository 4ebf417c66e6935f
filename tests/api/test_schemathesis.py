"""schemathesis against the served OpenAPI schema: generated requests to every endpoint
(reads, and the write endpoint with a planner's token) find no server error and no response
that breaks the schema (bounded in time)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from areasend.accounts.models import Person
from areasend.api.models import ApiToken
from areasend.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    # The WSGI app is called directly, so Django's request signals would close the database
    # connection inside the test's transaction (PostgreSQL really closes it). Django's own
    # test client disconnects the same handler for the same reason.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def demo_history(db: None) -> str:
    """The demonstration histories and a planner's API token. Function-scoped on purpose:
    loaded once per endpoint and shared by its generated examples (hypothesis runs them
    all in one test call, inside one transaction)."""
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    return ApiToken.issue(Person.objects.get(user__username="planner").user, "fuzz")[1]


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_generated_request_without_error(
    case: schemathesis.Case[Any], demo_history: str
) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {demo_history}"})
