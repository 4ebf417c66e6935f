"""A person's calendar link answers only while it is live: a revoked, expired, superseded,
forged or old-form link gives 404 and no data. The person rotates or stops their link from the
page; an administrator can stop anyone's; each issue and revocation is audited, never the secret."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from areasend.accounts.models import AuditEntry, Person
from areasend.inspections.models import Inspection
from areasend.reminders.calendars import (
    address_token,
    do_issue_calendar_token,
    do_revoke_calendar_token,
)
from areasend.reminders.models import CalendarToken
from tests.dumps import database_dump
from tests.otp import force_login_verified

pytestmark = pytest.mark.django_db


def feed(client: Client, token: str):
    return client.get(f"/calendar/people/{token}.ics")


def assert_no_data(response) -> None:
    assert response.status_code == 404
    assert b"VCALENDAR" not in response.content and b"Rotherham" not in response.content


@pytest.fixture
def lead(people: dict[str, Person], notified: Inspection) -> Person:
    """The lead of Rotherham's notified inspection: their feed has its dates."""
    return people["lead"]


def test_a_live_link_gives_the_persons_dates(lead: Person, client: Client):
    token = do_issue_calendar_token(lead.user, lead)
    response = feed(client, address_token(token))
    assert response.status_code == 200
    assert b"BEGIN:VEVENT" in response.content and b"Rotherham" in response.content
    assert response["Cache-Control"] == "private, no-store"


def test_a_revoked_link_gives_no_data(lead: Person, client: Client):
    token = do_issue_calendar_token(lead.user, lead)
    do_revoke_calendar_token(lead.user, token)
    assert_no_data(feed(client, address_token(token)))


def test_an_expired_link_gives_no_data(lead: Person, client: Client, settings):
    days = settings.AREASEND_CALENDAR_TOKEN_DAYS
    issued = timezone.now() - dt.timedelta(days=days, seconds=1)
    token = do_issue_calendar_token(lead.user, lead, now=issued)
    assert token.expires_at == issued + dt.timedelta(days=days)
    assert_no_data(feed(client, address_token(token)))


def test_the_expiry_follows_the_setting(lead: Person, settings):
    settings.AREASEND_CALENDAR_TOKEN_DAYS = 30
    now = timezone.now()
    assert do_issue_calendar_token(lead.user, lead, now=now).expires_at == now + dt.timedelta(30)


def test_a_new_link_stops_the_old_one(lead: Person, client: Client):
    old = do_issue_calendar_token(lead.user, lead)
    new = do_issue_calendar_token(lead.user, lead)
    assert_no_data(feed(client, address_token(old)))
    assert feed(client, address_token(new)).status_code == 200
    old.refresh_from_db()
    assert old.revoked_at is not None and old.revoked_by == lead.user


def test_forged_and_old_form_links_give_no_data(lead: Person, client: Client):
    token = do_issue_calendar_token(lead.user, lead)
    salt = "areasend.reminders.calendar-token"
    assert (
        feed(client, signing.Signer(salt=salt).sign_object([token.pk, token.nonce])).status_code
        == 200
    )
    # Signed with another key (a published development key, say): refused.
    other_key = signing.Signer(key="x" * 50, salt=salt)
    assert_no_data(feed(client, other_key.sign_object([token.pk, token.nonce])))
    # The right key, a guessed nonce: refused (the database holds the other half).
    assert_no_data(feed(client, signing.Signer(salt=salt).sign_object([token.pk, "guess"])))
    assert_no_data(feed(client, signing.Signer(salt=salt).sign_object({"pk": token.pk})))
    # The earlier form, a person id signed by signing.dumps: refused.
    assert_no_data(feed(client, signing.dumps(lead.pk, salt="areasend.reminders.calendar")))


def test_a_deactivated_persons_link_gives_no_data(lead: Person, client: Client):
    token = do_issue_calendar_token(lead.user, lead)
    lead.user.is_active = False
    lead.user.save()
    assert_no_data(feed(client, address_token(token)))


