"""Public pages. Views parse the request and read; the framework computes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS

from areasend.api.docs import reference as api_reference
from areasend.areas.event_log import status_of, stored_events
from areasend.areas.models import AreaName, LocalArea, OfficialInspectionRecord, Region
from areasend.areas.resolve import AreaLookupError, directory_from_db, normalise
from areasend.casework import clock
from areasend.framework.evaluate import chronology
from areasend.framework.events import Event, EventType
from areasend.framework.history import dump_history
from areasend.framework.labels import FRAMEWORK_LABELS
from areasend.framework.meanings import meaning_of
from areasend.improvement.models import Plan
from areasend.register import catalogue, datasets, export, figures
from areasend.register.caching import cached_public, cached_public_reading
from areasend.register.charts import bar_chart
from areasend.register.describe import describe_history, weaknesses_text
from areasend.register.notice_week import notice_week
from areasend.register.rows import OUTCOME_LABELS, InspectionRow, ProgressRow, WeaknessRow

#: Obligations that say when the area's next inspection is expected (framework.md rule IDs).
NEXT_INSPECTION_RULES = ("NF-ACT-2", "NF-ACT-3", "OF-WSOA-9", "RV-2", "NF-MON-1")
FRAMEWORKS = tuple((f.value, label) for f, label in FRAMEWORK_LABELS.items())


@cached_public
def home(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    return render(
        request,
        "register/home.html",
        {
            "current_count": LocalArea.objects.in_force_on(today).count(),
            "former_count": LocalArea.objects.filter(valid_to__lt=today).count(),
        },
    )


@dataclass(frozen=True)
class AreaFilters:
    query: str
    region: str
    outcomes: tuple[str, ...]
    framework: str
    year: int | None

    @classmethod
    def from_request(cls, request: HttpRequest) -> AreaFilters:
        region = request.GET.get("region", "")
        framework = request.GET.get("framework", "")
        year = request.GET.get("year", "")
        return cls(
            query=request.GET.get("q", "").strip()[:100],
            region=region if region in Region.values else "",
            outcomes=tuple(o for o in request.GET.getlist("outcome") if o in OUTCOME_LABELS),
            framework=framework if framework in dict(FRAMEWORKS) else "",
            year=int(year) if year.isdigit() and len(year) == 4 else None,
        )

    def inspection_matches(self, row: InspectionRow) -> bool:
        return (
            (not self.outcomes or row.outcome in self.outcomes)
            and (not self.framework or row.framework == self.framework)
            and (self.year is None or row.year == self.year)
        )

    @property
    def by_inspection(self) -> bool:
        return bool(self.outcomes or self.framework or self.year)


def _name_matches(query: str) -> tuple[set[str], list[str]]:
    """Codes of areas with a current or former name containing the query at a word start
    ("Hull" finds Kingston upon Hull, not Solihull); else the resolver's fuzzy match or suggestions.
    """
    wanted = " " + normalise(query)
    names = AreaName.objects.select_related("area").values_list("area__gss_code", "name")
    own = LocalArea.objects.values_list("gss_code", "name")
    found = {code for code, name in [*own, *names] if wanted in " " + normalise(name)}
    if found:
        return found, []
    try:
        return {directory_from_db().resolve(query).gss_code}, []
    except AreaLookupError as error:
        return set(), [c.name for c in error.candidates]


def _area_link() -> Callable[[str], str]:
    """An area page's address from its slug, reversing the route once (a slug needs no quoting)."""
    pattern = reverse("register:area_detail", args=["SLUG"])
    return lambda slug: pattern.replace("SLUG", slug)


def _day(day: dt.date | None) -> str:
    """As the template filter ``date:"j F Y"`` writes it."""
    return f"{day.day} {MONTHS[day.month]} {day.year}" if day else ""


