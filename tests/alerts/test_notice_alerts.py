"""Followers are told when an inspection is announced, as when a letter is published: once
each, by email and in the national and area feeds, with nothing under embargo."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from areasend.accounts.models import Person
from areasend.alerts.models import Subscription
from areasend.alerts.services import send_alerts
from areasend.areas.models import LocalArea
from areasend.framework.events import Framework, InspectionKind
from areasend.inspections.models import Inspection
from areasend.inspections.services import (
    do_add_finding,
    do_create_inspection,
    do_decide_deferral,
    do_plan_inspection,
    do_request_deferral,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
CANARY = "CANARY-4410 draft finding under embargo"


@pytest.fixture
def people() -> dict[str, Person]:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    return {p.user.username: p for p in Person.objects.select_related("user")}


def _follow(email: str, slug: str) -> Subscription:
    return Subscription.objects.create(
        email=email, area=LocalArea.objects.get(slug=slug), confirmed_at=timezone.now()
    )


def _notify(people: dict[str, Person], slug: str = "sheffield") -> Inspection:
    return do_create_inspection(
        people["lead"].user,
        area=LocalArea.objects.get(slug=slug),
        kind=InspectionKind.FULL,
        framework=Framework.F2023,
        notified_on=dt.date(2026, 11, 30),
    )


def _entries(client: Client, url: str) -> list[ET.Element]:
    return list(ET.fromstring(client.get(url).content).iter(f"{ATOM}entry"))


def _surveys(inspection: Inspection) -> str:
    """The survey page's full address, as an email or a feed reader needs it."""
    site = settings.AREASEND_SITE_URL.rstrip("/")
    assert site.startswith("http")
    return f"{site}/inspections/{inspection.reference}/surveys/"


def test_each_follower_is_emailed_the_announcement_once(people: dict[str, Person]) -> None:
    _follow("one@example.org", "sheffield")
    _follow("two@example.org", "sheffield")
    _follow("elsewhere@example.org", "kent")
    inspection = _notify(people)
    do_add_finding(
        people["lead"].user, inspection, question="better", kind="significant", text=CANARY
    )
    assert send_alerts() == 2
    emails = {m.to[0]: m for m in mail.outbox}
    assert set(emails) == {"one@example.org", "two@example.org"}
    for message in emails.values():
        assert message.subject == "Sheffield: inspection announced"
        assert (
            "announced an inspection of Sheffield's SEND services on 30 November 2026"
            in message.body
        )
        assert "Surveys open 1 December to 4 December 2026" in message.body
        assert "the last day to answer is Friday 4 December." in message.body
        assert f"Give your views: {_surveys(inspection)}" in message.body
        assert "/areas/sheffield/#notice-week" in message.body
        assert CANARY not in message.body
    assert send_alerts() == 0  # once each
    assert len(mail.outbox) == 2


def test_a_planned_inspection_sends_nothing(people: dict[str, Person]) -> None:
    _follow("one@example.org", "sheffield")
    do_plan_inspection(
        people["lead"].user,
        area=LocalArea.objects.get(slug="sheffield"),
        kind=InspectionKind.FULL,
        framework=Framework.F2023,
        planned_week=dt.date(2026, 11, 30),
    )
    assert send_alerts() == 0
    assert mail.outbox == []


def test_the_national_and_area_feeds_carry_the_announcement(
    client: Client, people: dict[str, Person]
) -> None:
    inspection = _notify(people)
    for url in ("/feed.atom", "/areas/sheffield/feed.atom"):
        entries = [
            e for e in _entries(client, url)
            if e.findtext(f"{ATOM}title") == "Sheffield: inspection announced"
        ]  # fmt: skip
        assert len(entries) == 1, url
        summary = entries[0].findtext(f"{ATOM}summary") or ""
        assert f"{inspection.proposed_onsite_start:%-d %B}" in summary
        assert "Surveys open 1 December to 4 December 2026" in summary
        assert "the last day to answer is Friday 4 December." in summary
        assert f"Give your views: {_surveys(inspection)}" in summary
        key = f"{inspection.area.gss_code}|{inspection.reference}|2026-11-30|inspection_notified"
        assert entries[0].findtext(f"{ATOM}id") == f"areasend:{key}"
    assert not any(
        "Sheffield" in (e.findtext(f"{ATOM}title") or "")
        for e in _entries(client, "/areas/kent/feed.atom")
    )


def test_a_deferred_inspection_is_no_longer_announced(
    client: Client, people: dict[str, Person]
) -> None:
    inspection = _notify(people)
    do_request_deferral(
        people["sheffield"].user, inspection, requested_on=dt.date(2026, 11, 30), reason="Flood"
    )
    do_decide_deferral(
        people["planner"].user, inspection, decided_on=dt.date(2026, 12, 1), granted=True,
        reason="The offices are flooded",
    )  # fmt: skip
    titles = [e.findtext(f"{ATOM}title") for e in _entries(client, "/areas/sheffield/feed.atom")]
    assert "Sheffield: inspection announced" not in titles
