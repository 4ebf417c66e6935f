"""Every response carries a request id; the log line and the error pages show the same one."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_id_is_in_the_header_and_the_log_line(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="areasend.requests"):
        response = client.get("/accessibility/", HTTP_X_REQUEST_ID="forged-by-client")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 16 and request_id != "forged-by-client"
    logged = [json.loads(r.getMessage()) for r in caplog.records if r.name == "areasend.requests"]
    assert logged[-1]["request_id"] == request_id


def test_a_not_found_page_shows_the_id_to_quote(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert f'quote reference <strong class="app-request-id">{response["X-Request-ID"]}' in (
        response.content.decode()
    )


def test_a_server_error_page_shows_the_id_to_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    from areasend.register import views

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("injected")

    monkeypatch.setattr(views, "render", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/accessibility/")
    assert response.status_code == 500
    assert response["X-Request-ID"] in response.content.decode()
    assert "problem with the service" in response.content.decode()
