"""The peer's table of 2023-framework reports (data-to-insight, June 2026) as the register's
own downloads give it: every row's area, inspection dates, outcome (or "not recorded") and
report link, read from the inspections CSV; and the coverage the register states."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.test import Client

from areasend.areas.models import LocalArea

PEER = "data/ofsted/area_send_2023_framework_latest_per_la_d2i_2026-06.csv"


def _peer(shared: Path) -> list[dict[str, str]]:
    with (shared / PEER).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _csv(client: Client, name: str) -> list[dict[str, str]]:
    body = client.get(f"/data/{name}.csv").content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.django_db
def test_every_row_of_the_peers_table_is_in_the_inspections_download(
    national: None, shared_dir: Path, client: Client
) -> None:
    rows = _peer(shared_dir)
    assert len(rows) == 41
    held = _csv(client, "inspections")
    wrong = []
    for row in rows:
        # The peer's GSS codes are not all right (Cumbria's for its successors): the URN is.
        area = LocalArea.objects.get(ofsted_urn=row["urn"])
        mine = [
            r
            for r in held
            if r["area_code"] == area.gss_code
            and r["framework"] == "2023"
            and r["kind"] == "full"
            and r["published"] == row["publication_date"]
        ]
        if len(mine) != 1:
            wrong.append(
                f"{row['local_authority']}: {len(mine)} rows published {row['publication_date']}"
            )
            continue
        r = mine[0]
        said = (r["reported_start"], r["reported_end"], r["outcome"], r["report_url"])
        expected = (
            row["inspection_start"],
            row["inspection_end"],
            row["outcome"],
            row["report_url"],
        )
        if said != expected:
            wrong.append(f"{row['local_authority']}: register {said}, peer {expected}")
        if "data-to-insight" not in r["source"]:
            wrong.append(f"{row['local_authority']}: the source does not name the peer's table")
    assert wrong == []


@pytest.mark.django_db
def test_what_the_peer_could_not_read_is_shown_as_not_recorded(
    national: None, client: Client
) -> None:
    cambridgeshire = client.get("/areas/cambridgeshire/").content.decode()
    assert 'Inspection dates</dt><dd class="govuk-summary-list__value">Not recorded here' in (
        cambridgeshire
    )
    slough = client.get("/areas/slough/").content.decode()
    assert 'Outcome</dt><dd class="govuk-summary-list__value">Not recorded here' in slough
    assert 'href="https://files.ofsted.gov.uk/v1/file/50290645"' in slough
    timeline = client.get("/areas/slough/timeline/").content.decode()
    assert "inspected July 2025; report published 6 November 2025; outcome not recorded here" in (
        timeline
    )
