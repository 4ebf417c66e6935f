"""Following an area: Atom feeds, double opt-in, one-click unsubscribe, each alert once."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from areasend.alerts.models import AlertSent, Subscription
from areasend.alerts.services import send_alerts
from areasend.areas.event_log import do_import_history

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
KENT_LETTER = (
    '{"area": "Kent", "date": "2019-01-21", "event": "inspection_notified", "inspection": "k", "kind": "full", "framework": "2016"}\n'
    '{"area": "Kent", "date": "2019-01-28", "event": "fieldwork_started", "inspection": "k"}\n'
    '{"area": "Kent", "date": "2019-02-01", "event": "fieldwork_ended", "inspection": "k"}\n'
    '{"area": "Kent", "date": "2019-03-29", "event": "letter_published", "inspection": "k", "outcome": "wsoa", "weaknesses": ["Joint commissioning"]}\n'
)  # fmt: skip


def _link(text: str, name: str) -> str:
    found = re.search(rf"https?://[^/\s]+(/alerts/{name}/[^/\s]+/)", text)
    assert found, text
    return found.group(1)


def test_the_national_and_area_feeds_list_publications_newest_first(client: Client) -> None:
    call_command("load_demo", stdout=io.StringIO())
    feed = ET.fromstring(client.get("/feed.atom").content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles and all(":" in t for t in titles if t)
    area = client.get("/areas/medway/feed.atom")
    assert area["Content-Type"].startswith("application/atom+xml")
    entries = list(ET.fromstring(area.content).iter(f"{ATOM}entry"))
    assert entries
    assert all("Medway" in (e.findtext(f"{ATOM}title") or "") for e in entries)
    assert client.get("/areas/nowhere/feed.atom").status_code == 404


def test_double_opt_in_then_each_publication_once_then_one_click_unsubscribe(
    client: Client,
) -> None:
    page = client.post("/areas/kent/follow/", {"email": "Parent@Example.org"})
    assert "Check your email" in page.content.decode()
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.confirmed_at) == ("parent@example.org", None)
    confirm = _link(str(mail.outbox[0].body), "confirm")
    # Opening the link (a mail scanner would) changes nothing; the button does.
    assert client.get(confirm).status_code == 200
    assert Subscription.objects.get().confirmed_at is None
    client.post(confirm)
    assert Subscription.objects.get().confirmed_at is not None
    assert send_alerts() == 0  # nothing published since confirming
    do_import_history(KENT_LETTER)
    assert send_alerts() == 1
    alert = mail.outbox[-1]
    assert "written statement of action" in alert.body
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert send_alerts() == 0  # each publication once
    assert AlertSent.objects.count() == 1
    stop = _link(str(alert.body), "stop")
    response = Client(enforce_csrf_checks=True).post(stop, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()  # the address is deleted
    assert client.post(stop).status_code == 404


def test_a_bad_address_or_a_forged_link_is_refused(client: Client) -> None:
    response = client.post("/areas/kent/follow/", {"email": "not an address"})
    assert response.status_code == 400
    assert "correct format" in response.content.decode()
    assert not Subscription.objects.exists()
    assert client.post("/alerts/confirm/forged/").status_code == 404
    assert client.post("/alerts/stop/forged/").status_code == 404


def test_an_unconfirmed_address_is_deleted_after_a_week(client: Client) -> None:
    import datetime as dt

    from django.utils import timezone

    client.post("/areas/kent/follow/", {"email": "someone@example.org"})
    Subscription.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    send_alerts()
    assert not Subscription.objects.exists()
