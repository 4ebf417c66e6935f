"""Password reset in the service's own GOV.UK pages: the email comes from DEFAULT_FROM_EMAIL
with a link on the configured site address, works once, is limited per address and per client,
and a mail server that cannot be reached is logged, never a 500."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from tests.security.failing_mail import BACKEND

pytestmark = pytest.mark.django_db

FROM = "areasend <noreply@areasend.example.gov.uk>"
SITE = "https://areasend.example.gov.uk"
NEW_PASSWORD = "Heron-4kz-Fen-Lane"


@pytest.fixture(autouse=True)
def configured(settings: Any) -> None:
    settings.DEFAULT_FROM_EMAIL = FROM
    settings.AREASEND_SITE_URL = SITE


@pytest.fixture
def inspector() -> User:
    return User.objects.create_user(
        "inspector", email="ruth@example.gov.uk", password="Kestrel-9aq-Moor"
    )


def ask(client: Client, email: str, client_address: str = "192.0.2.1", **extra: Any) -> Any:
    return client.post(
        "/accounts/password_reset/", {"email": email}, REMOTE_ADDR=client_address, **extra
    )


def test_the_reset_pages_are_the_service_s_own(client: Client) -> None:
    page = client.get("/accounts/password_reset/").content.decode()
    assert "Reset your password" in page
    assert "govuk-input" in page and "Django administration" not in page


def test_the_email_is_branded_from_the_configured_sender_and_its_link_resets_once(
    client: Client, inspector: User
) -> None:
    response = ask(client, "Ruth@Example.gov.uk")
    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    assert "Check your email" in done and "2 hours" in done
    [email] = mail.outbox
    assert email.from_email == FROM
    assert "webmaster@localhost" not in email.from_email
    assert email.subject == "Reset your areasend password"
    assert "areasend staff account inspector" in email.body
    found = re.search(rf"{re.escape(SITE)}(/accounts/reset/\S+/)", str(email.body))
    assert found, email.body
    link = client.get(found.group(1))  # Django swaps the token for a session marker
    assert link.status_code == 302
    form = client.get(link["Location"]).content.decode()
    assert "Choose a new password" in form
    saved = client.post(
        link["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert saved.status_code == 302
    assert "Password changed" in client.get(saved["Location"]).content.decode()
    inspector.refresh_from_db()
    assert inspector.check_password(NEW_PASSWORD)
    again = client.get(found.group(1), follow=True).content.decode()
    assert "This link does not work" in again


def test_the_link_uses_the_configured_site_not_the_request_s_host(
    client: Client, inspector: User, settings: Any
) -> None:
    settings.ALLOWED_HOSTS = ["testserver", "attacker.example"]
    ask(client, "ruth@example.gov.uk", HTTP_HOST="attacker.example")
    assert "attacker.example" not in mail.outbox[0].body
    assert f"{SITE}/accounts/reset/" in mail.outbox[0].body


def test_an_unknown_address_gets_the_same_answer_and_no_email(client: Client) -> None:
    response = ask(client, "nobody@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_an_empty_or_malformed_address_is_named(client: Client) -> None:
    assert "Enter your email address" in ask(client, "").content.decode()
    assert "correct format" in ask(client, "not an address").content.decode()


def test_twenty_resets_for_one_address_send_one_email(client: Client, inspector: User) -> None:
    for i in range(20):
        assert ask(client, "ruth@example.gov.uk", f"192.0.2.{i + 1}").status_code == 302
    assert len(mail.outbox) == 1


def test_one_client_gets_only_its_hour_s_requests(
    client: Client, inspector: User, settings: Any
) -> None:
    settings.AREASEND_EMAILS_PER_CLIENT_PER_HOUR = 3
    for i in range(3):
        assert ask(client, f"person{i}@example.org").status_code == 302
    refused = ask(client, "ruth@example.gov.uk")
    assert refused.status_code == 429
    assert "Too many requests for emails" in refused.content.decode()
    assert mail.outbox == []
    assert ask(client, "ruth@example.gov.uk", "198.51.100.7").status_code == 302
    assert len(mail.outbox) == 1


def test_a_mail_server_that_cannot_be_reached_is_logged_not_a_500(
    client: Client, inspector: User, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = BACKEND
    with caplog.at_level(logging.ERROR, logger="django.contrib.auth"):
        response = ask(client, "ruth@example.gov.uk")
    assert response.status_code == 302
    assert any("Failed to send password reset email" in r.getMessage() for r in caplog.records)
