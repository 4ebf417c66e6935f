"""iCalendar feeds of upcoming dates: one per area (public) and one per person (secret link).

An area's obligations come only from its public history, so its feed is public.
A person's feed mixes areas and casework, so its address carries a token instead of a
sign-in (calendar programs cannot sign in). The token names a ``CalendarToken`` row and its
random nonce, signed: it answers until it expires (AREASEND_CALENDAR_TOKEN_DAYS) or is revoked
by the person or an administrator, and issuing or revoking one is audited
(docs/decisions/0024-safe-by-default.md).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from icalendar import Calendar, Event

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.models import Person
from areasend.accounts.permissions import Action, User, can, person_of
from areasend.areas.event_log import area_status
from areasend.areas.models import LocalArea
from areasend.framework.status import Obligation
from areasend.inspections.due import obligations_for
from areasend.reminders.models import CalendarToken

# A new salt: the addresses of the earlier form (a bare signed person id) no longer answer.
_SALT = "areasend.reminders.calendar-token"


def address_token(token: CalendarToken) -> str:
    """The secret part of the feed's address for this token. Without a timestamp (unlike
    ``signing.dumps``), so the page shows the same address on every visit."""
    return signing.Signer(salt=_SALT).sign_object([token.pk, token.nonce])


def current_token(person: Person, now: dt.datetime) -> CalendarToken | None:
    """The person's token that answers now, if any."""
    return person.calendar_tokens.filter(revoked_at__isnull=True, expires_at__gt=now).first()


def latest_token(person: Person) -> CalendarToken | None:
    """The person's newest token, answering or not (for the page to say what became of it)."""
    return person.calendar_tokens.first()


def person_from_token(token: str, now: dt.datetime) -> Person | None:
    """The person whose live token this is; None for anything else, expired or revoked."""
    try:
        value = signing.Signer(salt=_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if not (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], int)
        and isinstance(value[1], str)
    ):
        return None
    row = (
        CalendarToken.objects.select_related("person__user")
        .filter(
            pk=value[0], revoked_at__isnull=True, expires_at__gt=now, person__user__is_active=True
        )
        .first()
    )
    if row is None or not constant_time_compare(row.nonce, value[1]):
        return None
    return row.person


def _record(token: CalendarToken) -> dict[str, Any]:
    """The audit snapshot of a token, without its nonce: the trail must not hold the secret."""
    data = snapshot(token) or {}
    data.pop("nonce", None)
    return data


def _revoke(actor: User, token: CalendarToken, now: dt.datetime) -> None:
    before = _record(token)
    token.revoked_at = now
    token.revoked_by_id = actor.pk if actor.is_authenticated else None
    token.save(update_fields=["revoked_at", "revoked_by"])
    area = token.person.organisation.area
    audit(actor, "revoke_calendar_token", token, area=area, before=before, after=_record(token))


@transaction.atomic
def do_issue_calendar_token(
    actor: User, person: Person, *, now: dt.datetime | None = None
) -> CalendarToken:
    """A new calendar address for the person, who alone may ask for one; the address that
    answered until now stops answering."""
    if person_of(actor) != person:
        raise PermissionDenied("Only the person may get a calendar link for themselves.")
    now = now or timezone.now()
    for old in person.calendar_tokens.select_for_update().filter(
        revoked_at__isnull=True, expires_at__gt=now
    ):
        _revoke(actor, old, now)
    token = CalendarToken.objects.create(
        person=person,
        nonce=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.AREASEND_CALENDAR_TOKEN_DAYS),
    )
    area = person.organisation.area
    audit(actor, "issue_calendar_token", token, area=area, before=None, after=_record(token))
    return token


@transaction.atomic
def do_revoke_calendar_token(
    actor: User, token: CalendarToken, *, now: dt.datetime | None = None
) -> None:
    """Stop a calendar address answering: its person's own, or anyone's for an administrator."""
    if person_of(actor) != token.person and not can(actor, Action.CALENDAR_REVOKE):
        raise PermissionDenied("Only the person or an administrator may revoke a calendar link.")
    token = CalendarToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError("This calendar link is already revoked.")
    _revoke(actor, token, now or timezone.now())


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//areasend//obligations//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(area: LocalArea, ob: Obligation, now: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{area.gss_code}-{ob.rule}-{ob.inspection or 'area'}-{ob.due}@areasend")
    event.add("dtstamp", now)
    event.add("dtstart", ob.due)
    event.add("dtend", ob.due + dt.timedelta(days=1))
    event.add("summary", f"{area.name}: {ob.what}")
    event.add("description", f"Due from {ob.who} ({ob.rule}).")
    return event


def area_feed(area: LocalArea, today: dt.date, now: dt.datetime) -> bytes:
    calendar = _calendar(f"{area.name}: SEND inspection dates")
    for ob in area_status(area, today).public_upcoming:
        calendar.add_component(_event(area, ob, now))
    return bytes(calendar.to_ical())


def person_feed(person: Person, today: dt.date, now: dt.datetime) -> bytes:
    calendar = _calendar(f"areasend: due for {person.name}")
    for row in obligations_for(person.user, today):
        calendar.add_component(_event(row.area, row.obligation, now))
    return bytes(calendar.to_ical())
