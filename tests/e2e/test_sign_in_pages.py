"""Sign-in and password reset pages in the browser, errors included: axe-core checks each."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail

from tests.e2e.conftest import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_errors_and_the_password_reset_pass_axe(
    page: Any, visit: Callable[[str], Any]
) -> None:
    User.objects.create_user("inspector", email="ruth@example.gov.uk", password="Kestrel-9aq-Moor")
    visit("/accounts/login/")
    page.get_by_role("button", name="Sign in").click()
    check_accessibility(page, "sign-in, fields empty")
    assert "Enter your username" in page.inner_text("main")

    page.get_by_role("link", name="Forgotten your password?").click()
    check_accessibility(page, "reset")
    page.get_by_role("button", name="Send the link").click()
    check_accessibility(page, "reset, address empty")
    assert "Enter your email address" in page.inner_text("main")
    page.get_by_label("Email address").fill("ruth@example.gov.uk")
    page.get_by_role("button", name="Send the link").click()
    check_accessibility(page, "reset, check your email")
    assert "Check your email" in page.inner_text("main")

    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", str(mail.outbox[0].body))
    assert link
    visit(link.group(1))
    page.get_by_role("button", name="Save the new password").click()
    check_accessibility(page, "new password, empty")
    page.get_by_label("New password", exact=True).fill("Heron-4kz-Fen-Lane")
    page.get_by_label("Confirm the new password").fill("Heron-4kz-Fen-Lane")
    page.get_by_role("button", name="Save the new password").click()
    check_accessibility(page, "password changed")
    assert "Password changed" in page.inner_text("main")
    visit(link.group(1))  # used: the page says so
    assert "This link does not work" in page.inner_text("main")


def test_the_refusal_pages_pass_axe(page: Any, visit: Callable[[str], Any], settings: Any) -> None:
    User.objects.create_user("admin", password="Kestrel-9aq-Moor", is_staff=True)
    settings.AREASEND_EMAILS_PER_CLIENT_PER_HOUR = 0
    visit("/accounts/password_reset/")
    page.get_by_label("Email address").fill("ruth@example.gov.uk")
    page.get_by_role("button", name="Send the link").click()
    check_accessibility(page, "too many requests for emails")
    assert "Too many requests for emails" in page.inner_text("main")

    visit("/accounts/login/?next=/admin/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "Kestrel-9aq-Moor")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    check_accessibility(page, "admin without a second factor")
    assert "Administration needs a security code" in page.inner_text("main")
