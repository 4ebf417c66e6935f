"""The follow sign-up cannot be used to bomb an inbox: many sign-ups for one address send one
email, an address gets only a few a day across areas, one client only a few an hour; a mail
server that cannot be reached gives a clear message, never a 500; and development needs none."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from areasend.alerts.models import Subscription
from tests.conftest import REPO
from tests.security.failing_mail import BACKEND

pytestmark = pytest.mark.django_db

AREAS = ["kent", "medway", "rotherham", "sheffield", "essex", "southend-on-sea"]


def follow(client: Client, area: str, email: str, client_address: str = "192.0.2.1") -> Any:
    return client.post(f"/areas/{area}/follow/", {"email": email}, REMOTE_ADDR=client_address)


def test_twenty_sign_ups_for_one_address_send_one_email(client: Client) -> None:
    for i in range(20):  # from twenty different clients, so only the address limit is at work
        response = follow(client, "kent", "Target@Example.org", f"192.0.2.{i + 1}")
        assert response.status_code == 200
        assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["target@example.org"]
    assert Subscription.objects.count() == 1


def test_asking_again_after_the_resend_window_sends_again(client: Client) -> None:
    follow(client, "kent", "parent@example.org")
    sent = Subscription.objects.get().confirmation_sent_at
    assert sent is not None
    Subscription.objects.update(confirmation_sent_at=sent - dt.timedelta(minutes=61))
    follow(client, "kent", "parent@example.org")
    assert len(mail.outbox) == 2


def test_one_address_gets_only_its_day_s_emails_across_areas(client: Client, settings: Any) -> None:
    settings.AREASEND_EMAILS_PER_ADDRESS_PER_DAY = 3
    for i, area in enumerate(AREAS):
        assert follow(client, area, "target@example.org", f"192.0.2.{i + 1}").status_code == 200
    assert len(mail.outbox) == 3


def test_one_client_gets_only_its_hour_s_emails(client: Client, settings: Any) -> None:
    settings.AREASEND_EMAILS_PER_CLIENT_PER_HOUR = 3
    for i in range(3):
        assert follow(client, "kent", f"person{i}@example.org").status_code == 200
    refused = follow(client, "kent", "person3@example.org")
    assert refused.status_code == 429
    assert "Too many requests for emails" in refused.content.decode()
    assert len(mail.outbox) == 3
    assert not Subscription.objects.filter(email="person3@example.org").exists()
    # Another client is not held back by this one.
    assert follow(client, "kent", "person3@example.org", "198.51.100.7").status_code == 200
    assert len(mail.outbox) == 4


def test_a_mail_server_that_cannot_be_reached_gives_a_message_not_a_500(
    client: Client, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = BACKEND
    with caplog.at_level(logging.ERROR, logger="areasend.alerts.services"):
        response = follow(client, "kent", "parent@example.org")
    assert response.status_code == 200
    assert "We could not send the confirmation email just now" in response.content.decode()
    assert not Subscription.objects.exists()  # nothing kept of a sign-up never confirmed
    assert any("could not be sent" in r.getMessage() for r in caplog.records)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    follow(client, "kent", "parent@example.org")  # a retry once the server is back is sent
    assert len(mail.outbox) == 1


def test_the_confirmation_email_comes_from_the_configured_address(
    client: Client, settings: Any
) -> None:
    settings.DEFAULT_FROM_EMAIL = "areasend <alerts@areasend.example.gov.uk>"
    follow(client, "kent", "parent@example.org")
    assert mail.outbox[0].from_email == "areasend <alerts@areasend.example.gov.uk>"


def _settings(*names: str, **env: str) -> list[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("EMAIL_", "DJANGO_", "DEFAULT_FROM", "SERVER_EMAIL", "DEBUG"))
    }
    code = (
        "from django.conf import settings as s; print('\\n'.join(str(getattr(s, n)) for n in %r))"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code % (names,)],
        cwd=REPO,
        env={**environ, "DJANGO_SETTINGS_MODULE": "areasend.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split("\n")[: len(names)]


def test_development_writes_emails_to_files_and_production_sends_them_by_smtp() -> None:
    backend, path = _settings("EMAIL_BACKEND", "EMAIL_FILE_PATH")
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert path == str(REPO / "sent-emails")
    assert "sent-emails/" in (REPO / ".gitignore").read_text().split()
    # Development keeps writing files even with DEBUG off; only leaving development sends mail.
    assert _settings("EMAIL_BACKEND", AREASEND_ENV="development", DEBUG="0") == [backend]
    production = _settings("EMAIL_BACKEND", AREASEND_ENV="production", SECRET_KEY="x" * 50)
    assert production == ["django.core.mail.backends.smtp.EmailBackend"]


def test_email_settings_come_from_the_environment() -> None:
    values = _settings(
        "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL", "SERVER_EMAIL",
        EMAIL_HOST="smtp.example.gov.uk", EMAIL_PORT="587", EMAIL_USE_TLS="1",
        DEFAULT_FROM_EMAIL="areasend <noreply@example.gov.uk>",
    )  # fmt: skip
    assert values == [
        "smtp.example.gov.uk", "587", "True", "areasend <noreply@example.gov.uk>",
        "areasend <noreply@example.gov.uk>",
    ]  # fmt: skip
