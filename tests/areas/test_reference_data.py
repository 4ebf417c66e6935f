"""The reference data as loaded by the data migration, read through the models."""

import csv
import datetime as dt

import pytest
from django.db.models import Q

from areasend.areas.models import LocalArea, NhsBody
from areasend.areas.resolve import directory_from_db

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "count"),
    [
        (dt.date(2026, 12, 1), 153),
        (dt.date(2016, 5, 1), 152),
        (dt.date(2021, 4, 1), 152),
        (dt.date(2020, 1, 1), 151),
    ],
)
def test_number_of_local_areas_in_force_on_a_date(day, count):
    assert LocalArea.objects.in_force_on(day).count() == count


def test_northamptonshire_split_into_north_and_west_on_1_april_2021():
    northants = LocalArea.objects.get(gss_code="E10000021")
    assert northants.valid_to == dt.date(2021, 3, 31)
    assert {a.name for a in northants.successors.all()} == {
        "North Northamptonshire",
        "West Northamptonshire",
    }


def test_every_current_area_has_an_icb_in_force_today():
    today = dt.date(2026, 12, 1)
    icbs = NhsBody.objects.filter(kind=NhsBody.Kind.ICB)
    linked = set(
        icbs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .filter(Q(areas__valid_to__isnull=True) | Q(areas__valid_to__gte=today))
        .values_list("areas__area__gss_code", flat=True)
    )
    current = set(LocalArea.objects.in_force_on(today).values_list("gss_code", flat=True))
    assert current - linked == set()


@pytest.mark.parametrize(("day", "count"), [(dt.date(2022, 7, 1), 42), (dt.date(2026, 12, 1), 36)])
def test_number_of_integrated_care_boards_in_force(day, count):
    icbs = NhsBody.objects.filter(kind=NhsBody.Kind.ICB, valid_from__lte=day)
    assert icbs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day)).count() == count


def test_every_area_of_the_official_2016_to_2022_table_resolves_by_code_and_by_name(shared_dir):
    directory = directory_from_db()
    path = shared_dir / "data" / "ofsted" / "area_send_inspections_2016_to_2022.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 149
    for row in rows:
        start = dt.date.fromisoformat(row["Inspection start date"])
        by_code = directory.resolve(row["Local authority code"], start)
        by_name = directory.resolve(row["Area name"], start)
        assert by_code == by_name, row["Area name"]


def test_names_used_by_2023_framework_reports_resolve(shared_dir):
    import json

    directory = directory_from_db()
    lines = (shared_dir / "corpus" / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    for label in map(json.loads, filter(None, lines)):
        day = dt.date.fromisoformat(label["publication_date"])
        assert directory.resolve(label["local_area"], day).in_force_on(day), label["local_area"]
