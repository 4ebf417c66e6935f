"""Every demo person signs in, lands on their role's page and follows every link of their
menu and landing page: the permission table offered them none that refuses them."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from areasend.accounts.models import Person
from areasend.staff.menu import menu_for
from tests.otp import force_login_verified

LINK = re.compile(rb'<a [^>]*href="([^"#]*)"')
#: Where each demo person lands after signing in.
LANDINGS = {
    "admin": "/staff/people/",
    "dfe": "/staff/areas/",
    "nhse": "/staff/areas/",
    "lead": "/inspections/",
    "inspector": "/inspections/",
    "cqc": "/inspections/",
    "planner": "/due/",
    "rotherham": "/due/",
    "medway": "/due/",
}


def _signed_in(person: Person) -> Client:
    client = Client()
    if person.user.is_staff:  # the admin opens only to a session verified with a second factor
        force_login_verified(client, person.user)
    else:
        client.force_login(person.user)
    return client


def _internal_links(body: bytes) -> set[str]:
    found = set()
    for raw in LINK.findall(body):
        href = raw.decode().replace("&amp;", "&")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/") or href.startswith("/static/"):
            continue
        found.add(href)
    return found


@pytest.mark.django_db
def test_every_role_lands_on_its_page_and_no_menu_or_landing_link_refuses_them() -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    people = Person.objects.select_related("user", "organisation")
    assert people.count() >= 13
    failures, followed = [], 0
    for person in people:
        client = _signed_in(person)
        name = person.user.username
        landed = client.get(reverse("staff:home"))
        assert landed.status_code == 302, name
        landing = landed["Location"]
        if name in LANDINGS:
            assert landing == LANDINGS[name], name
        page = client.get(landing)
        assert page.status_code == 200, f"{name} lands on {landing}: {page.status_code}"
        menu = {link.href for link in menu_for(person.user)}
        assert menu, f"{name} has an empty menu"
        # The admin's pages are Django's own: the service menu is on every other page.
        service_page = client.get(reverse("register:area_list")).content
        assert menu <= _internal_links(service_page), f"{name}'s menu is not on the page"
        for href in sorted(_internal_links(page.content) | menu):
            if href.startswith("/accounts/logout"):
                continue
            status = client.get(href).status_code
            followed += 1
            if status in (403, 404) or status >= 500:
                failures.append(f"{name}: {href} answers {status}")
    assert failures == [], "\n".join(failures)
    assert followed > 13 * 3


@pytest.mark.django_db
def test_advisers_are_not_offered_inspections_and_the_administrator_is_offered_people() -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    by_name = {p.user.username: p.user for p in Person.objects.select_related("user")}
    adviser = {link.text for link in menu_for(by_name["dfe"])}
    assert "Inspections" not in adviser
    assert "Areas you support" in adviser
    planner = {link.text for link in menu_for(by_name["planner"])}
    assert {"Planner", "Letters to review", "What is due", "Plans", "Watcher"} <= planner
    officer = {link.text for link in menu_for(by_name["rotherham"])}
    assert "Your area's plans" in officer and "Planner" not in officer
    admin = by_name["admin"]
    # Without a second factor the admin (and so People) is shut: the menu does not offer it.
    assert "People" not in {link.text for link in menu_for(admin)}
    admin.is_verified = lambda: True  # type: ignore[attr-defined]  # what django-otp's middleware sets after a code
    assert "People" in {link.text for link in menu_for(admin)}
    assert "People" not in planner
