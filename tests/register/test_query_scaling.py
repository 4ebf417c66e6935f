"""Every public page and API read runs the same number of queries for six areas' histories as
for the whole national history: no query per area, inspection or event (no N+1)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from areasend.areas.models import HistoryEvent
from tests.queries import queries_for

PATHS = (
    "/",
    "/areas/",
    "/areas/?region=South+East",
    "/areas/?q=Medwya",
    "/areas/?outcome=wsoa&framework=2016&year=2018",
    "/areas/kent/",
    "/areas/medway/",
    "/areas/medway/timeline/",
    "/dashboard/",
    "/data/inspections.csv",
    "/data/weaknesses.csv",
    "/feed.atom",
    "/areas/kent/feed.atom",
    "/api/areas",
    "/api/areas/E10000016",
    "/api/inspections?year=2019",
    "/api/weaknesses",
)


@pytest.mark.django_db
def test_public_reads_run_as_many_queries_for_the_national_history_as_for_six_areas(
    client: Client,
) -> None:
    call_command("load_demo", stdout=io.StringIO())
    small_events = HistoryEvent.objects.count()
    small = {path: queries_for(client, path) for path in PATHS}
    call_command("load_national", stdout=io.StringIO())
    assert HistoryEvent.objects.count() > 2 * small_events
    large = {path: queries_for(client, path) for path in PATHS}
    assert large == small
