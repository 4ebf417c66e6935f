"""The national dashboard's figures: small tables computed from the datasets' rows.

Each figure is one table; the page draws it as a chart, prints it beside the
chart and offers it as CSV, so all three always agree. Years are calendar
years of publication, as in Ofsted's official statistics.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from areasend.areas.models import Region
from areasend.framework.labels import FRAMEWORK_LABELS
from areasend.register import themes
from areasend.register.catalogue import Column
from areasend.register.datasets import inspections_and_weaknesses
from areasend.register.rows import REVISIT_LABELS, InspectionRow, WeaknessRow

OUTCOMES_2023 = ("positive", "inconsistent", "systemic_failings")
#: Width of one histogram bar, in working days.
BUCKET = 5


@dataclass(frozen=True)
class Figure:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: list[tuple[object, ...]]
    #: The columns drawn as bars (stacked when more than one); the first column labels them.
    series: tuple[str, ...]
    #: Bars are percentages: the scale runs to 100.
    percent: bool = False


def _col(name: str, title: str, datatype: str = "integer") -> Column:
    return Column(name, title, datatype, True)


def percent(part: int, whole: int) -> int:
    """A whole-number percentage, halves rounded up (as published statistics round)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def _published(rows: Sequence[InspectionRow]) -> list[InspectionRow]:
    return [r for r in rows if r.published]


def _by_year(rows: list[InspectionRow]) -> dict[object, list[InspectionRow]]:
    years = sorted({r.year for r in rows if r.year is not None})
    return {y: [r for r in rows if r.year == y] for y in years}


def inspections_by_year(rows: Sequence[InspectionRow]) -> Figure:
    counts: Counter[tuple[int, str]] = Counter(
        (r.year, r.kind) for r in _published(rows) if r.year is not None
    )
    years = sorted({year for year, _ in counts})
    kinds = ("full", "revisit", "monitoring")
    return Figure(
        "inspections-by-year",
        "Inspections published each year",
        "Letters published in each calendar year, by kind of inspection.",
        (
            _col("year", "Year", "gYear"),
            _col("full", "Full inspections"),
            _col("revisit", "Revisits"),
            _col("monitoring", "Monitoring inspections"),
            _col("total", "Total"),
        ),
        [(y, *(counts[(y, k)] for k in kinds), sum(counts[(y, k)] for k in kinds)) for y in years],
        series=("full", "revisit", "monitoring"),
    )


def _wsoa_rows(groups: dict[object, list[InspectionRow]]) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for key, group in groups.items():
        wsoa = sum(1 for r in group if r.outcome == "wsoa")
        out.append((key, len(group), wsoa, percent(wsoa, len(group))))
    return out


def _old_full(rows: Sequence[InspectionRow]) -> list[InspectionRow]:
    return [r for r in _published(rows) if r.outcome in ("wsoa", "no_wsoa")]


def _wsoa_columns(first: Column) -> tuple[Column, ...]:
    return (
        first,
        _col("inspected", "Areas inspected"),
        _col("wsoa", "Written statement of action required"),
        _col("rate", "Rate (%)"),
    )


def wsoa_by_year(rows: Sequence[InspectionRow]) -> Figure:
    return Figure(
        "wsoa-by-year",
        "Written statements of action required, by year (2016 framework)",
        "Share of full inspections published in each year that required a written statement "
        "of action.",
        _wsoa_columns(_col("year", "Year", "gYear")),
        _wsoa_rows(_by_year(_old_full(rows))),
        series=("rate",),
        percent=True,
    )


def wsoa_by_region(rows: Sequence[InspectionRow]) -> Figure:
    old = _old_full(rows)
    groups = {str(reg): [r for r in old if r.region == reg] for reg in Region.values}
    return Figure(
        "wsoa-by-region",
        "Written statements of action required, by region (2016 framework)",
        "Share of full inspections in each Ofsted region that required a written statement "
        "of action.",
        _wsoa_columns(_col("region", "Region", "string")),
        _wsoa_rows({k: v for k, v in groups.items() if v}),
        series=("rate",),
        percent=True,
    )


def _outcome_rows(groups: dict[object, list[InspectionRow]]) -> list[tuple[object, ...]]:
    return [
        (
            key,
            len(group),
            *(sum(1 for r in group if r.outcome == o) for o in OUTCOMES_2023),
            sum(1 for r in group if not r.outcome),
        )
        for key, group in groups.items()
        if group
    ]


def _outcome_columns(first: Column) -> tuple[Column, ...]:
    return (
        first,
        _col("inspected", "Areas inspected"),
        _col("positive", "Positive"),
        _col("inconsistent", "Inconsistent"),
        _col("systemic_failings", "Widespread or systemic failings"),
        _col("not_recorded", "Outcome not recorded here"),
    )


def _new_full(rows: Sequence[InspectionRow]) -> list[InspectionRow]:
    # A published report whose outcome no source records still counts as an inspection.
    return [r for r in _published(rows) if r.framework == "2023" and r.kind == "full"]


def outcomes_by_year(rows: Sequence[InspectionRow]) -> Figure:
    return Figure(
        "outcomes-by-year",
        "Outcomes of full inspections, by year (2023 framework)",
        "The three outcomes of full inspections published in each year.",
        _outcome_columns(_col("year", "Year", "gYear")),
        _outcome_rows(_by_year(_new_full(rows))),
        series=(*OUTCOMES_2023, "not_recorded"),
    )