@cached_public_reading("q", "region", "outcome", "framework", "year")
def area_list(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    filters = AreaFilters.from_request(request)
    inspections = datasets.inspection_rows()
    rows = datasets.area_rows(inspections=inspections)
    suggestions: list[str] = []
    if filters.query:
        codes, suggestions = _name_matches(filters.query)
        rows = [r for r in rows if r.area_code in codes]
    if filters.region:
        rows = [r for r in rows if r.region == filters.region]
    if filters.by_inspection:
        codes = {i.area_code for i in inspections if i.published and filters.inspection_matches(i)}
        rows = [r for r in rows if r.area_code in codes]
    years = sorted({i.year for i in inspections if i.year}, reverse=True)
    successors: dict[str, list[str]] = defaultdict(list)
    for earlier, name in LocalArea.predecessors.through.objects.values_list(
        "to_localarea__gss_code", "from_localarea__name"
    ):
        successors[earlier].append(name)
    current = [r for r in rows if r.valid_to is None or r.valid_to >= today]
    former = [(r, successors[r.area_code]) for r in rows if r.valid_to and r.valid_to < today]
    link = _area_link()
    return render(
        request,
        "register/area_list.html",
        {
            "current": current,
            "former": former,
            # What each table row prints, worked out here: a {% url %} and a |date per row
            # were half the uncached page's rendering.
            "current_table": [(r, link(r.area_slug), _day(r.latest_published)) for r in current],
            "former_table": [
                (r, link(r.area_slug), _day(r.valid_to), ", ".join(names)) for r, names in former
            ],
            "filters": filters,
            "suggestions": suggestions,
            "regions": Region.choices,
            "outcomes": list(OUTCOME_LABELS.items()),
            "frameworks": FRAMEWORKS,
            "years": years,
        },
    )


def _counted(rows: list[InspectionRow]) -> dict[str, str]:
    """Each inspection's weaknesses in words, from the same row the inspection card counts."""
    return {
        r.inspection: weaknesses_text(r.outcome, r.weaknesses_worded, r.weakness_count)
        for r in rows
    }


@dataclass(frozen=True)
class InspectionSummary:
    row: InspectionRow
    weaknesses: list[WeaknessRow]
    unworded: int
    judgements: list[ProgressRow]
    #: For a revisit or monitoring inspection: weaknesses of the letter it follows up whose
    #: judgement the record does not hold (Kent 2022 judged 9; 6 are recorded).
    unjudged: int = 0


def _unjudged(row: InspectionRow, rows: list[InspectionRow]) -> int:
    if row.kind == "full" or row.sufficient_count is None or row.insufficient_count is None:
        return 0
    before = [
        r
        for r in rows
        if r.kind == "full"
        and r.fieldwork_started
        and row.fieldwork_started
        and r.fieldwork_started < row.fieldwork_started
    ]
    count = before[-1].weakness_count if before else None
    return max((count or 0) - row.sufficient_count - row.insufficient_count, 0)


@cached_public
def area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(
        LocalArea.objects.prefetch_related(
            "codes",
            "names",
            "predecessors",
            "successors",
            "statistical_neighbours",
            "nhs_partners__body",
        ),
        slug=slug,
    )
    today = clock.today()
    history = stored_events(area)
    status = status_of(history, today) if area.is_current else None
    record = datasets.area_record(area)
    weaknesses: dict[str, list[WeaknessRow]] = defaultdict(list)
    for w in record.weaknesses:
        weaknesses[w.inspection].append(w)
    judgements: dict[str, list[ProgressRow]] = defaultdict(list)
    for p in record.progress:
        judgements[p.inspection].append(p)
    summaries = [
        InspectionSummary(
            row=r,
            weaknesses=weaknesses[r.inspection],
            unworded=max((r.weakness_count or 0) - r.weaknesses_worded, 0),
            judgements=judgements[r.inspection],
            unjudged=_unjudged(r, record.inspections),
        )
        for r in record.inspections
    ]
    neighbours = list(area.statistical_neighbours.all())
    counts = _counted(record.inspections)
    # A parent reads the latest full inspection's outcome first; none before one is published.
    latest = next((s for s in reversed(summaries) if s.row.outcome), None)
    return render(
        request,
        "register/area_detail.html",
        {
            "area": area,
            "today": today,
            "status": status,
            "next_inspections": [
                o
                for o in (status.public_upcoming if status else ())
                if o.rule in NEXT_INSPECTION_RULES
            ],
            "inspections": summaries,
            "latest": latest,
            "meaning": meaning_of(latest.row.outcome) if latest else None,
            "plans": record.plans,
            # The area itself first, so its neighbours read side by side with it.
            "neighbours": sorted(
                datasets.area_rows([area, *neighbours]) if neighbours else [],
                key=lambda r: r.area_code != area.gss_code,
            ),
            "events": describe_history((e for e in history if e.area is not None), counts),
            "notice": notice_week(area, history=history) if area.is_current else None,
            "former_codes": [c for c in area.codes.all() if c.valid_to],
            "other_names": sorted(n.name for n in area.names.all() if n.name != area.name),
        },
    )


@dataclass(frozen=True)
class TimelineEntry:
    event: Event
    text: str
    weaknesses: tuple[str, ...]
    link: str
    link_text: str


def _timeline_link(
    event: Event, plans: dict[tuple[str, str], Plan], reports: dict[str, str]
) -> tuple[str, str]:
    """Where a parent can read more: the published letter, report or plan, or the source."""
    source = event.source or ""
    if event.type is EventType.LETTER_PUBLISHED and source.startswith("casework:"):
        return reverse("inspections:letter", args=[event.inspection]), "Read the letter"
    if event.type is EventType.LETTER_PUBLISHED and event.inspection in reports:
        return reports[event.inspection], "Read the report"
    if event.type is EventType.PLAN_PUBLISHED:
        plan = plans.get((str(event.plan), event.inspection or ""))
        if plan is not None and plan.published_url:
            return plan.published_url, "Read the plan"
    if source.startswith("http"):
        return source, "Source"
    return "", ""


@cached_public
def area_timeline(request: HttpRequest, slug: str) -> HttpResponse:
    """Every event of the area's history, oldest first, in plain English, with where the
    area stands now and what is due."""
    area = get_object_or_404(LocalArea, slug=slug)
    history = stored_events(area)
    own = [e for e in history if e.area is not None]
    first, last = (own[0].date, own[-1].date) if own else (None, None)
    plans = {(p.kind, p.inspection): p for p in Plan.objects.filter(area=area)}
    records = list(OfficialInspectionRecord.objects.filter(area=area).order_by("publication_date"))
    reports = {r.inspection: r.report_url for r in records if r.report_url}
    # The letter's count of weaknesses, as the area page gives it (the official table's).
    counts = _counted(datasets.inspection_rows(area))
    entries = []
    # The national pause is shown where it falls inside the area's own history.
    shown = (
        e
        for e in chronology(history)
        if e.area is not None or (first and last and first <= e.date <= last)
    )
    for d in describe_history(shown, counts):
        link, link_text = _timeline_link(d.event, plans, reports)
        entries.append(TimelineEntry(d.event, d.text, d.weaknesses, link, link_text))
    return render(
        request,
        "register/area_timeline.html",
        {
            "area": area,
            "entries": entries,
            # Published inspections whose events a source cannot give (no day, no outcome).
            "unplaced": [r for r in records if not r.in_history],
            "status": status_of(history, clock.today()) if area.is_current else None,
        },
    )


#: When the accessibility statement was last prepared from a test of the whole service.
ACCESSIBILITY_PREPARED = dt.date(2026, 12, 2)


@cached_public
def api_docs(request: HttpRequest) -> HttpResponse:
    return render(request, "register/api_docs.html", {"ref": api_reference()})


@cached_public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "register/accessibility.html",
        {"contact": settings.AREASEND_ACCESSIBILITY_EMAIL, "prepared": ACCESSIBILITY_PREPARED},
    )


