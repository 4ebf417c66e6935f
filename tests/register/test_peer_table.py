"""The peer's table of 2023-framework reports (data-to-insight, June 2026) as the register's
own downloads give it: every row's area, inspection dates, outcome (or "not recorded") and
report link, read from the inspections CSV; and the coverage the register states."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
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


def _held(rows: list[dict[str, str]], framework: str, year: str) -> int:
    return sum(
        1
        for r in rows
        if r["framework"] == framework and r["kind"] == "full" and r["published"][:4] == year
    )


@pytest.mark.django_db
def test_coverage_counts_what_is_held_against_ofsteds_published_counts(
    national: None, client: Client
) -> None:
    inspections = _csv(client, "inspections")
    coverage = {(r["framework"], r["period"]): r for r in _csv(client, "coverage")}
    # framework.md §5: 26 full inspections in 2023, 28 in 2024; 149 + 2 former areas by Aug 2022.
    published = {("2023", "2023"): 26, ("2023", "2024"): 28, ("2016", "2016-2022"): 151}
    for key, count in published.items():
        row = coverage[key]
        assert row["ofsted_count"] == str(count)
        held = (
            sum(1 for r in inspections if r["framework"] == "2016" and r["kind"] == "full")
            if key[1] == "2016-2022"
            else _held(inspections, *key)
        )
        assert row["held"] == str(held)
        assert row["not_held"] == str(max(count - held, 0))
    assert coverage[("2023", "2025")]["held"] == str(_held(inspections, "2023", "2025"))
    assert coverage[("2023", "2025")]["ofsted_count"] == ""
    assert int(coverage[("2023", "2024")]["not_held"]) > 0  # the register is incomplete


@pytest.mark.django_db
def test_coverage_and_sources_show_on_the_dashboard_open_data_page_and_api_index(
    national: None, client: Client
) -> None:
    coverage = _csv(client, "coverage")
    sources = _csv(client, "sources")
    assert {s["source"] for s in sources} == {"report", "statistics", "mi", "peer"}
    expected = [
        [row["framework"], row["held"], row["ofsted_count"] or "Not published"] for row in coverage
    ]
    for page in ("/dashboard/", "/data/"):
        body = html.unescape(client.get(page).content.decode())
        table = body[body.index('id="coverage-table"') : body.index('id="sources"')]
        shown = [
            [
                re.sub(r"<[^>]+>", "", c).strip()
                for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr)
            ]
            for tr in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)[1:]
        ]
        assert [[r[0], r[2], r[3]] for r in shown] == expected
        for s in sources:
            assert s["title"] in body
        assert "17 November 2022" in body and "29 June 2026" in body
    index = client.get("/api/").json()
    assert [(c["framework"], c["period"], c["held"]) for c in index["coverage"]] == [
        (c["framework"], c["period"], int(c["held"])) for c in coverage
    ]
    assert [s["title"] for s in index["sources"]] == [s["title"] for s in sources]


@pytest.mark.django_db
def test_the_source_column_names_every_source_of_an_inspection_best_first(
    national: None, client: Client
) -> None:
    rows = {r["inspection"]: r for r in _csv(client, "inspections")}
    bolton = rows["bolton-2024"]["source"]
    assert bolton.index("hand-labelled") < bolton.index("data-to-insight")
    sandwell = rows["sandwell-2023"]["source"]
    assert sandwell.index("management information") < sandwell.index("data-to-insight")
    assert "official statistics" in rows["bolton-2016"]["source"]
    assert all(r["source"] for r in rows.values())


def _peer_only(shared: Path) -> list[dict[str, str]]:
    return [r for r in _peer(shared) if r["in_corpus"] == "no"]


@pytest.mark.django_db
def test_the_engine_gives_each_newly_loaded_area_its_next_inspection_and_monitoring_window(
    national: None, shared_dir: Path, client: Client
) -> None:
    years = {"positive": 5, "inconsistent": 3, "systemic_failings": 3}
    checked = 0
    for row in _peer_only(shared_dir):
        if not (row["outcome"] and row["inspection_end"]):
            continue
        area = LocalArea.objects.get(ofsted_urn=row["urn"])
        answer = client.get(f"/api/areas/{area.gss_code}").json()
        due = {o["rule"]: o for o in answer["obligations"]}
        end = dt.date.fromisoformat(row["inspection_end"])
        # NF-ACT-2: within the outcome's years of the inspection.
        expected = end.replace(year=end.year + years[row["outcome"]])
        assert due["NF-ACT-2"]["due"] == expected.isoformat(), row["local_authority"]
        assert due["NF-ACT-2"]["overdue"] is False
        # NF-MON-1: only after widespread or systemic failings.
        assert ("NF-MON-1" in due) == (row["outcome"] == "systemic_failings")
        checked += 1
    assert checked == 15


@pytest.mark.django_db
def test_duties_the_peers_table_cannot_record_are_not_shown_overdue(
    national: None, client: Client
) -> None:
    # Bracknell Forest (systemic failings, report 1 Apr 2025): the engine owes a priority
    # action plan and a monitoring inspection the table could never record.
    page = client.get("/areas/bracknell-forest/").content.decode()
    start = page.index("What is due, from whom")
    table = page[start : page.index("</table>", start)]
    assert "Overdue" not in table
    assert "Not recorded" in table
    assert "Next full inspection: expected by <strong>7 February 2028</strong>" in page
    timeline = client.get("/areas/bracknell-forest/timeline/").content.decode()
    due = timeline[timeline.index('id="due"') : timeline.index("</ul>", timeline.index('id="due"'))]
    # The timeline lists only what is due and public: the unrecorded duties are not claimed.
    assert "Overdue" not in due and "Next full inspection" in due


@pytest.mark.django_db
def test_each_report_is_linked_on_the_area_page_timeline_json_and_api(
    national: None, shared_dir: Path, client: Client
) -> None:
    bolton = next(r for r in _peer(shared_dir) if r["local_authority"] == "bolton")
    link = f'<a class="govuk-link" href="{bolton["report_url"]}" rel="noreferrer">Read the report'
    assert link in client.get("/areas/bolton/").content.decode()
    assert link in client.get("/areas/bolton/timeline/").content.decode()
    rows = client.get("/data/inspections.json").json()["rows"]
    assert {r["inspection"]: r["report_url"] for r in rows}["bolton-2024"] == bolton["report_url"]
    api = client.get("/api/inspections?area=E08000001").json()
    items = api["items"] if isinstance(api, dict) else api
    mine = {r["inspection"]: r for r in items}
    assert mine["bolton-2024"]["report_url"] == bolton["report_url"]
    assert (mine["bolton-2024"]["reported_start"], mine["bolton-2024"]["fieldwork_started"]) == (
        "2024-06-17",
        "2024-06-13",
    )
    assert mine["bolton-2016"]["report_url"] == ""  # the 2016 table gives no address


@pytest.mark.django_db
def test_the_date_columns_are_described_in_the_csvw_and_json(client: Client) -> None:
    meta = client.get("/data/inspections.csv-metadata.json").json()
    described = {c["name"]: c.get("dc:description", "") for c in meta["tableSchema"]["columns"]}
    assert "as the report prints it" in described["reported_start"]
    assert "Thursday of week 2" in described["fieldwork_started"]
    assert "Ofsted's file service" in described["report_url"]
    columns = client.get("/data/inspections.json").json()["columns"]
    assert {c["name"]: c["description"] for c in columns}["reported_end"] == (
        described["reported_end"]
    )
