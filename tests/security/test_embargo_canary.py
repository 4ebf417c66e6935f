"""The embargo holds on every channel: a canary text in an inspection's draft findings,
weaknesses and letter is absent from every answer (pages, downloads, feeds, calendars, the
API, the admin) and every email until the letter is published, for the public and for every
role outside the inspection team; the team sees it; once published through casework, the
weakness shows where the public reads it, which proves the crawl reaches those places.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import pypdfium2
import pytest
from django.contrib import admin
from django.core import mail
from django.test import Client

from areasend.accounts.models import Person
from areasend.alerts.services import send_alerts
from areasend.casework import clock
from areasend.reminders.calendars import do_issue_calendar_token
from areasend.reminders.services import send_reminders
from tests.security import casework, crawl

_LINK = re.compile(r"https?://[^/\s]+(/[^\s)\"'<>]*)")


def text_of(response: Any) -> str:
    """What a reader of the answer sees: the text of a page, a PDF or a spreadsheet."""
    body = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        pdf = pypdfium2.PdfDocument(body)
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    if "opendocument" in kind or body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as ods:
            return "\n".join(ods.read(n).decode("utf-8", "replace") for n in ods.namelist())
    return body.decode("utf-8", "replace")


def links_in(text: str) -> list[str]:
    return [m.group(1) for m in _LINK.finditer(text)]


def email_text(message: mail.EmailMessage) -> str:
    parts = [str(message.subject), str(message.body)]
    parts += [str(content) for content, _ in getattr(message, "alternatives", [])]
    return "\n".join(parts)


@pytest.fixture
def world(db: None, client: Client) -> dict[str, Any]:
    """The `make data` world; a member of the public following Sheffield (signed up and
    confirmed through the pages) before its inspection; the inspection under embargo."""
    casework.load_world()
    assert (
        client.post("/areas/sheffield/follow/", {"email": "parent@example.org"}).status_code == 200
    )
    confirm = next(p for p in links_in(email_text(mail.outbox[-1])) if "/alerts/confirm/" in p)
    assert client.post(confirm).status_code == 200
    embargoed = casework.embargoed_inspection()
    casework.load_casework()
    return {"embargoed": embargoed, "links": [confirm]}


def get_urls(values: crawl.Values) -> Iterator[str]:
    """Every address that answers a GET, with real path values."""
    for route in crawl.routes():
        if route.is_admin or "token" in route.params:
            continue  # the admin and the token addresses are asked for separately
        for filling in values.real(route):
            yield route.fill(filling)


def admin_urls() -> Iterator[str]:
    """Each registered model's list, searched for the canary's prefix too (the full canary
    would be echoed back in the search box), and the change page of every row, or of the
    newest 40 of a big table (an inspection's own records are among the newest)."""
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        yield base
        yield f"{base}?q=CANARY"
        rows = model._default_manager.order_by("-pk").values_list("pk", flat=True)
        for pk in rows if rows.count() <= 200 else rows[:40]:
            yield f"{base}{pk}/change/"
        yield from (f"{base}{pk}/history/" for pk in rows[:1])


def token_urls(client: Client, who: str) -> list[str]:
    """The person's own calendar feed, from the page that gives it them."""
    if who == "anonymous":
        return []
    # A calendar link exists once its person asks for one (ADR 0024): ask, as the page offers.
    person = Person.objects.get(user__username=who)
    do_issue_calendar_token(person.user, person)
    page = client.get("/calendar/")
    found = [
        m.group(1) for m in re.finditer(r"(/calendar/people/[^\s\"<]+\.ics)", page.content.decode())
    ]
    assert found, f"{who} has no calendar feed: the sweep would miss it"
    return found


def outsiders() -> list[str]:
    return ["anonymous", *(p for p in crawl.PEOPLE if p not in casework.TEAM)]


def sightings(client: Client, urls: list[str], canary: str) -> list[str]:
    seen = []
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if canary in text_of(response):
            seen.append(f"{url} ({response.status_code})")
    return seen


def test_the_canary_is_absent_from_every_answer_and_email_outside_the_team(
    world: dict[str, Any],
) -> None:
    canary: str = world["embargoed"].canary
    values = crawl.gather_values()
    urls = list(get_urls(values)) + world["links"]
    leaks: list[str] = []
    for who in outsiders():
        user = crawl.people()[who]
        client = crawl.signed_in(user)
        mine = urls + token_urls(client, who)
        if who == "admin":
            mine += list(admin_urls())
        leaks += [f"as {who}: {where}" for where in sightings(client, mine, canary)]
    # Everything that is emailed: alerts to the follower and everyone's reminders.
    mail.outbox.clear()
    send_alerts()
    send_reminders(clock.today())
    assert mail.outbox, "no email was sent: the sweep would prove nothing about email"
    leaks += [f"email to {m.to}: {m.subject}" for m in mail.outbox if canary in email_text(m)]
    assert not leaks, f"the draft's canary {canary} is shown outside the team:\n" + "\n".join(leaks)


def test_the_inspection_team_sees_the_canary_on_their_casework(world: dict[str, Any]) -> None:
    embargoed = world["embargoed"]
    ref = embargoed.inspection.reference
    for who in casework.TEAM:
        client = crawl.signed_in(crawl.people()[who])
        pages = [
            f"/inspections/{ref}/",
            f"/inspections/{ref}/findings/",
            f"/inspections/{ref}/letter/",
        ]
        assert sightings(client, pages, embargoed.canary), f"{who} cannot see their own drafts"


def test_once_published_through_casework_the_weakness_is_public(world: dict[str, Any]) -> None:
    embargoed = world["embargoed"]
    casework.publish(embargoed)
    public = Client()
    gss = embargoed.inspection.area.gss_code
    where = [
        "/areas/sheffield/",
        "/data/weaknesses.csv",
        "/data/weaknesses.ods",
        f"/api/weaknesses?area={gss}",
    ]
    seen = sightings(public, where, embargoed.canary)
    assert {s.split(" ")[0] for s in seen} == set(where)
