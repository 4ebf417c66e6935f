"""No address answers 500 to bad input: every URL pattern of the project (the admin and the
API included), with real and bad path values, asked by the public and by every role with
malformed, empty, huge and out-of-range query strings, and (where it has a form, or takes
only POST) posted empty and malformed bodies.

The data is the `make data` world plus an inspection under embargo, loaded once for the
module; each test (one per URL pattern) rolls back what its own posts changed.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import pytest
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.utils.datastructures import MultiValueDict

from tests.security import casework, crawl

ROUTES = crawl.routes()

#: Query values that have broken parsers: empty, dates of year 1 and 9999 and impossible
#: days, negative, huge and non-finite numbers, a very long text, a NUL, a list where one is
#: expected. Each is put raw into the query string, so "%ff" is a non-UTF-8 escape.
BAD_VALUES = (
    "",
    "9999-12-27",
    "0001-01-01",
    "2026-02-30",
    "-1",
    "99999999999999999999999",
    "1e309",
    "%ff%fe%00",
    "x" * 5000,
)
#: The few of them put into every name at once, and into a form's every field.
BROAD_VALUES = ("9999-12-27", "-1", "99999999999999999999999", "%ff%fe%00", "x" * 5000)
#: Answers that read no parameter and cost a full export: asked by fewer people.
DOWNLOADS = (".csv", ".ods", ".json", ".jsonl", ".atom", ".ics", ".pdf")
#: Names some view reads from the query string (the resolver cannot say which): each bad
#: value goes into all of them at once, and into each name a view is seen to read, alone.
COMMON_KEYS = (
    "start", "weeks", "q", "page", "page_size", "limit", "offset", "year", "region",
    "framework", "outcome", "area", "theme", "kind", "status", "since", "next", "o", "p", "e",
    "all", "_to_field", "_popup", "_changelist_filters", "format",
)  # fmt: skip


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The world, built once in a transaction that is rolled back after the module; each
    test's own transaction is a savepoint inside it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            casework.load_world()
            embargoed = casework.embargoed_inspection()
            casework.load_casework()
            yield {
                "values": crawl.gather_values(),
                "people": crawl.people(),
                "embargoed": embargoed,
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


#: Reads of the query string that name no key: a view using them may read any name.
_WHOLESALE = ("items", "lists", "keys", "values", "dict", "copy", "__iter__", "urlencode")


@contextmanager
def reads() -> Iterator[set[str]]:
    """The names a request reads from its query string or form data ("*" for all of them)."""
    names: set[str] = set()
    by_key = {m: getattr(MultiValueDict, m) for m in ("get", "__getitem__", "getlist")}
    wholesale = {
        m: getattr(QueryDict if m == "urlencode" else MultiValueDict, m) for m in _WHOLESALE
    }
    contains = MultiValueDict.__contains__

    def spy(method: str) -> Any:
        def read(self: MultiValueDict[str, Any], key: Any, *args: Any, **kwargs: Any) -> Any:
            names.add(str(key))
            return by_key[method](self, key, *args, **kwargs)

        return read

    def spy_all(method: str) -> Any:
        def read(self: MultiValueDict[str, Any], *args: Any, **kwargs: Any) -> Any:
            names.add("*")
            return wholesale[method](self, *args, **kwargs)

        return read

    def has(self: MultiValueDict[str, Any], key: object) -> bool:
        names.add(str(key))
        return contains(self, key)

    patches = {m: spy(m) for m in by_key} | {m: spy_all(m) for m in wholesale}
    for method, patch in patches.items():
        setattr(QueryDict if method == "urlencode" else MultiValueDict, method, patch)
    MultiValueDict.__contains__ = has  # type: ignore[method-assign,assignment]
    try:
        yield names
    finally:
        for method, original in (by_key | wholesale).items():
            setattr(QueryDict if method == "urlencode" else MultiValueDict, method, original)
        MultiValueDict.__contains__ = contains  # type: ignore[method-assign]


def query(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(k)}={v}" for k, v in pairs)


def openapi_params(client: Client) -> set[str]:
    spec = json.loads(client.get("/api/openapi.json").content)
    return {
        p["name"]
        for operations in spec["paths"].values()
        for operation in operations.values()
        for p in operation.get("parameters", [])
        if p.get("in") == "query"
    }


class Sweep:
    """Asks, records every 500 with what was asked and by whom."""

    def __init__(self, clients: dict[str, Client]) -> None:
        self.clients = clients
        self.errors: list[str] = []
        self.asked = 0

    def get(self, who: str, path: str, qs: str = "") -> Any:
        url = f"{path}?{qs}" if qs else path
        response = self.clients[who].get(url)
        self._check(who, "GET", url, response)
        return response

    def post(self, who: str, path: str, body: str) -> Any:
        response = self.clients[who].post(
            path, data=body.encode("latin-1"), content_type="application/x-www-form-urlencoded"
        )
        self._check(who, "POST", f"{path} [{body[:80]}]", response)
        return response

    def post_json(self, who: str, path: str, body: str) -> Any:
        response = self.clients[who].post(path, data=body, content_type="application/json")
        self._check(who, "POST json", f"{path} [{body[:80]}]", response)
        return response

    def _check(self, who: str, method: str, url: str, response: Any) -> None:
        self.asked += 1
        if response.status_code >= 500:
            self.errors.append(f"{response.status_code} {method} {url[:200]} as {who}")


def _sweep_route(route: crawl.Route, world: dict[str, Any], extra_keys: set[str]) -> Sweep:
    values: crawl.Values = world["values"]
    everyone = list(world["people"])
    # The admin answers everyone but staff with its sign-in page: the rest add nothing.
    downloads = route.route.endswith(DOWNLOADS)
    askers = ["anonymous", "planner", "admin"] if route.is_admin or downloads else everyone
    sweep = Sweep({who: crawl.signed_in(world["people"][who]) for who in askers})
    turn = itertools.count()

    for filling in values.real(route):
        path = route.fill(filling)
        answered: list[str] = []
        fields: dict[str, str] = {}
        read: set[str] = set()
        post_only = False
        for who in askers:
            with reads() as names:
                response = sweep.get(who, path)
            read |= names
            if response.status_code == 200:
                answered.append(who)
                if "html" in response.get("Content-Type", ""):
                    fields |= crawl.form_fields(response.content.decode("utf-8", "replace"))
            post_only = post_only or response.status_code == 405
        # Bad queries: the page's own names alone, and every name at once. Each is asked
        # by the next person the page answers, so every role meets bad input in turn.
        # Every bad value in each name the view reads by name; the broad ones in every name
        # at once if it reads any (or the whole query); a few garbled queries regardless.
        keys = sorted(read & (set(COMMON_KEYS) | extra_keys))
        cases = [[(k, v)] for k in keys for v in BAD_VALUES]
        if keys or "*" in read:
            cases += [[(k, v) for k in COMMON_KEYS] for v in BROAD_VALUES]
        cases += [[("%ff", "1"), ("a", "%c3%28"), ("b[]", "")], [("start", "9999-12-27")]]
        for case in cases:
            who = answered[next(turn) % len(answered)] if answered else "anonymous"
            if who in sweep.clients:
                sweep.get(who, path, query(case))
        # Bad bodies: empty by everyone the form answered (or everyone, for a POST-only
        # view), then each malformed body by the next of them in turn.
        posters = answered if fields else (askers if post_only else [])
        bodies = ["%ff=%fe"] + [query([(k, v) for k in fields]) for v in BROAD_VALUES if fields]
        for who in posters:
            sweep.post(who, path, "")
        for body in bodies if posters else []:
            sweep.post(posters[next(turn) % len(posters)], path, body)
        if route.route.startswith("api/") and post_only:
            for body in ["", "{", "[]", '{"events": [{"date": "9999-12-31"}]}', "null"]:
                sweep.post_json(askers[0], path, body)

    # Addresses nothing has: every bad path value, from the public and the most able.
    for filling in values.bad(route):
        path = route.fill(filling)
        for who in ("anonymous", "admin"):
            if who in sweep.clients:
                sweep.get(who, path)
                sweep.post(who, path, "")
    return sweep


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_no_address_answers_500_to_bad_input(
    route: crawl.Route, world: dict[str, Any], db: None
) -> None:
    extra = openapi_params(Client()) if route.route.startswith("api/") else set()
    sweep = _sweep_route(route, world, extra)
    assert sweep.asked > 0
    assert not sweep.errors, f"{len(sweep.errors)} of {sweep.asked} answered 500:\n" + "\n".join(
        sweep.errors[:40]
    )