@cached_public
def dashboard(request: HttpRequest) -> HttpResponse:
    rows, weaknesses = datasets.inspections_and_weaknesses()
    shown = [(f, bar_chart(f)) for f in figures.all_figures(rows, weaknesses)]
    return render(
        request,
        "register/dashboard.html",
        {"figures": shown, **_coverage(rows)},
    )


def _coverage(rows: list[InspectionRow] | None = None) -> dict[str, object]:
    return {"coverage": datasets.coverage_rows(rows), "sources": datasets.source_rows()}


def _csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@cached_public
def dashboard_csv(request: HttpRequest, slug: str) -> HttpResponse:
    found = figures.figure(slug)
    if found is None:
        raise Http404(f"No dashboard figure is called {slug!r}")
    return _csv_response(export.to_csv(found.columns, found.rows), f"{slug}.csv")


def _distinct_labels(areas: Iterable[LocalArea]) -> list[tuple[str, str]]:
    """(slug, label) by name; areas that share a name (Dorset the county until 2019, Dorset
    the unitary council since) are told apart by their dates, or else their codes."""
    areas = sorted(areas, key=lambda a: (a.name, a.valid_from or dt.date.min))
    shared = {n for n in (a.name for a in areas) if sum(a.name == n for a in areas) > 1}
    labels = []
    for a in areas:
        label = a.name
        if a.name in shared:
            if a.valid_to:
                label += f" (until {a.valid_to:%-d %B %Y})"
            elif a.valid_from:
                label += f" (from {a.valid_from:%-d %B %Y})"
            else:
                label += f" ({a.gss_code})"
        labels.append((a.slug, label))
    return labels


