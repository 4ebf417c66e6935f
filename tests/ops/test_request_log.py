"""One JSON line per request: method, path, status, duration and user id, and nothing personal."""

import json
import logging

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def logged(caplog) -> list[dict[str, object]]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "areasend.requests"]


def test_an_anonymous_request_is_one_json_line(client, caplog):
    caplog.set_level(logging.INFO, logger="areasend.requests")
    client.get("/areas/?region=East+of+England&q=Smith")
    [line] = logged(caplog)
    assert set(line) == {"request_id", "method", "path", "status", "duration_ms", "user"}
    assert line["method"] == "GET"
    assert line["path"] == "/areas/"  # never the query string
    assert line["status"] == 200
    assert line["user"] == "anonymous"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert "Smith" not in caplog.text


def test_a_signed_in_user_is_logged_by_id_never_by_name_or_email(client, caplog):
    user = User.objects.create_user("jo.bloggs", email="jo@example.org", password="x")
    client.force_login(user)
    caplog.set_level(logging.INFO, logger="areasend.requests")
    client.get("/letters/")
    [line] = logged(caplog)
    assert line["user"] == user.pk
    assert "jo.bloggs" not in caplog.text and "jo@example.org" not in caplog.text


def test_errors_and_not_found_are_logged_with_their_status(client, caplog):
    caplog.set_level(logging.INFO, logger="areasend.requests")
    client.get("/areas/no-such-area/")
    client.post("/healthz")
    assert [(line["path"], line["status"]) for line in logged(caplog)] == [
        ("/areas/no-such-area/", 404),
        ("/healthz", 405),
    ]
