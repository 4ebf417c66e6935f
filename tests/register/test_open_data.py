"""Open data: RFC 4180 CSV matching its CSV on the Web metadata, ODS and JSON with the same rows."""

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from odf.namespaces import TABLENS
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow

from areasend.areas.event_log import stored_events
from areasend.areas.models import LocalArea
from areasend.framework.history import dump_event, parse_history
from areasend.register.catalogue import DATASETS, LICENCE

pytestmark = pytest.mark.django_db

NAMES = list(DATASETS)


def csv_rows(client, slug: str) -> tuple[bytes, list[list[str]]]:
    response = client.get(reverse("register:dataset_csv", kwargs={"slug": slug}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content
    return body, list(csv.reader(io.StringIO(body.decode("utf-8"), newline=""), strict=True))


def ods_rows(body: bytes, sheet: str) -> list[list[str]]:
    doc = load(io.BytesIO(body))
    table = next(
        t for t in doc.spreadsheet.getElementsByType(Table) if t.getAttribute("name") == sheet
    )
    rows = []
    for row in table.getElementsByType(TableRow):
        cells = []
        for cell in row.getElementsByType(TableCell):
            repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), 1))
            cells += [str(cell)] * repeat
        rows.append(cells)
    return rows


def check_value(value: str, column: dict[str, object]) -> None:
    if value == "":
        assert not column["required"], f"{column['name']} is required"
        return
    match column["datatype"]:
        case "date":
            dt.date.fromisoformat(value)
        case "integer":
            int(value)
        case "boolean":
            assert value in ("true", "false")


@pytest.mark.parametrize("slug", NAMES)
def test_csv_is_rfc_4180_and_matches_its_csvw_metadata(client, national, slug):
    body, rows = csv_rows(client, slug)
    assert body.endswith(b"\r\n")
    assert body.count(b"\n") == body.count(b"\r\n"), "every line ends CRLF"
    meta_response = client.get(reverse("register:dataset_metadata", kwargs={"slug": slug}))
    meta = json.loads(meta_response.content)
    assert meta["@context"] == "http://www.w3.org/ns/csvw"
    assert meta["url"] == f"{slug}.csv"
    assert "open-government-licence/version/3" in meta["dc:license"]["@id"]
    dt.datetime.fromisoformat(meta["dc:modified"]["@value"])
    columns = meta["tableSchema"]["columns"]
    assert rows[0] == [c["name"] for c in columns]
    assert all(c["titles"] and c["datatype"] for c in columns)
    assert len(rows) > 1, "the national history gives every dataset rows"
    for row in rows[1:]:
        assert len(row) == len(columns)
        for value, column in zip(row, columns, strict=True):
            check_value(value, column)


def test_csv_quotes_commas_and_keeps_utf8(client, national):
    body, rows = csv_rows(client, "areas")
    assert b'"North East, Yorkshire and the Humber"' in body
    assert any(r[3] == "North East, Yorkshire and the Humber" for r in rows)


@pytest.mark.parametrize("slug", NAMES)
def test_ods_opens_and_has_the_same_rows(client, national, slug):
    _, rows = csv_rows(client, slug)
    response = client.get(reverse("register:dataset_ods", kwargs={"slug": slug}))
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert ods_rows(response.content, "data") == rows
    about = {r[0]: r[1] for r in ods_rows(response.content, "About")}
    assert about["Licence"].startswith(LICENCE)
    assert about["Generated at"]


@pytest.mark.parametrize("slug", NAMES)
def test_json_has_licence_time_and_the_same_rows(
    client, national, slug, django_assert_max_num_queries
):
    _, rows = csv_rows(client, slug)
    with django_assert_max_num_queries(6):  # +1: the page cache's data version
        response = client.get(reverse("register:dataset_json", kwargs={"slug": slug}))
    data = json.loads(response.content)
    assert data["licence"] == LICENCE
    dt.datetime.fromisoformat(data["generated_at"])
    assert [c["name"] for c in data["columns"]] == rows[0]
    as_csv = [
        [
            "" if v is None else ("true" if v is True else "false" if v is False else str(v))
            for v in r.values()
        ]
        for r in data["rows"]
    ]
    assert as_csv == rows[1:]


@pytest.mark.parametrize("slug", NAMES)
def test_downloads_read_a_bounded_number_of_queries(
    client, national, slug, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):  # +1: the page cache's data version
        assert client.get(reverse("register:dataset_csv", kwargs={"slug": slug})).status_code == 200


def test_an_areas_history_downloads_in_the_interchange_format(client, demo):
    kent = LocalArea.objects.get(slug="kent")
    response = client.get(reverse("register:area_history", args=["kent"]))
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    events = parse_history(text, include_national_pause=False)
    stored = [e for e in stored_events(kent) if e.area is not None]
    assert [dump_event(e) for e in events] == [dump_event(e) for e in stored]
    shipped = Path("areasend/areas/data/histories/kent.jsonl").read_text().splitlines()
    assert len(events) == len([line for line in shipped if line.strip()])


def test_the_history_picker_leads_to_the_download(client):
    response = client.get(reverse("register:area_history_choose"), {"area": "medway"})
    assert response.status_code == 302
    assert response["Location"] == reverse("register:area_history", args=["medway"])
    assert (
        client.get(reverse("register:area_history_choose"), {"area": "nowhere"}).status_code == 404
    )
    assert client.get(reverse("register:area_history_choose"))["Location"] == "/data/#history"


def test_unknown_dataset_is_not_found(client):
    for ext in (".csv", ".csv-metadata.json", ".ods", ".json"):
        assert client.get(f"/data/secrets{ext}").status_code == 404


def test_the_open_data_page_lists_every_dataset(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # +1: the page cache's data version
        response = client.get(reverse("register:open_data"))
    html = response.content.decode()
    for slug in NAMES:
        for ext in (".csv", ".csv-metadata.json", ".ods", ".json"):
            assert f'href="/data/{slug}{ext}"' in html
    assert "Open Government Licence v3.0" in html


def test_areas_that_share_a_name_are_told_apart_in_the_history_chooser(client):
    """Dorset the county council (until 31 March 2019) and Dorset the unitary council."""
    html = client.get(reverse("register:open_data")).content.decode()
    options = dict(re.findall(r'<option value="([^"]+)">([^<]+)</option>', html))
    dorsets = {slug: label for slug, label in options.items() if label.startswith("Dorset")}
    assert sorted(dorsets.values()) == [
        "Dorset (from 1 April 2019)",
        "Dorset (until 31 March 2019)",
    ]
    assert options["kent"] == "Kent"  # a name no other area has stays as it is
    assert len(set(options.values())) == len(options)


def test_both_history_downloads_are_the_same_ascii_json_lines(client, demo):
    """The page's download and the API's are one writer's output: Kent's history cites a
    section sign (§), which both escape, so no reader can take a character for a line break."""
    kent = LocalArea.objects.get(slug="kent")
    page = client.get(reverse("register:area_history", args=["kent"])).content
    api = client.get(f"/api/areas/{kent.gss_code}/history").content
    assert page == api
    assert page.isascii()
    assert "\\u00a7" in page.decode()