@cached_public
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "register/open_data.html",
        {
            "datasets": list(catalogue.DATASETS.values()),
            "areas": _distinct_labels(
                LocalArea.objects.only("slug", "name", "gss_code", "valid_from", "valid_to")
            ),
            "licence": catalogue.LICENCE,
            "licence_url": catalogue.LICENCE_URL,
            **_coverage(),
        },
    )


def _dataset(slug: str) -> catalogue.Dataset:
    if slug not in catalogue.DATASETS:
        raise Http404(f"No dataset is called {slug!r}")
    return catalogue.DATASETS[slug]


@cached_public
def dataset_csv(request: HttpRequest, slug: str) -> HttpResponse:
    d = _dataset(slug)
    response = _csv_response(export.to_csv(d.columns, catalogue.as_tuples(d.rows())), f"{slug}.csv")
    metadata = reverse("register:dataset_metadata", kwargs={"slug": slug})
    response["Link"] = f'<{metadata}>; rel="describedby"; type="application/csvm+json"'
    return response


@cached_public
def dataset_metadata(request: HttpRequest, slug: str) -> HttpResponse:
    d = _dataset(slug)
    meta = export.csvw_metadata(f"{slug}.csv", d.title, d.description, d.columns, timezone.now())
    return HttpResponse(export.dumps(meta), content_type="application/csvm+json")


@cached_public
def dataset_ods(request: HttpRequest, slug: str) -> HttpResponse:
    d = _dataset(slug)
    body = export.to_ods(d.title, d.columns, catalogue.as_tuples(d.rows()), timezone.now())
    response = HttpResponse(body, content_type="application/vnd.oasis.opendocument.spreadsheet")
    response["Content-Disposition"] = f'attachment; filename="{slug}.ods"'
    return response


@cached_public
def dataset_json(request: HttpRequest, slug: str) -> HttpResponse:
    d = _dataset(slug)
    body = export.to_json(d.title, d.columns, catalogue.as_tuples(d.rows()), timezone.now())
    return HttpResponse(export.dumps(body), content_type="application/json")


@cached_public
def area_history(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(LocalArea, slug=slug)
    lines = dump_history(datasets.history_events(area))
    response = HttpResponse(lines.encode(), content_type="application/jsonl; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.jsonl"'
    return response


def area_history_choose(request: HttpRequest) -> HttpResponse:
    """The open-data page's area picker (a plain GET form) leads to the area's download."""
    if "area" not in request.GET:
        return redirect(reverse("register:open_data") + "#history")
    area = get_object_or_404(LocalArea, slug=request.GET["area"])
    return redirect("register:area_history", slug=area.slug)
