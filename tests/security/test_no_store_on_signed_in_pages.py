"""Every answer to a signed-in person says `Cache-Control: no-store, private` (their pages carry
their name, and the inspection team's carry drafts under embargo), while anonymous public pages
keep their caching: the server's public page cache and the API's public, validated reads."""

from __future__ import annotations

import re
from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from areasend.accounts.models import Person
from areasend.inspections.models import Inspection

pytestmark = pytest.mark.django_db

#: Who signs in: each role, and for the inspection, the team (lead, cqc) and those off it.
ROLES = ["planner", "lead", "cqc", "inspector", "rotherham", "dfe", "admin"]
#: Pages beyond those reached by links from the landing page, per the role's work.
SEEDS = ["/due/", "/inspections/", "/calendar/", "/letters/", "/improvement/", "/admin/", "/"]
#: Pages of one URL pattern visited (every area's page is alike); the walk's overall bound.
PER_PATTERN = 2
PAGES_PER_ROLE = 200
HREF = re.compile(r'href="([^"#]+)"')
SKIP = ("/static/", "/accounts/logout", "/admin/logout", "/admin/jsi18n")


def pattern(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return path


def crawl(client: Client, seeds: list[str]) -> dict[str, str]:
    """Every kind of page reachable by links from the seeds (GET only, this site only, a few
    of each URL pattern): its Cache-Control, or "" when it has none."""
    seen: dict[str, str] = {}
    per_pattern: Counter[str] = Counter()
    queue = deque(seeds)
    while queue and len(seen) < PAGES_PER_ROLE:
        path = queue.popleft()
        if path in seen or path.startswith(SKIP) or per_pattern[pattern(path)] >= PER_PATTERN:
            continue
        per_pattern[pattern(path)] += 1
        response = client.get(path)
        seen[path] = response.get("Cache-Control", "")
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for href in HREF.findall(response.content.decode()):
                target = urlsplit(urljoin(path, href.replace("&amp;", "&")))
                if target.netloc in ("", "testserver") and target.path.startswith("/"):
                    queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_signed_in_person_reaches_says_no_store(
    username: str, people: dict[str, Person], notified: Inspection, client: Client
):
    client.force_login(people[username].user)
    ref = notified.reference
    extra = [f"/inspections/{ref}/", f"/inspections/{ref}/findings/", f"/inspections/{ref}/letter/"]
    pages = crawl(client, [*SEEDS, *extra, f"/inspections/{ref}/letter.pdf", "/api/areas"])
    assert len(pages) > 10, pages  # the walk reached the role's pages, not just the seeds
    cached = {path: value for path, value in pages.items() if value != "no-store, private"}
    assert cached == {}


def test_the_inspection_teams_embargoed_pages_and_download_say_no_store(
    people: dict[str, Person], notified: Inspection, client: Client
):
    client.force_login(people["lead"].user)
    ref = notified.reference
    for path in (f"/inspections/{ref}/findings/", f"/inspections/{ref}/letter/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Cache-Control"] == "no-store, private", path
        assert "Expires" not in response, path


def test_a_signed_in_api_read_loses_its_public_max_age(people: dict[str, Person], client: Client):
    anonymous = client.get("/api/areas")
    assert anonymous["Cache-Control"] and "no-store" not in anonymous["Cache-Control"]
    client.force_login(people["planner"].user)
    assert client.get("/api/areas")["Cache-Control"] == "no-store, private"


@pytest.mark.parametrize(
    "path", ["/", "/areas/", "/areas/rotherham/", "/dashboard/", "/calendar/areas/rotherham.ics"]
)
def test_anonymous_public_pages_are_not_marked_no_store_and_stay_in_the_page_cache(
    path: str, client: Client, django_assert_max_num_queries
):
    first = client.get(path)
    assert first.status_code == 200
    assert "no-store" not in first.get("Cache-Control", "")
    if path.endswith(".ics"):
        return  # not a cached page; its headers are what was checked
    # The repeat is answered by the public page cache: the data version query and nothing else.
    with django_assert_max_num_queries(1):
        again = client.get(path)
    assert again.content == first.content
    assert "no-store" not in again.get("Cache-Control", "")


def test_anonymous_api_reads_keep_their_public_caching(client: Client):
    response = client.get("/api/areas")
    assert response.status_code == 200
    # Whatever the API's own policy says (issue 14 moves it to revalidation), not this one's.
    assert response["Cache-Control"] and "no-store" not in response["Cache-Control"]
    assert client.get("/api/areas", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
