"""schemathesis against the served OpenAPI schema: generated requests to every public read
endpoint find no server error and no response that breaks the schema (bounded in time)."""

from __future__ import annotations

import io
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, settings

from areasend.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(method="GET")


@pytest.fixture
def demo_history(db: None) -> None:
    # Function-scoped on purpose: loaded once per endpoint, and shared by that endpoint's
    # generated examples, which only read (hypothesis runs them all in one test call).
    call_command("load_demo", stdout=io.StringIO())


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_generated_request_without_error(
    case: schemathesis.Case[Any], demo_history: None
) -> None:
    case.call_and_validate()
