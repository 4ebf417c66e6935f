"""The register's datasets: one query per dataset, returning typed rows.

The pages, the dashboard, the open-data downloads (and a future API) all read
these functions, so a number on a page and the same number in a download come
from the same rows. Each function reads the whole national log (or one area's
part of it) in a fixed, small number of queries, whatever the number of areas.

Facts come from the §9 event log (HistoryEvent). The official national table
(OfficialInspectionRecord, loaded by ``load_national``) fills in what events
cannot say: weakness counts where the wording was not recorded, and revisit
results where the per-weakness judgements were not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from areasend.areas import national, sources
from areasend.areas.event_log import EVENT_COLUMNS, event_from_row, event_from_values
from areasend.areas.models import AreaType, HistoryEvent, LocalArea, OfficialInspectionRecord
from areasend.framework.calendar import england
from areasend.framework.events import Event, EventType, PlanKind
from areasend.framework.labels import PLAN_LABELS
from areasend.register import themes
from areasend.register.models import ThemeCorrection
from areasend.register.rows import (
    AreaRow,
    CoverageRow,
    InspectionRow,
    OutcomeRow,
    PlanRow,
    ProgressRow,
    SourceRow,
    WeaknessRow,
)

Scope = LocalArea | Sequence[LocalArea] | None


# --- Reading the log --------------------------------------------------------


@dataclass
class _Inspection:
    area: _Area
    id: str
    kind: str = ""
    framework: str = ""
    notified: dt.date | None = None
    started: dt.date | None = None
    ended: dt.date | None = None
    letter_dated: dt.date | None = None
    published: dt.date | None = None
    outcome: str = ""
    weaknesses: tuple[str, ...] = ()
    weakness_count: int | None = None
    judgements: list[Event] = field(default_factory=list)
    official_result: str = ""
    sufficient_count: int | None = None
    insufficient_count: int | None = None
    source: str = ""
    report_url: str = ""
    reported_start: dt.date | None = None
    reported_end: dt.date | None = None
    date_precision: str = "day"
    #: DfE and NHS England releases from monitoring after this full inspection.
    releases: list[Event] = field(default_factory=list)


def _scoped(query: typing.Any, scope: Scope) -> typing.Any:
    if scope is None:
        return query
    if isinstance(scope, LocalArea):
        return query.filter(area=scope)
    return query.filter(area__in=[a.pk for a in scope])


@dataclass(frozen=True)
class _Area:
    """What the rows say of an event's area, read with the event (no model instance per row)."""

    pk: int
    gss_code: str
    name: str
    slug: str
    region: str


_AREA_COLUMNS = ("area_id", "area__gss_code", "area__name", "area__slug", "area__region")


def _area_of(values: tuple[typing.Any, ...], seen: dict[int, _Area]) -> _Area:
    found = seen.get(values[0])
    if found is None:
        found = seen[values[0]] = _Area(*values)
    return found


def _events(scope: Scope) -> list[tuple[_Area, Event]]:
    rows = _scoped(HistoryEvent.objects.filter(area__isnull=False), scope)
    # The fields are read as text and each distinct text decoded once: decoding was most of
    # the read, and the national log's 924 events hold only 42 distinct texts. (Each Event
    # copies what it needs, so events sharing one decoded dict is safe.)
    rows = rows.annotate(fields_text=Cast("fields", TextField()))
    columns = (*_AREA_COLUMNS, *("fields_text" if c == "fields" else c for c in EVENT_COLUMNS))
    seen: dict[int, _Area] = {}
    decoded: dict[str, dict[str, typing.Any]] = {}
    found = []
    for values in rows.order_by("date", "position", "pk").values_list(*columns):
        date, event, text, *rest = values[5:]
        if text not in decoded:
            decoded[text] = json.loads(text)
        found.append(
            (_area_of(values[:5], seen), event_from_values(date, event, decoded[text], *rest))
        )
    return found