def test_issue_and_revocation_are_audited_without_the_secret(lead: Person):
    token = do_issue_calendar_token(lead.user, lead)
    do_revoke_calendar_token(lead.user, token)
    entries = AuditEntry.objects.filter(object_type="reminders.CalendarToken", object_id=token.pk)
    assert [(e.action, e.actor_id) for e in entries.order_by("pk")] == [
        ("issue_calendar_token", lead.user.pk),
        ("revoke_calendar_token", lead.user.pk),
    ]
    for entry in entries:
        assert token.nonce not in str(entry.before) + str(entry.after)
    revoked = entries.get(action="revoke_calendar_token")
    assert revoked.before is not None and revoked.after is not None
    assert revoked.before["revoked_at"] is None and revoked.after["revoked_at"] is not None


def test_an_administrator_can_stop_anyones_link(
    lead: Person, people: dict[str, Person], client: Client
):
    token = do_issue_calendar_token(lead.user, lead)
    admin = people["admin"].user
    do_revoke_calendar_token(admin, token)
    token.refresh_from_db()
    assert token.revoked_by == admin
    assert AuditEntry.objects.filter(action="revoke_calendar_token", actor_id=admin.pk).exists()
    assert_no_data(feed(client, address_token(token)))


def test_the_admin_page_stops_a_link_and_never_shows_its_secret(
    lead: Person, people: dict[str, Person], client: Client
):
    token = do_issue_calendar_token(lead.user, lead)
    force_login_verified(client, people["admin"].user)
    listing = client.get("/admin/reminders/calendartoken/")
    detail = client.get(f"/admin/reminders/calendartoken/{token.pk}/change/")
    assert listing.status_code == 200 and detail.status_code == 200
    assert token.nonce.encode() not in listing.content + detail.content
    response = client.post(
        "/admin/reminders/calendartoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_by == people["admin"].user
    assert_no_data(feed(client, address_token(token)))


@pytest.mark.parametrize("who", ["planner", "rotherham", "inspector"])
def test_nobody_else_can_stop_or_issue_a_persons_link(
    lead: Person, people: dict[str, Person], who: str
):
    token = do_issue_calendar_token(lead.user, lead)
    before = database_dump()
    with pytest.raises(PermissionDenied):
        do_revoke_calendar_token(people[who].user, token)
    with pytest.raises(PermissionDenied):
        do_issue_calendar_token(people[who].user, lead)
    assert database_dump() == before


def test_a_link_cannot_be_revoked_twice(lead: Person):
    token = do_issue_calendar_token(lead.user, lead)
    do_revoke_calendar_token(lead.user, token)
    before = database_dump()
    with pytest.raises(ValidationError, match="already revoked"):
        do_revoke_calendar_token(lead.user, token)
    assert database_dump() == before


def link_on(page) -> str | None:
    found = re.search(rb"/calendar/people/([^<\s]+)\.ics", page.content)
    return found.group(1).decode() if found else None


def test_the_page_gives_rotates_and_stops_the_link(lead: Person, client: Client):
    client.force_login(lead.user)
    first = client.get("/calendar/")
    assert link_on(first) is None and b"Get a calendar link" in first.content
    assert client.post("/calendar/", {"link": "new"}).status_code == 302
    given = link_on(client.get("/calendar/"))
    assert given is not None and feed(client, given).status_code == 200
    assert link_on(client.get("/calendar/")) == given  # the same link on every visit
    client.post("/calendar/", {"link": "new"})
    rotated = link_on(client.get("/calendar/"))
    assert rotated is not None and rotated != given
    assert_no_data(feed(client, given))
    client.post("/calendar/", {"link": "revoke"})
    stopped = client.get("/calendar/")
    assert link_on(stopped) is None and b"was stopped on" in stopped.content
    assert_no_data(feed(client, rotated))


def test_the_page_offers_a_new_link_once_the_old_has_expired(
    lead: Person, client: Client, settings
):
    issued = timezone.now() - dt.timedelta(days=settings.AREASEND_CALENDAR_TOKEN_DAYS + 1)
    do_issue_calendar_token(lead.user, lead, now=issued)
    client.force_login(lead.user)
    page = client.get("/calendar/")
    assert link_on(page) is None
    assert b"expired on" in page.content and b"Get a calendar link" in page.content


def test_the_page_refuses_an_unknown_choice_and_changes_nothing(lead: Person, client: Client):
    client.force_login(lead.user)
    before = database_dump()
    assert client.post("/calendar/", {"link": "everything"}).status_code == 400
    assert client.post("/calendar/", {"link": "revoke"}).status_code == 400  # nothing to stop
    assert database_dump() == before
    assert not CalendarToken.objects.exists()
