"""The API: reads through the register's datasets with caching headers; token-guarded writes."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from areasend.accounts.models import Person
from areasend.api.models import ApiToken
from areasend.areas.models import HistoryEvent

pytestmark = pytest.mark.django_db
KENT = "E10000016"


@pytest.fixture
def demo() -> None:
    call_command("load_demo", stdout=io.StringIO())


def test_areas_are_filtered_and_paginated(client: Client, demo: None) -> None:
    page = client.get("/api/areas", {"region": "South East", "limit": "5"}).json()
    assert page["count"] > 5 and len(page["items"]) == 5
    assert {a["region"] for a in page["items"]} == {"South East"}
    named = client.get("/api/areas", {"name": "kent"}).json()["items"]
    assert [a["area_name"] for a in named] == ["Kent"]
    assert named[0]["latest_outcome"] == "wsoa"
    former = client.get("/api/areas", {"current": "false"}).json()["items"]
    assert former and all(a["valid_to"] for a in former)
    assert len(client.get("/api/areas", {"limit": 9999}).json()["items"]) <= 500


def test_an_area_has_its_status_and_its_history_as_json_lines(
    client: Client, demo: None, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        kent = client.get(f"/api/areas/{KENT}").json()
    assert kent["area"]["area_name"] == "Kent" and kent["state"]
    assert all({"rule", "due", "who"} <= set(o) for o in kent["obligations"])
    history = client.get(f"/api/areas/{KENT}/history")
    assert history["Content-Type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in history.content.decode().splitlines()]
    assert len(lines) == HistoryEvent.objects.filter(area__gss_code=KENT).count()
    assert client.get("/api/areas/E99999999").status_code == 404


def test_inspections_and_progress_are_the_datasets_rows(client: Client, demo: None) -> None:
    rows = client.get("/api/inspections", {"area": KENT, "kind": "revisit"}).json()["items"]
    assert [r["inspection"] for r in rows] == ["kent-revisit-2022"]
    assert rows[0]["revisit_result"] == "none"
    csv_rows = client.get("/data/inspections.csv").content.decode().count("kent-revisit-2022")
    assert csv_rows == 1
    progress = client.get("/api/progress", {"area": KENT}).json()["items"]
    assert progress and not any(p["sufficient"] for p in progress)


def test_a_repeat_read_with_the_etag_is_not_modified(
    client: Client, demo: None, django_assert_max_num_queries: Any
) -> None:
    first = client.get("/api/areas")
    with django_assert_max_num_queries(4):  # the data version and newest event: no rebuild
        assert client.get("/api/areas").content == first.content
    # Shared caches may keep it but must revalidate: never stale after a publication.
    assert set(first["Cache-Control"].split(", ")) == {"public", "no-cache"}
    assert first["Last-Modified"]
    again = client.get("/api/areas", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    call_command("load_national", stdout=io.StringIO())
    assert client.get("/api/areas", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


EVENT = {"date": "2019-05-01", "event": "support_visit", "by": "dfe_nhse"}


def _token(username: str) -> str:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    return ApiToken.issue(Person.objects.get(user__username=username).user, "test")[1]


def _post(client: Client, url: str, events: list[dict[str, str]], token: str | None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post(
        url, json.dumps({"events": events}), content_type="application/json", headers=headers
    )


def test_writing_needs_a_valid_token_and_the_right(client: Client, demo: None) -> None:
    url = f"/api/areas/{KENT}/events"
    before = HistoryEvent.objects.count()
    assert _post(client, url, [EVENT], None).status_code == 401
    assert _post(client, url, [EVENT], "not-a-token").status_code == 401
    assert _post(client, url, [EVENT], _token("rotherham")).status_code == 403
    revoked, plain = ApiToken.issue(Person.objects.get(user__username="planner").user, "old")
    ApiToken.objects.filter(pk=revoked.pk).update(revoked=True)
    assert _post(client, url, [EVENT], plain).status_code == 401
    assert HistoryEvent.objects.count() == before


def test_a_planner_records_an_allowed_event_and_a_refused_one_changes_nothing(
    client: Client, demo: None
) -> None:
    url = f"/api/areas/{KENT}/events"
    token = _token("planner")
    before = HistoryEvent.objects.count()
    refused = _post(client, url, [EVENT, {"date": "2019-05-02", "event": "no_such_event"}], token)
    assert refused.status_code == 422
    assert refused.json()["problems"][0]["line"] == 2
    forbidden = {"date": "2019-05-01", "event": "fieldwork_ended", "inspection": "nowhere"}
    rules = _post(client, url, [forbidden], token)
    assert rules.status_code == 422 and "nowhere" in rules.json()["problems"][0]["message"]
    assert HistoryEvent.objects.count() == before
    done = _post(client, url, [EVENT], token)
    assert done.status_code == 201 and done.json()["added"] == 1
    assert HistoryEvent.objects.count() == before + 1
    assert HistoryEvent.objects.latest("pk").source.startswith("api:planner")


def test_the_openapi_schema_is_served(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/areas", "/api/inspections", "/api/areas/{gss_code}/events"} <= set(
        schema["paths"]
    )
    assert client.get("/api/docs").status_code == 404  # the CDN-based page is off
    index = client.get("/api/").json()
    assert index["schema_url"].endswith("/api/openapi.json") and "/api/areas" in index["endpoints"]