def _inspections(
    scope: Scope, events: list[tuple[_Area, Event]] | None = None
) -> list[_Inspection]:
    found: dict[tuple[int, str], _Inspection] = {}
    latest_full: dict[int, _Inspection] = {}
    for area, event in _events(scope) if events is None else events:
        if event.type is EventType.RELEASED_FROM_MONITORING and area.pk in latest_full:
            latest_full[area.pk].releases.append(event)
        if not event.inspection:
            continue
        key = (area.pk, event.inspection)
        i = found.get(key) or found.setdefault(key, _Inspection(area=area, id=event.inspection))
        _apply(i, event)
        if event.type is EventType.INSPECTION_NOTIFIED and i.kind == "full":
            latest_full[area.pk] = i
    seen: dict[int, _Area] = {}
    official = _scoped(OfficialInspectionRecord.objects.all(), scope)
    for values in official.values_list(*_AREA_COLUMNS, *_OFFICIAL_COLUMNS):
        area = _area_of(values[:5], seen)
        record = _Official(*values[5:])
        key = (area.pk, record.inspection)
        i = found.get(key) or found.setdefault(key, _Inspection(area=area, id=record.inspection))
        _apply_official(i, record)
    return sorted(
        found.values(),
        key=lambda i: (i.area.name, i.started or i.notified or i.published or dt.date.max),
    )


def _apply(i: _Inspection, event: Event) -> None:
    if event.source and not i.source:
        i.source = event.source
    match event.type:
        case EventType.INSPECTION_NOTIFIED:
            i.kind = str(event.kind or "full")
            i.framework = str(event.framework or "")
            i.notified = event.date
        case EventType.FIELDWORK_STARTED:
            i.started = i.started or event.date
        case EventType.FIELDWORK_ENDED:
            i.ended = event.date
        case EventType.LETTER_DATED:
            # A dated letter may already carry the findings its publication repeats.
            i.letter_dated = event.date
            i.outcome = str(event.outcome or i.outcome)
            i.weaknesses = event.weaknesses or i.weaknesses
        case EventType.LETTER_PUBLISHED:
            i.published = event.date
            i.outcome = str(event.outcome or i.outcome)
            i.weaknesses = event.weaknesses or i.weaknesses
            if event.source:
                i.source = event.source
        case EventType.PROGRESS_JUDGED:
            i.judgements.append(event)


class _Official(typing.NamedTuple):
    """What the rows read of an official record, read as values (no model instance per row)."""

    inspection: str
    kind: str
    framework: str
    start_date: dt.date | None
    publication_date: dt.date | None
    outcome: str
    weakness_count: int | None
    revisit_result: str
    sufficient_count: int | None
    insufficient_count: int | None
    source: str
    report_url: str
    reported_start: dt.date | None
    reported_end: dt.date | None
    date_precision: str


_OFFICIAL_COLUMNS = _Official._fields


def _apply_official(i: _Inspection, record: _Official) -> None:
    """Fill in what the events do not say; where both say something, the events win."""
    i.kind = i.kind or record.kind
    i.framework = i.framework or record.framework
    i.started = i.started or record.start_date
    i.published = i.published or record.publication_date
    i.outcome = i.outcome or record.outcome
    i.weakness_count = record.weakness_count
    i.official_result = record.revisit_result
    i.sufficient_count = record.sufficient_count
    i.insufficient_count = record.insufficient_count
    # The record lists every source of a national inspection, its events' first; a
    # demonstration history's own source comes before the tables'.
    if not i.source or record.source.startswith(i.source):
        i.source = record.source
    else:
        i.source = f"{i.source}; {record.source}"
    i.report_url = record.report_url
    # The dates as printed: the report's line, else the table's first day (2016 and MI rows).
    i.reported_start = record.reported_start or record.start_date
    i.reported_end = record.reported_end
    i.date_precision = record.date_precision


def _result(sufficient: int, insufficient: int) -> str:
    if sufficient + insufficient == 0:
        return ""
    if insufficient == 0:
        return "all"
    return "none" if sufficient == 0 else "some"


