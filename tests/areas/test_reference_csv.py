"""The shipped reference CSVs (areasend/areas/data/), checked as plain files.

No Django here: run with ``.venv/bin/pytest tests/areas/test_reference_csv.py -p no:django``.
Checks against the shared evidence (Ofsted tables, the d2i lookup, the corpus labels) read
``$AREASEND_SHARED`` (default ``<repo>/../shared``) and are skipped when it is not there.
See docs/data/reference-data.md for what the files hold and why.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "areasend" / "areas" / "data"
SHARED = Path(os.environ.get("AREASEND_SHARED", REPO.parent / "shared"))

AREA_COLUMNS = [
    "gss_code", "former_gss_codes", "dfe_code", "former_dfe_codes", "ofsted_urn", "name",
    "alternative_names", "region", "la_type", "valid_from", "valid_to", "predecessors",
    "successors", "statistical_neighbours", "source",
]  # fmt: skip
BODY_COLUMNS = ["ods_code", "gss_code", "name", "kind", "valid_from", "valid_to", "source"]
LINK_COLUMNS = ["area_gss_code", "nhs_ods_code", "nhs_name", "valid_from", "valid_to", "source"]

REGIONS = {
    "London", "South East", "South West", "East of England", "East Midlands", "West Midlands",
    "North West", "North East, Yorkshire and the Humber",
}  # fmt: skip
LA_TYPES = {"county", "unitary", "metropolitan", "london_borough", "sui_generis"}
AREA_GSS = re.compile(r"^E(06|07|08|09|10)\d{6}$")
DFE = re.compile(r"^\d{3}$")
FORMER = re.compile(r"^(?P<code>[^@]+)@(?P<end>\d{4}-\d{2}-\d{2})$")
ICB_DAY = dt.date(2022, 7, 1)
TODAY = dt.date(2026, 12, 1)


# ---------------------------------------------------------------- loading helpers


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


@cache
def areas() -> list[dict[str, str]]:
    return _read(DATA / "local_areas.csv")[1]


@cache
def bodies() -> list[dict[str, str]]:
    return _read(DATA / "nhs_bodies.csv")[1]


@cache
def links() -> list[dict[str, str]]:
    return _read(DATA / "area_nhs_partners.csv")[1]


def by_gss() -> dict[str, dict[str, str]]:
    return {a["gss_code"]: a for a in areas()}


def split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def day_of(value: str) -> dt.date:
    """A date column that must be filled in."""
    assert value, "expected a date"
    return dt.date.fromisoformat(value)


def in_force(row: dict[str, str], day: dt.date) -> bool:
    start, end = date(row["valid_from"]), date(row["valid_to"])
    return (start is None or start <= day) and (end is None or day <= end)


def former_codes(area: dict[str, str]) -> dict[str, dt.date]:
    out = {}
    for item in split(area["former_gss_codes"]) + split(area["former_dfe_codes"]):
        m = FORMER.match(item)
        assert m, f"{area['name']}: former code {item!r} is not CODE@YYYY-MM-DD"
        out[m["code"]] = dt.date.fromisoformat(m["end"])
    return out


def names(area: dict[str, str]) -> set[str]:
    return {n.casefold() for n in [area["name"], *split(area["alternative_names"])]}


def area_for_code(code: str) -> dict[str, str]:
    hits = [a for a in areas() if code in {a["gss_code"], a["dfe_code"], *former_codes(a)}]
    assert len(hits) == 1, f"{code}: {len(hits)} areas"
    return hits[0]


def areas_named(name: str) -> list[dict[str, str]]:
    return [a for a in areas() if name.casefold() in names(a)]


def icb_key(name: str) -> str:
    """'NHS Black Country ICB', 'Black Country Integrated Care Board' -> 'black country'."""
    text = " ".join(name.replace("&", " and ").split()).casefold()
    text = re.sub(r"^nhs ", "", text)
    text = re.sub(r" (integrated care board|icb)$", "", text)
    return text


def shared(*parts: str) -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared evidence folder {SHARED} is not here (set AREASEND_SHARED)")
    return SHARED.joinpath(*parts)


def shared_csv(*parts: str, encoding: str = "utf-8") -> list[dict[str, str]]:
    with shared(*parts).open(newline="", encoding=encoding) as f:
        return list(csv.DictReader(f))


def labels() -> list[dict[str, Any]]:
    lines = shared("corpus", "labels.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# ---------------------------------------------------------------- file shape


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("local_areas.csv", AREA_COLUMNS),
        ("nhs_bodies.csv", BODY_COLUMNS),
        ("area_nhs_partners.csv", LINK_COLUMNS),
    ],
)
def test_headers_are_exact_and_every_row_is_complete(name, columns):
    header, rows = _read(DATA / name)
    assert header == columns
    for row in rows:
        assert None not in row, f"{name}: a row has more fields than the header: {row}"
        assert all(v is not None for v in row.values()), f"{name}: short row {row}"
        assert row["source"].strip(), f"{name}: a row has no source: {row}"
        for field in ("valid_from", "valid_to"):
            if row[field]:
                dt.date.fromisoformat(row[field])
        if row["valid_from"] and row["valid_to"]:
            assert row["valid_from"] <= row["valid_to"], row


# ---------------------------------------------------------------- local areas


def test_codes_are_well_formed_and_unique_across_current_and_former():
    seen: dict[str, str] = {}
    for a in areas():
        assert AREA_GSS.match(a["gss_code"]), a["gss_code"]
        assert DFE.match(a["dfe_code"]), (a["name"], a["dfe_code"])
        for code in former_codes(a):
            assert AREA_GSS.match(code) or DFE.match(code), (a["name"], code)
        for code in [a["gss_code"], a["dfe_code"], *former_codes(a)]:
            assert code not in seen, f"{code} is used by {seen[code]} and {a['name']}"
            seen[code] = a["name"]
    assert len(by_gss()) == len(areas())


def test_former_codes_end_inside_the_life_of_the_area():
    for a in areas():
        end = date(a["valid_to"])
        for code, last_day in former_codes(a).items():
            assert end is None or last_day < end, (a["name"], code)


def test_vocabularies():
    for a in areas():
        assert a["region"] in REGIONS, (a["name"], a["region"])
        assert a["la_type"] in LA_TYPES, (a["name"], a["la_type"])
    sui_generis = {a["name"] for a in areas() if a["la_type"] == "sui_generis"}
    assert sui_generis == {"City of London", "Isles of Scilly"}


def test_predecessors_and_successors_are_reciprocal_and_dated():
    rows = by_gss()
    for a in areas():
        for p in split(a["predecessors"]):
            assert p in rows, f"{a['name']}: predecessor {p} is not a row"
            pred = rows[p]
            assert a["gss_code"] in split(pred["successors"]), (a["name"], pred["name"])
            assert date(pred["valid_to"]) is not None and date(a["valid_from"]) is not None
            assert day_of(a["valid_from"]) == day_of(pred["valid_to"]) + dt.timedelta(days=1), (
                f"{a['name']} must start the day after {pred['name']} ends"
            )
        for s in split(a["successors"]):
            assert s in rows, f"{a['name']}: successor {s} is not a row"
            assert a["gss_code"] in split(rows[s]["predecessors"]), (a["name"], rows[s]["name"])
        if a["valid_to"]:
            assert split(a["successors"]), f"{a['name']} ended without a successor"
        if a["valid_from"]:
            assert split(a["predecessors"]), f"{a['name']} began without a predecessor"


def test_the_reorganisations():
    rows = by_gss()
    succ = {g: set(split(a["successors"])) for g, a in rows.items()}
    assert succ["E06000028"] == {"E06000058"}  # Bournemouth -> BCP
    assert succ["E06000029"] == {"E06000058"}  # Poole -> BCP
    # Dorset County Council -> BCP (for Christchurch) and Dorset Council
    assert succ["E10000009"] == {"E06000058", "E06000059"}
    assert succ["E10000021"] == {"E06000061", "E06000062"}  # Northamptonshire
    assert succ["E10000006"] == {"E06000063", "E06000064"}  # Cumbria
    assert rows["E10000009"]["valid_to"] == "2019-03-31"
    assert rows["E10000021"]["valid_to"] == "2021-03-31"
    assert rows["E10000006"]["valid_to"] == "2023-03-31"


@pytest.mark.parametrize(
    ("current", "former", "last_day"),
    [
        ("E06000060", "E10000002", "2020-03-31"),  # Buckinghamshire
        ("E06000065", "E10000023", "2023-03-31"),  # North Yorkshire
        ("E06000066", "E10000027", "2023-03-31"),  # Somerset
        ("E08000038", "E08000016", "2025-03-31"),  # Barnsley
        ("E08000039", "E08000019", "2025-03-31"),  # Sheffield
        ("E08000037", "E08000020", "2013-03-31"),  # Gateshead
        ("E06000057", "E06000048", "2013-03-31"),  # Northumberland
    ],
)
def test_recodings_keep_one_area_with_its_former_code(current, former, last_day):
    area = by_gss()[current]
    assert former_codes(area)[former] == dt.date.fromisoformat(last_day)
    assert area["valid_from"] == "" and area["valid_to"] == ""


@pytest.mark.parametrize(
    ("day", "count"),
    [
        (dt.date(2026, 12, 1), 153),
        (dt.date(2016, 5, 1), 152),
        (dt.date(2021, 4, 1), 152),
        (dt.date(2020, 1, 1), 151),
        (dt.date(2019, 3, 31), 152),
        (dt.date(2019, 4, 1), 151),
        (dt.date(2021, 3, 31), 151),
        (dt.date(2023, 3, 31), 152),
        (dt.date(2023, 4, 1), 153),
    ],
)
def test_number_of_areas_in_force_on_a_date(day, count):
    assert sum(in_force(a, day) for a in areas()) == count


def test_no_two_areas_in_force_together_share_a_name():
    days = {ICB_DAY, TODAY, dt.date(2016, 5, 1)}
    days |= {day_of(a[f]) for a in areas() for f in ("valid_from", "valid_to") if a[f]}
    for day in sorted(days):
        seen: dict[str, str] = {}
        for a in areas():
            if not in_force(a, day):
                continue
            for n in names(a):
                key = re.sub(r"[^a-z0-9]+", " ", n.replace("&", " and ")).strip()
                other = seen.setdefault(key, a["name"])
                assert other == a["name"], f"{day}: '{n}' names both {other} and {a['name']}"


def test_statistical_neighbours_point_to_other_existing_areas():
    rows = by_gss()
    for a in areas():
        neighbours = split(a["statistical_neighbours"])
        assert len(neighbours) == len(set(neighbours)), a["name"]
        for n in neighbours:
            assert n in rows, f"{a['name']}: neighbour {n} is not an area"
            assert n != a["gss_code"], a["name"]


# ---------------------------------------------------------------- against the shared sources


def test_every_row_of_the_ofsted_2016_to_2022_table_is_an_area_by_code_and_name():
    rows = shared_csv("data", "ofsted", "area_send_inspections_2016_to_2022.csv")
    assert len(rows) == 149
    for row in rows:
        area = area_for_code(row["Local authority code"])
        assert row["Area name"].casefold() in names(area), (row["Area name"], area["name"])
        assert row["Ofsted region"] == area["region"], row["Area name"]
        assert in_force(area, dt.date.fromisoformat(row["Inspection start date"])), row["Area name"]


def test_every_row_of_the_d2i_lookup_matches_by_gss_and_dfe_code():
    lookup = shared_csv("data", "reference", "la_lookup_d2i.csv", encoding="utf-8-sig")
    assert len(lookup) == 156
    rows = by_gss()
    for row in lookup:
        area = rows.get(row["la_code_new"])
        assert area is not None, row["la_code_new"]
        assert area["dfe_code"] == row["la_code"], area["name"]
        assert area["ofsted_urn"] == row["urn"], area["name"]
        assert row["local_authority_ons_name"].casefold() in names(area), area["name"]
    # every area not in the lookup is one that ended before it was compiled
    missing = set(rows) - {r["la_code_new"] for r in lookup}
    assert missing == {"E06000028", "E10000009"}  # Bournemouth; Dorset County Council


def test_every_name_in_the_2023_management_information_is_an_area():
    rows = shared_csv("data", "ofsted", "area_send_mi_2023_framework_winter_2022_23.csv")
    assert rows
    for row in rows:
        hits = areas_named(row["Local.area.partnership"])
        day = (
            dt.datetime.strptime(row["Inspection.start.date"], "%d/%m/%Y")
            .replace(tzinfo=dt.UTC)
            .date()
        )
        assert [a for a in hits if in_force(a, day)], row["Local.area.partnership"]


def test_every_local_area_named_in_the_corpus_labels_is_an_area_in_force():
    for label in labels():
        day = dt.date.fromisoformat(label["publication_date"])
        hits = [a for a in areas_named(label["local_area"]) if in_force(a, day)]
        assert len(hits) == 1, label["local_area"]


def test_every_icb_named_in_the_corpus_labels_exists_and_is_a_partner_of_that_area():
    icbs = {icb_key(b["name"]): b for b in bodies() if b["kind"] == "icb"}
    for label in labels():
        day = dt.date.fromisoformat(label["publication_date"])
        (area,) = [a for a in areas_named(label["local_area"]) if in_force(a, day)]
        assert label["icbs"], label["file"]
        for name in label["icbs"]:
            body = icbs.get(icb_key(name))
            assert body is not None, f"{name} is not an ICB in nhs_bodies.csv"
            assert in_force(body, day), name
            assert [
                link
                for link in links()
                if link["area_gss_code"] == area["gss_code"]
                and link["nhs_ods_code"] == body["ods_code"]
                and in_force(link, day)
            ], f"{name} is not linked to {area['name']} on {day}"


# ---------------------------------------------------------------- NHS bodies


def test_nhs_bodies_are_well_formed():
    ods = [b["ods_code"] for b in bodies() if b["ods_code"]]
    assert len(ods) == len(set(ods))
    body_names = [b["name"] for b in bodies()]
    assert len(body_names) == len(set(body_names))
    gss = [b["gss_code"] for b in bodies() if b["gss_code"]]
    assert len(gss) == len(set(gss))
    for b in bodies():
        assert b["kind"] in {"ccg", "icb"}, b
        if b["gss_code"]:
            prefix = "E54" if b["kind"] == "icb" else "E38"
            assert re.fullmatch(prefix + r"\d{6}", b["gss_code"]), b
        if b["ods_code"]:
            assert re.fullmatch(r"[A-Z0-9]{3,5}", b["ods_code"]), b


def test_the_42_icbs_of_july_2022_and_the_36_of_april_2026():
    icbs = [b for b in bodies() if b["kind"] == "icb"]
    assert sum(b["valid_from"] == "2022-07-01" for b in icbs) == 42
    assert sum(in_force(b, ICB_DAY) for b in icbs) == 42
    assert sum(in_force(b, dt.date(2026, 3, 31)) for b in icbs) == 42
    assert sum(in_force(b, dt.date(2026, 4, 1)) for b in icbs) == 36
    assert sum(in_force(b, TODAY) for b in icbs) == 36
    for b in icbs:
        assert b["ods_code"], f"{b['name']} has no ODS code"
        assert b["valid_from"] in {"2022-07-01", "2026-04-01"}, b["name"]
        assert b["valid_to"] in {"", "2026-03-31"}, b["name"]


@pytest.mark.parametrize(
    ("day", "count"),
    [
        (dt.date(2020, 4, 1), 135),
        (dt.date(2021, 3, 31), 135),
        (dt.date(2021, 4, 1), 106),
        (dt.date(2022, 6, 30), 106),
        (ICB_DAY, 0),
    ],
)
def test_ccgs_in_force(day, count):
    assert sum(in_force(b, day) for b in bodies() if b["kind"] == "ccg") == count


# ---------------------------------------------------------------- area <-> NHS links


def test_links_point_to_existing_rows_and_stay_inside_both_lives():
    rows = by_gss()
    by_ods = {b["ods_code"]: b for b in bodies()}
    keys = set()
    for link in links():
        area = rows.get(link["area_gss_code"])
        body = by_ods.get(link["nhs_ods_code"])
        assert area is not None, link
        assert body is not None, link
        assert body["name"] == link["nhs_name"], link
        key = (link["area_gss_code"], link["nhs_ods_code"], link["valid_from"])
        assert key not in keys, key
        keys.add(key)
        for outer in (area, body):
            if outer["valid_from"]:
                assert link["valid_from"] and link["valid_from"] >= outer["valid_from"], link
            if outer["valid_to"]:
                assert link["valid_to"] and link["valid_to"] <= outer["valid_to"], link


def test_every_current_area_has_its_icb_from_july_2022_without_a_gap():
    kinds = {b["ods_code"]: b["kind"] for b in bodies()}
    icb_links = [lk for lk in links() if kinds[lk["nhs_ods_code"]] == "icb"]
    current = [a for a in areas() if in_force(a, TODAY)]
    assert len(current) == 153
    for a in current:
        mine = [lk for lk in icb_links if lk["area_gss_code"] == a["gss_code"]]
        start = max(ICB_DAY, date(a["valid_from"]) or ICB_DAY)
        assert [lk for lk in mine if date(lk["valid_from"]) == start], a["name"]
        # no day without an ICB: check every day a link starts or ends, and today
        days = {start, TODAY}
        for lk in mine:
            days.add(day_of(lk["valid_from"]))
            if lk["valid_to"]:
                days.add(day_of(lk["valid_to"]) + dt.timedelta(days=1))
        for day in sorted(d for d in days if start <= d <= TODAY):
            assert [lk for lk in mine if in_force(lk, day)], f"{a['name']} has no ICB on {day}"


def test_areas_that_ended_before_the_icbs_have_no_icb_and_ccgs_end_with_june_2022():
    kinds = {b["ods_code"]: b["kind"] for b in bodies()}
    ended = {a["gss_code"] for a in areas() if a["valid_to"] and day_of(a["valid_to"]) < ICB_DAY}
    assert ended == {"E06000028", "E06000029", "E10000009", "E10000021"}
    for link in links():
        if kinds[link["nhs_ods_code"]] == "icb":
            assert link["area_gss_code"] not in ended, link
        else:
            assert link["valid_to"] and day_of(link["valid_to"]) < ICB_DAY, link


@pytest.mark.parametrize(
    "day", [dt.date(2020, 4, 1), dt.date(2021, 3, 31), dt.date(2021, 4, 1), dt.date(2022, 6, 30)]
)
def test_every_area_has_a_ccg_from_april_2020(day):
    kinds = {b["ods_code"]: b["kind"] for b in bodies()}
    for a in areas():
        if in_force(a, day):
            assert [
                lk
                for lk in links()
                if lk["area_gss_code"] == a["gss_code"]
                and kinds[lk["nhs_ods_code"]] == "ccg"
                and in_force(lk, day)
            ], f"{a['name']} has no CCG on {day}"


def test_every_nhs_body_serves_some_area():
    used = {lk["nhs_ods_code"] for lk in links()}
    assert [b["name"] for b in bodies() if b["ods_code"] not in used] == []
