"""iCalendar feeds of upcoming dates: one per area (public) and one per person (secret link).

An area's obligations come only from its public history, so its feed is public.
A person's feed mixes areas and casework, so its address carries a signed
token instead of a sign-in (calendar programs cannot sign in).
"""

from __future__ import annotations

import datetime as dt

from django.core import signing
from icalendar import Calendar, Event

from areasend.accounts.models import Person
from areasend.areas.history import area_status
from areasend.areas.models import LocalArea
from areasend.framework.status import Obligation
from areasend.inspections.due import obligations_for

_SALT = "areasend.reminders.calendar"


def person_token(person: Person) -> str:
    return signing.dumps(person.pk, salt=_SALT)


def person_from_token(token: str) -> Person | None:
    try:
        pk = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    return Person.objects.select_related("user").filter(pk=pk, user__is_active=True).first()


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
    calendar = _calendar(f"areasend: due for {person.user.get_full_name()}")
    for row in obligations_for(person.user, today):
        calendar.add_component(_event(row.area, row.obligation, now))
    return bytes(calendar.to_ical())
