"""A parent follows an area by email in the browser; axe-core checks every page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core import mail

from tests.e2e.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_parent_signs_up_confirms_and_stops_the_emails(
    page: object, visit: Callable[[str], object]
) -> None:
    form = visit("/areas/kent/follow/")
    form.fill("#id_email", "parent@example.org")  # type: ignore[attr-defined]
    form.click("button:has-text('Send me a confirmation email')")  # type: ignore[attr-defined]
    check_accessibility(form, "check your email")
    assert "Check your email" in form.inner_text("main")  # type: ignore[attr-defined]
    confirm = re.search(r"(/alerts/confirm/[^/\s]+/)", str(mail.outbox[0].body))
    assert confirm
    visit(confirm.group(1)).click("button:has-text('Yes, email me')")  # type: ignore[attr-defined]
    check_accessibility(form, "confirmed")
    assert "You are following Kent" in form.inner_text("main")  # type: ignore[attr-defined]
    feed = form.goto(form.base_url + "/areas/kent/feed.atom")  # type: ignore[attr-defined]
    assert feed.ok