def _inspection_row(i: _Inspection) -> InspectionRow:
    # The events' judgements decide the result unless the official table counts more
    # weaknesses than they judge (a history that records only some of the judgements).
    official_total = (i.sufficient_count or 0) + (i.insufficient_count or 0)
    if i.judgements and len(i.judgements) >= official_total:
        sufficient: int | None = sum(1 for e in i.judgements if e.sufficient)
        insufficient: int | None = len(i.judgements) - (sufficient or 0)
        result = _result(sufficient or 0, insufficient or 0)
    else:
        sufficient, insufficient = i.sufficient_count, i.insufficient_count
        result = i.official_result or _result(sufficient or 0, insufficient or 0)
    # Likewise the count: the letter's wording where it lists them all, else the table's count.
    count = max(len(i.weaknesses), i.weakness_count or 0) if i.weaknesses else i.weakness_count
    if count is None and i.outcome in ("no_wsoa", "positive"):
        count = 0
    days = None
    if i.ended and i.published:
        days = england().count_working_days(i.ended, i.published)
    return InspectionRow(
        area_code=i.area.gss_code,
        area_name=i.area.name,
        area_slug=i.area.slug,
        region=i.area.region,
        inspection=i.id,
        kind=i.kind,
        framework=i.framework,
        notified=i.notified,
        reported_start=i.reported_start,
        reported_end=i.reported_end,
        fieldwork_started=i.started,
        fieldwork_ended=i.ended,
        letter_dated=i.letter_dated,
        published=i.published,
        year=i.published.year if i.published else None,
        outcome=i.outcome,
        weakness_count=count,
        weaknesses_worded=len(i.weaknesses),
        revisit_result=result if i.kind != "full" else "",
        sufficient_count=sufficient,
        insufficient_count=insufficient,
        working_days_to_publication=days,
        report_url=i.report_url,
        source=i.source,
        date_precision=i.date_precision,
    )


# --- Datasets ---------------------------------------------------------------


def inspections_and_weaknesses(
    scope: Scope = None,
) -> tuple[list[InspectionRow], list[WeaknessRow]]:
    """The inspection rows and the weakness rows from one read of the log (the dashboard)."""
    found = _inspections(scope)
    return [_inspection_row(i) for i in found], _weakness_rows(found, _corrections())


def inspection_rows(scope: Scope = None) -> list[InspectionRow]:
    """Every inspection, revisit and monitoring inspection, one row each."""
    return [_inspection_row(i) for i in _inspections(scope)]


def outcome_rows(scope: Scope = None) -> list[OutcomeRow]:
    """The judgement of every published full inspection."""
    return [
        OutcomeRow(
            area_code=r.area_code,
            area_name=r.area_name,
            region=r.region,
            inspection=r.inspection,
            framework=r.framework,
            reported_start=r.reported_start,
            fieldwork_started=r.fieldwork_started,
            published=r.published,
            year=r.year,
            outcome=r.outcome,
            outcome_label=r.outcome_label,
            weakness_count=r.weakness_count,
            report_url=r.report_url,
            date_precision=r.date_precision,
        )
        for r in inspection_rows(scope)
        if r.kind == "full" and r.outcome and (r.published or r.publication_unrecorded)
    ]


def coverage_rows(inspections: Sequence[InspectionRow] | None = None) -> list[CoverageRow]:
    """Per framework and calendar year of publication, the full inspections held, beside
    Ofsted's published count; for the 2016 framework also the whole programme, which is
    the only period its final statistics count."""
    rows = inspection_rows() if inspections is None else inspections
    full = [r for r in rows if r.kind == "full" and r.framework in ("2016", "2023")]
    counts = {(c.framework, c.period): c for c in national.read_published_counts()}
    held: dict[tuple[str, str], int] = defaultdict(int)
    for r in full:
        if r.year is not None:
            held[(r.framework, str(r.year))] += 1
    # Published or not: Dorset and Northamptonshire are held to the month only.
    held[("2016", "2016-2022")] = sum(1 for r in full if r.framework == "2016")
    out = []
    for key in sorted(set(held) | set(counts), key=lambda k: (k[0], len(k[1]) > 4, k[1])):
        count = counts.get(key)
        number = count.full_inspections if count else None
        out.append(
            CoverageRow(
                framework=key[0],
                period=key[1],
                held=held.get(key, 0),
                ofsted_count=number,
                not_held=max(number - held.get(key, 0), 0) if number is not None else None,
                ofsted_as_at=count.as_at if count else None,
                ofsted_source=count.source if count else "",
                note=count.note
                if count
                else "Ofsted's statistics the register holds give no count for this period",
            )
        )
    return out


