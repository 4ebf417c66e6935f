"""Every dashboard figure equals what a reader recomputes from the open-data CSV downloads."""

import csv
import datetime as dt
import io
import math
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from areasend.framework.calendar import england
from areasend.register.figures import SLUGS, all_figures

pytestmark = pytest.mark.django_db


def download(client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def figure_csv(client, slug: str) -> list[dict[str, str]]:
    return download(client, reverse("register:dashboard_csv", kwargs={"slug": slug}))


def pct(part: int, whole: int) -> int:
    return int((Decimal(100 * part) / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


def quantile(sorted_values: list[int], p: float) -> float:
    """Linear interpolation between closest ranks (the 'inclusive' definition)."""
    pos = (len(sorted_values) - 1) * p
    low = math.floor(pos)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (pos - low)


@pytest.fixture
def inspections(client, national) -> list[dict[str, str]]:
    return download(client, reverse("register:dataset_csv", kwargs={"slug": "inspections"}))


def test_inspections_per_year(client, inspections):
    counts = Counter((r["year"], r["kind"]) for r in inspections if r["published"])
    shown = figure_csv(client, "inspections-by-year")
    assert shown, "the figure has rows"
    for row in shown:
        for kind in ("full", "revisit", "monitoring"):
            assert int(row[kind]) == counts[(row["year"], kind)], (row["year"], kind)
    assert {r["year"] for r in shown} == {y for y, _ in counts}


def test_wsoa_rates_by_region_match_the_official_table(client, inspections):
    old = [r for r in inspections if r["published"] and r["outcome"] in ("wsoa", "no_wsoa")]
    shown = {r["region"]: r for r in figure_csv(client, "wsoa-by-region")}
    for region, row in shown.items():
        mine = [r for r in old if r["region"] == region]
        wsoa = sum(r["outcome"] == "wsoa" for r in mine)
        assert (int(row["inspected"]), int(row["wsoa"]), int(row["rate"])) == (
            len(mine),
            wsoa,
            pct(wsoa, len(mine)),
        )
    # Ofsted's official table (31 August 2022), as ../shared/data/README.md quotes it.
    assert shown["London"]["rate"] == "33"
    assert shown["East of England"]["rate"] == "82"
    assert sum(int(r["inspected"]) for r in shown.values()) == 149


def test_wsoa_rates_by_year(client, inspections):
    old = [r for r in inspections if r["published"] and r["outcome"] in ("wsoa", "no_wsoa")]
    for row in figure_csv(client, "wsoa-by-year"):
        mine = [r for r in old if r["year"] == row["year"]]
        wsoa = sum(r["outcome"] == "wsoa" for r in mine)
        assert int(row["rate"]) == pct(wsoa, len(mine))


@pytest.mark.parametrize(
    ("slug", "key"), [("outcomes-by-year", "year"), ("outcomes-by-region", "region")]
)
def test_2023_outcomes(client, inspections, slug, key):
    new = [
        r
        for r in inspections
        if r["published"] and r["framework"] == "2023" and r["kind"] == "full"
    ]
    shown = figure_csv(client, slug)
    assert sum(int(r["inspected"]) for r in shown) == len(new)
    for row in shown:
        mine = Counter(r["outcome"] for r in new if r[key] == row[key])
        for outcome in ("positive", "inconsistent", "systemic_failings"):
            assert int(row[outcome]) == mine[outcome]


def test_revisit_results(client, inspections):
    counts = Counter(
        r["revisit_result"] for r in inspections if r["kind"] == "revisit" and r["published"]
    )
    shown = {r["result"]: int(r["revisits"]) for r in figure_csv(client, "revisit-results")}
    assert list(shown.values()) == [counts["all"], counts["some"], counts["none"]]
    # The official table: 20 all and 24 some by August 2022 (no revisit with "some" or "all" since).
    assert shown["Sufficient progress on all weaknesses"] == 20
    assert shown["Sufficient progress on some weaknesses"] == 24


def test_working_days_to_publication(client, inspections):
    calendar = england()
    days = sorted(
        calendar.count_working_days(
            dt.date.fromisoformat(r["fieldwork_ended"]), dt.date.fromisoformat(r["published"])
        )
        for r in inspections
        if r["kind"] == "full"
        and r["framework"] == "2016"
        and r["fieldwork_ended"]
        and r["published"]
    )
    summary = {r["framework"]: r for r in figure_csv(client, "publication-days-summary")}
    old = summary["2016 framework"]
    assert int(old["inspections"]) == len(days)
    assert int(old["median"]) == round(quantile(days, 0.5))
    assert int(old["p10"]) == round(quantile(days, 0.1))
    assert int(old["p90"]) == round(quantile(days, 0.9))
    # As measured from the official table: median 42, 10th-90th percentile 33-63.
    assert (old["p10"], old["median"], old["p90"]) == ("33", "42", "63")

    every = [
        int(r["working_days_to_publication"])
        for r in inspections
        if r["kind"] == "full" and r["working_days_to_publication"]
    ]
    histogram = figure_csv(client, "publication-days")
    assert sum(int(r["inspections"]) for r in histogram) == len(every)
    for row in histogram:
        low, high = (int(x) for x in row["band"].split(" to "))
        assert int(row["inspections"]) == sum(low <= d <= high for d in every)


def test_weakness_themes(client, national):
    weaknesses = download(client, reverse("register:dataset_csv", kwargs={"slug": "weaknesses"}))
    counts = Counter(r["theme_label"] for r in weaknesses)
    shown = figure_csv(client, "weakness-themes")
    assert {r["theme"]: int(r["weaknesses"]) for r in shown} == dict(counts)
    assert [int(r["weaknesses"]) for r in shown] == sorted(
        (int(r["weaknesses"]) for r in shown), reverse=True
    )


def test_the_page_shows_the_same_tables_and_a_chart_for_each(
    client, national, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):  # +1: the page cache's data version
        response = client.get(reverse("register:dashboard"))
    html = response.content.decode()
    for figure, chart in response.context["figures"]:
        csv_rows = [list(r.values()) for r in figure_csv(client, figure.slug)]
        assert csv_rows == [[str(v) for v in row] for row in figure.rows]
        assert f'href="/dashboard/{figure.slug}.csv"' in html
        if figure.series:
            assert '<svg class="app-chart"' in str(chart) and figure.title in str(chart)
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_unknown_figure_is_not_found(client):
    assert client.get("/dashboard/nonsense.csv").status_code == 404


def test_every_figure_has_its_fixed_address(db):
    assert [f.slug for f in all_figures()] == list(SLUGS)


def test_chart_text_is_in_the_govuk_typeface_and_the_page_says_where_the_table_is(client, national):
    html = client.get(reverse("register:dashboard")).content.decode()
    charts = re.findall(r'<svg class="app-chart"[^>]*>', html)
    assert charts, "the dashboard draws no chart"
    for svg in charts:
        assert 'font-family="&#x27;GDS Transport&#x27;, arial, sans-serif"' in svg
    # The CSS the page loads sets the same typeface for its own text.
    css = (Path(settings.BASE_DIR) / "areasend/static/govuk-frontend/application.css").read_text()
    assert 'font-family:"GDS Transport",arial,sans-serif' in css
    main = html.split("<main", 1)[1]
    assert "beside" not in main  # at narrow widths every table is below its chart
    assert "Each chart is followed by a table of the same figures" in main