def outcomes_by_region(rows: Sequence[InspectionRow]) -> Figure:
    new = _new_full(rows)
    return Figure(
        "outcomes-by-region",
        "Outcomes of full inspections, by region (2023 framework)",
        "The three outcomes of full inspections in each Ofsted region.",
        _outcome_columns(_col("region", "Region", "string")),
        _outcome_rows({str(g): [r for r in new if r.region == g] for g in Region.values}),
        series=(*OUTCOMES_2023, "not_recorded"),
    )


def revisit_results(rows: Sequence[InspectionRow]) -> Figure:
    counts = Counter(r.revisit_result for r in _published(rows) if r.kind == "revisit")
    return Figure(
        "revisit-results",
        "Revisit results",
        "Revisits by whether the area made sufficient progress on all, some or none of its "
        "significant weaknesses.",
        (_col("result", "Result", "string"), _col("revisits", "Revisits")),
        [(label, counts[key]) for key, label in REVISIT_LABELS.items()],
        series=("revisits",),
    )


def _days(rows: Sequence[InspectionRow], framework: str | None = None) -> list[int]:
    return sorted(
        r.working_days_to_publication
        for r in rows
        if r.kind == "full"
        and r.working_days_to_publication is not None
        and framework in (None, r.framework)
    )


def publication_days_summary(rows: Sequence[InspectionRow]) -> Figure:
    """Median and 10th/90th percentiles (inclusive method: no value beyond the data)."""
    figures: list[tuple[object, ...]] = []
    chosen = [(label, f.value) for f, label in FRAMEWORK_LABELS.items()]
    for label, framework in [*chosen, ("All", None)]:
        days = _days(rows, framework)
        if len(days) < 2:
            continue
        deciles = statistics.quantiles(days, n=10, method="inclusive")
        figures.append(
            (
                label,
                len(days),
                round(deciles[0]),
                round(statistics.median(days)),
                round(deciles[8]),
            )
        )
    return Figure(
        "publication-days-summary",
        "Working days from the end of on-site work to publication: summary",
        "Working days (England bank holidays excluded) from the last on-site day of a full "
        "inspection to the letter's publication: the middle value and the 10th and 90th "
        "percentiles.",
        (
            _col("framework", "Framework", "string"),
            _col("inspections", "Full inspections"),
            _col("p10", "10th percentile"),
            _col("median", "Median"),
            _col("p90", "90th percentile"),
        ),
        figures,
        series=(),
    )


def publication_days_histogram(rows: Sequence[InspectionRow]) -> Figure:
    days = _days(rows)
    buckets = Counter(d // BUCKET for d in days)
    span = range(min(buckets), max(buckets) + 1) if buckets else range(0)
    return Figure(
        "publication-days",
        "Working days from the end of on-site work to publication",
        f"Full inspections by working days to publication, in bands of {BUCKET}.",
        (_col("band", "Working days", "string"), _col("inspections", "Inspections")),
        [(f"{b * BUCKET} to {b * BUCKET + BUCKET - 1}", buckets[b]) for b in span],
        series=("inspections",),
    )


def weakness_themes(rows: Sequence[WeaknessRow]) -> Figure:
    counts = Counter(r.theme for r in rows)
    total = sum(counts.values())
    ranked = sorted(themes.LABELS, key=lambda t: (-counts[t], themes.LABELS[t]))
    return Figure(
        "weakness-themes",
        "Most common weakness themes",
        "Significant weaknesses and areas for priority action whose wording is recorded, by "
        "theme (keyword rules, corrected by staff).",
        (
            _col("theme", "Theme", "string"),
            _col("weaknesses", "Weaknesses"),
            _col("share", "Share (%)"),
        ),
        [(themes.LABELS[t], counts[t], percent(counts[t], total)) for t in ranked if counts[t]],
        series=("weaknesses",),
    )


_FROM_INSPECTIONS: tuple[Callable[[Sequence[InspectionRow]], Figure], ...] = (
    inspections_by_year,
    wsoa_by_year,
    wsoa_by_region,
    outcomes_by_year,
    outcomes_by_region,
    revisit_results,
    publication_days_summary,
    publication_days_histogram,
)


#: Every figure's slug, in page order: the dashboard's CSV addresses are made from these, so
#: that each is a fixed URL (a test checks they match the figures).
SLUGS = (
    "inspections-by-year",
    "wsoa-by-year",
    "wsoa-by-region",
    "outcomes-by-year",
    "outcomes-by-region",
    "revisit-results",
    "publication-days-summary",
    "publication-days",
    "weakness-themes",
)


def all_figures(
    inspections: Sequence[InspectionRow] | None = None,
    weaknesses: Sequence[WeaknessRow] | None = None,
) -> list[Figure]:
    """Every dashboard figure, from one read of the log where the caller gives its rows."""
    if inspections is None or weaknesses is None:
        inspections, weaknesses = inspections_and_weaknesses()
    return [*(f(inspections) for f in _FROM_INSPECTIONS), weakness_themes(weaknesses)]


def figure(slug: str) -> Figure | None:
    return next((f for f in all_figures() if f.slug == slug), None)