def source_rows() -> list[SourceRow]:
    """The sources the national history draws on, best first, with their dates."""
    return [SourceRow(**dataclasses.asdict(s)) for s in sources.read_sources()]


_LA_TYPES = dict(AreaType.choices)


def area_rows(
    scope: Scope = None, *, inspections: Sequence[InspectionRow] | None = None
) -> list[AreaRow]:
    """Every local area (current and former) with its latest published outcome.

    ``inspections``: the rows of ``inspection_rows(scope)`` when the caller already has them.
    """
    by_area: dict[str, list[InspectionRow]] = defaultdict(list)
    for r in inspection_rows(scope) if inspections is None else inspections:
        if r.published or r.publication_unrecorded:
            by_area[r.area_code].append(r)
    areas = LocalArea.objects.order_by("name")
    if scope is not None:
        chosen = [scope] if isinstance(scope, LocalArea) else scope
        areas = areas.filter(pk__in=[a.pk for a in chosen])
    rows = []
    for code, name, slug, region, la_type, valid_from, valid_to in areas.values_list(
        "gss_code", "name", "slug", "region", "la_type", "valid_from", "valid_to"
    ):
        published = sorted(
            by_area[code], key=lambda r: r.published or r.fieldwork_started or dt.date.min
        )
        full = [r for r in published if r.kind == "full" and r.outcome]
        revisits = [r for r in published if r.revisit_result]
        latest = full[-1] if full else None
        rows.append(
            AreaRow(
                area_code=code,
                area_name=name,
                area_slug=slug,
                region=region,
                la_type=_LA_TYPES.get(la_type, la_type),
                valid_from=valid_from,
                valid_to=valid_to,
                full_inspections=len(full),
                latest_inspection=latest.inspection if latest else "",
                latest_published=latest.published if latest else None,
                latest_framework=latest.framework if latest else "",
                latest_outcome=latest.outcome if latest else "",
                latest_revisit_result=revisits[-1].revisit_result if revisits else "",
            )
        )
    return rows


def _corrections() -> dict[tuple[str, int | None, str], str]:
    return {
        (c.weakness_hash, c.area_id, c.inspection): c.theme for c in ThemeCorrection.objects.all()
    }


def theme_of(
    text: str,
    area: _Area | LocalArea,
    inspection: str,
    corrections: dict[tuple[str, int | None, str], str],
) -> tuple[str, bool]:
    """The weakness's theme, and whether a person chose it (the most specific correction wins)."""
    digest = themes.text_hash(text)
    for key in ((digest, area.pk, inspection), (digest, area.pk, ""), (digest, None, "")):
        if key in corrections:
            return corrections[key], True
    return themes.theme_for(text), False


def weakness_rows(scope: Scope = None) -> list[WeaknessRow]:
    """Every worded weakness (or area for priority action) and the latest judgement of it."""
    return _weakness_rows(_inspections(scope), _corrections())


def _weakness_rows(
    inspections: list[_Inspection], corrections: dict[tuple[str, int | None, str], str]
) -> list[WeaknessRow]:
    judged: dict[tuple[int, str], tuple[Event, str]] = {}
    full_starts: dict[int, list[dt.date]] = defaultdict(list)
    for i in inspections:
        for e in i.judgements:
            judged[(i.area.pk, themes.normalise(e.weakness or ""))] = (e, i.id)
        if i.kind == "full" and (i.notified or i.started):
            full_starts[i.area.pk].append(i.notified or i.started or dt.date.min)
    rows = []
    for i in inspections:
        # Never judged: the outcome has no follow-up, or the next full inspection came first.
        followed = i.outcome in FOLLOWED_UP and not any(
            i.published and day > i.published for day in full_starts[i.area.pk]
        )
        for text in i.weaknesses:
            theme, corrected = theme_of(text, i.area, i.id, corrections)
            found = judged.get((i.area.pk, themes.normalise(text)))
            later = found if found and i.published and found[0].date > i.published else None
            progress = "not yet judged" if followed else "not judged"
            if later:
                progress = "sufficient" if later[0].sufficient else "not sufficient"
            released = _released_on(i.releases, text, progress)
            rows.append(
                WeaknessRow(
                    area_code=i.area.gss_code,
                    area_name=i.area.name,
                    area_slug=i.area.slug,
                    region=i.area.region,
                    inspection=i.id,
                    framework=i.framework,
                    published=i.published,
                    weakness=text,
                    theme=theme,
                    theme_label=themes.LABELS[theme],
                    theme_corrected=corrected,
                    progress=progress,
                    judged_on=later[0].date if later else None,
                    judged_in=later[1] if later else "",
                    released_on=released,
                )
            )
    return rows


