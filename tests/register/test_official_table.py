"""Every row of Ofsted's official table (2016 to 2022) as the register shows it: on the
area's page and in the inspections CSV, the same start and publication dates, WSOA
decision, weakness count and revisit result."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.test import Client

from areasend.areas.resolve import directory_from_db

RESULTS = {"Yes": "all", "Some": "some", "No": "none"}
RESULT_LABELS = {
    "all": "Sufficient progress on all weaknesses",
    "some": "Sufficient progress on some weaknesses",
    "none": "Sufficient progress on none of the weaknesses",
}


def _day(text: str) -> str:
    day = dt.date.fromisoformat(text)
    return f"{day.day} {day:%B %Y}"


def _text(page: bytes) -> str:
    main = re.search(rb"<main.*?</main>", page, re.S)
    assert main is not None
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main.group(0).decode())))


def _csv(client: Client, name: str) -> list[dict[str, str]]:
    body = client.get(f"/data/{name}.csv").content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.django_db
def test_every_official_row_reads_the_same_on_the_area_page_and_in_the_csv(
    national: None, shared_dir: Path, client: Client
) -> None:
    with (shared_dir / "data/ofsted/area_send_inspections_2016_to_2022.csv").open() as f:
        rows = list(csv.reader(f))[1:]
    assert len(rows) == 149
    inspections = defaultdict(list)
    for row in _csv(client, "inspections"):
        inspections[row["area_slug"]].append(row)
    worded = defaultdict(list)
    for row in _csv(client, "weaknesses"):
        worded[row["inspection"]].append(row["weakness"])
    directory = directory_from_db()
    wrong: list[str] = []
    for code, name, _, start, published, wsoa, count, r_start, r_pub, result, *_ in rows:
        area = directory.resolve(code, dt.date.fromisoformat(start))
        slug = next(
            r["area_slug"]
            for rs in inspections.values()
            for r in rs
            if r["area_code"] == area.gss_code
        )
        mine = inspections[slug]
        full = [r for r in mine if r["kind"] == "full" and r["fieldwork_started"] == start]
        if len(full) != 1:
            wrong.append(f"{name}: CSV has {len(full)} full inspections starting {start}")
            continue
        row = full[0]
        n = int(float(count)) if count.strip() else 0
        if (row["published"], row["outcome"]) != (
            published,
            "wsoa" if wsoa == "Yes" else "no_wsoa",
        ):
            wrong.append(f"{name}: CSV {row['published'], row['outcome']}")
        if row["weakness_count"] not in ((str(n),) if n else ("", "0")):
            wrong.append(f"{name}: CSV weakness count {row['weakness_count']}, table {n}")
        page = _text(client.get(f"/areas/{slug}/").content)
        outcome = (
            "Written statement of action required"
            if wsoa == "Yes"
            else "No written statement of action"
        )
        for needle in (_day(start), _day(published), outcome):
            if needle not in page:
                wrong.append(f"{name}: page lacks '{needle}'")
        listed = worded[row["inspection"]]
        unworded = n - len(listed)
        if unworded and f"{unworded} significant weakness" not in page:
            wrong.append(f"{name}: page lacks '{unworded} significant weakness(es)'")
        if any(w not in page for w in listed):
            wrong.append(f"{name}: page lacks a worded weakness")
        if not r_start[:1].isdigit():
            continue
        revisit = [r for r in mine if r["kind"] == "revisit" and r["fieldwork_started"] == r_start]
        if len(revisit) != 1 or (revisit[0]["published"], revisit[0]["revisit_result"]) != (
            r_pub,
            RESULTS[result],
        ):
            wrong.append(
                f"{name}: CSV revisit {[(r['published'], r['revisit_result']) for r in revisit]}"
            )
        for needle in (_day(r_start), _day(r_pub), RESULT_LABELS[RESULTS[result]]):
            if needle not in page:
                wrong.append(f"{name}: page lacks revisit '{needle}'")
    assert wrong == []