#: Outcomes whose weaknesses a revisit or monitoring inspection judges (RV-9, NF-MON-2).
FOLLOWED_UP = frozenset({"wsoa", "systemic_failings"})


def _released_on(releases: Sequence[Event], text: str, progress: str) -> dt.date | None:
    """The release that names the weakness, else the release of all still monitored
    (a weakness judged sufficient was no longer monitored)."""
    wanted = themes.normalise(text)
    named = [e.date for e in releases if e.weakness and themes.normalise(e.weakness) == wanted]
    if named:
        return named[0]
    if progress == "sufficient":
        return None
    return next((e.date for e in releases if not e.weakness), None)


def progress_rows(scope: Scope = None) -> list[ProgressRow]:
    """Every judgement of progress on a weakness, from revisit and monitoring letters."""
    return _progress_rows(_inspections(scope))


def _progress_rows(inspections: list[_Inspection]) -> list[ProgressRow]:
    return [
        ProgressRow(
            area_code=i.area.gss_code,
            area_name=i.area.name,
            region=i.area.region,
            inspection=i.id,
            kind=i.kind,
            date=e.date,
            weakness=e.weakness or "",
            sufficient=bool(e.sufficient),
            source=e.source or i.source,
        )
        for i in inspections
        for e in i.judgements
    ]


def plan_rows(area: LocalArea) -> list[PlanRow]:
    """The area's plans (written statement of action, priority action plan ...) and their steps."""
    return _plan_rows(area, _events(area))


def _plan_rows(area: LocalArea, events: list[tuple[_Area, Event]]) -> list[PlanRow]:
    plans: dict[tuple[str, str], dict[str, typing.Any]] = {}
    kinds = (EventType.PLAN_SUBMITTED, EventType.PLAN_JUDGED, EventType.PLAN_PUBLISHED)
    for _, e in events:
        if e.type not in kinds:
            continue
        plan = plans.setdefault((e.inspection or "", str(e.plan)), {"source": ""})
        step = {kinds[0]: "submitted", kinds[1]: "judged", kinds[2]: "published"}[e.type]
        plan[step] = e.date
        if e.type is EventType.PLAN_JUDGED:
            plan["fit"] = e.fit
        plan["source"] = e.source or plan["source"]
    return [
        PlanRow(
            area_code=area.gss_code,
            inspection=inspection,
            plan=kind,
            plan_label=PLAN_LABELS.get(PlanKind(kind), kind) if kind in set(PlanKind) else kind,
            submitted=p.get("submitted"),
            judged=p.get("judged"),
            fit=p.get("fit"),
            published=p.get("published"),
            source=p["source"],
        )
        for (inspection, kind), p in plans.items()
    ]


@dataclass(frozen=True)
class AreaRecord:
    """One area's rows of every dataset, as its page shows them."""

    inspections: list[InspectionRow]
    weaknesses: list[WeaknessRow]
    progress: list[ProgressRow]
    plans: list[PlanRow]


def area_record(area: LocalArea) -> AreaRecord:
    """The area's inspections, weaknesses, judgements and plans from three queries."""
    events = _events(area)
    found = _inspections(area, events)
    return AreaRecord(
        inspections=[_inspection_row(i) for i in found],
        weaknesses=_weakness_rows(found, _corrections()),
        progress=_progress_rows(found),
        plans=_plan_rows(area, events),
    )


def history_events(area: LocalArea) -> list[Event]:
    """The area's own events (no national ones), oldest first, for the §9 download."""
    rows = HistoryEvent.objects.filter(Q(area=area)).select_related("area")
    return [event_from_row(row) for row in rows.order_by("date", "position", "pk")]
