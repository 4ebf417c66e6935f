"""The national history: every published inspection since 2016, loaded as events and records.

The official table, the MI and the hand labels are read from the shared
evidence folder and compared with what ``load_national`` (plus the
demonstration histories) stored, row by row.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Q

from areasend.accounts.models import AuditEntry
from areasend.areas.event_log import EVENT_COLUMNS, event_from_values
from areasend.areas.models import HistoryEvent, LocalArea, OfficialInspectionRecord
from areasend.areas.national import (
    NATIONAL,
    LoadResult,
    NationalDataError,
    load_histories,
    load_records,
)
from areasend.areas.resolve import directory_from_db
from areasend.framework.history import parse_event

pytestmark = pytest.mark.django_db

HISTORIES = NATIONAL.parent / "histories"
RESULTS = {"Yes": "all", "Some": "some", "No": "none"}
MI_OUTCOMES = {
    "Typically positive experiences and outcomes": "positive",
    "Inconsistent experiences and outcomes": "inconsistent",
    "Widespread and/or systemic failings": "systemic_failings",
}
#: Where a demonstration history and a published report disagree, as listed in
#: docs/data/national-history.md: none since the demonstration histories were corrected.
DOCUMENTED_DEMO_DISAGREEMENTS: set[tuple[str, str]] = set()


def _same_wording(stored: list[str] | None, labelled: list[str]) -> bool:
    """The labels give each item's opening (shortened with "…", or its first sentences);
    the history holds the report's whole words, which must open the same way."""
    if not labelled:
        return True
    if stored is None or len(stored) != len(labelled):
        return False
    return all(s.startswith(a.rstrip("…").rstrip()) for s, a in zip(stored, labelled, strict=True))


class Loaded:
    def __init__(self, second_events: LoadResult, second_records: LoadResult, added: int) -> None:
        self.second_events = second_events
        self.second_records = second_records
        self.added_by_second_load = added


@pytest.fixture(scope="module")
def loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Loaded]:
    """Load the demonstration and national histories once for the module, then twice more."""
    with django_db_blocker.unblock():
        last = HistoryEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        # Every load is audited (ADR 0021): the module's entries go with its events.
        audited = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        call_command("load_demo", stdout=StringIO())
        call_command("load_national", stdout=StringIO())
        count = HistoryEvent.objects.count(), OfficialInspectionRecord.objects.count()
        events, records = load_histories(), load_records()
        call_command("load_demo", stdout=StringIO())
        after = HistoryEvent.objects.count(), OfficialInspectionRecord.objects.count()
        added = (after[0] - count[0]) + (after[1] - count[1])
        yield Loaded(events, records, added)
        OfficialInspectionRecord.objects.all().delete()
        HistoryEvent.objects.filter(pk__gt=last).delete()
        AuditEntry.objects.filter(pk__gt=audited).delete()


def _table(shared: Path) -> list[list[str]]:
    path = shared / "data" / "ofsted" / "area_send_inspections_2016_to_2022.csv"
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))[1:]


def _area(code: str) -> LocalArea:
    return LocalArea.objects.filter(Q(gss_code=code) | Q(codes__code=code)).distinct().get()


def _resolve(name: str, on: dt.date) -> LocalArea:
    return LocalArea.objects.get(gss_code=directory_from_db().resolve(name, on).gss_code)


def _events(area: LocalArea, inspection: str) -> dict[str, list[HistoryEvent]]:
    found: dict[str, list[HistoryEvent]] = defaultdict(list)
    for row in HistoryEvent.objects.filter(area=area, inspection=inspection):
        found[row.event].append(row)
    return found


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _count(text: str) -> int | None:
    return int(float(text)) if text else None


def _one_date(events: dict[str, list[HistoryEvent]], name: str) -> dt.date | None:
    dates = {e.date for e in events.get(name, [])}
    return dates.pop() if len(dates) == 1 else None


def _check_full(row: list[str], area: LocalArea) -> list[str]:
    wrong = []
    record = OfficialInspectionRecord.objects.get(area=area, framework="2016", kind="full")
    start, published, wsoa, count = _date(row[3]), _date(row[4]), row[5] == "Yes", _count(row[6])
    said = (record.start_date, record.publication_date, record.wsoa_required, record.weakness_count)
    if said != (start, published, wsoa, count):
        wrong.append(f"{row[1]}: record says {said}, table {(start, published, wsoa, count)}")
    events = _events(area, record.inspection)
    outcomes = {
        e.fields["outcome"]
        for name in ("letter_dated", "letter_published")
        for e in events.get(name, [])
        if "outcome" in e.fields
    }
    told = (_one_date(events, "fieldwork_started"), _one_date(events, "letter_published"), outcomes)
    if told != (start, published, {"wsoa" if wsoa else "no_wsoa"}):
        wrong.append(f"{row[1]}: events say {told}")
    listed = [
        e.fields["weaknesses"]
        for e in events.get("letter_published", [])
        if "weaknesses" in e.fields
    ]
    listed += [
        e.fields["weaknesses"] for e in events.get("letter_dated", []) if "weaknesses" in e.fields
    ]
    # Where only some weaknesses are worded in the sources the letter lists those
    # (never a placeholder), so a list may be shorter than the count, never longer.
    if any(len(w) > (count or 0) for w in listed):
        wrong.append(
            f"{row[1]}: the letter lists {[len(w) for w in listed]} weaknesses, not {count}"
        )
    return wrong


def _check_revisit(row: list[str], area: LocalArea) -> list[str]:
    revisits = OfficialInspectionRecord.objects.filter(area=area, kind="revisit")
    if not row[7][:1].isdigit():
        early = revisits.filter(start_date__lte=dt.date(2022, 8, 31))
        return [f"{row[1]}: not revisited by Aug 2022, yet {list(early)}"] if early else []
    record = revisits.get()
    full = OfficialInspectionRecord.objects.get(area=area, kind="full", framework="2016")
    expected = (_date(row[7]), _date(row[8]), RESULTS[row[9]], _count(row[10]), _count(row[11]))
    said = (
        record.start_date, record.publication_date, record.revisit_result,
        record.sufficient_count, record.insufficient_count,
    )  # fmt: skip
    wrong = [] if said == expected else [f"{row[1]} revisit: record {said}, table {expected}"]
    if record.follows != full.inspection:
        wrong.append(f"{row[1]} revisit follows {record.follows}, not {full.inspection}")
    events = _events(area, record.inspection)
    if not record.in_history:
        if events or not record.note.startswith("not in the history"):
            wrong.append(f"{row[1]} revisit: held back without a note, or with events")
        return wrong
    told = (_one_date(events, "fieldwork_started"), _one_date(events, "letter_published"))
    if told != expected[:2]:
        wrong.append(f"{row[1]} revisit: events say {told}")
    judged = events.get("progress_judged", [])
    if judged:
        counts = (
            sum(e.fields["sufficient"] for e in judged),
            sum(not e.fields["sufficient"] for e in judged),
        )
        # Judgements exist only for worded weaknesses: never more than the table counts.
        if counts[0] > (expected[3] or 0) or counts[1] > (expected[4] or 0):
            wrong.append(f"{row[1]} revisit: judgements {counts}, table {expected[3:]}")
    return wrong


def test_every_row_of_the_official_table_is_loaded_with_its_dates_and_outcomes(
    loaded: Loaded, shared_dir: Path
) -> None:
    rows = _table(shared_dir)
    wrong = []
    for row in rows:
        area = _area(row[0])
        wrong += _check_full(row, area)
        wrong += _check_revisit(row, area)
    assert len(rows) == 149
    assert wrong == []


def test_the_table_counts_match_what_was_loaded(loaded: Loaded, shared_dir: Path) -> None:
    rows = _table(shared_dir)
    revisited = sum(1 for r in rows if r[7][:1].isdigit())
    records = OfficialInspectionRecord.objects.filter(framework="2016", date_precision="day")
    assert records.filter(kind="full").count() == len(rows)
    assert records.filter(kind="revisit").count() == revisited
    assert records.filter(kind="full", outcome="wsoa").count() == sum(r[5] == "Yes" for r in rows)


def test_dorset_and_northamptonshire_are_recorded_as_the_readme_gives_them(
    loaded: Loaded, shared_dir: Path
) -> None:
    readme = (shared_dir / "data" / "README.md").read_text(encoding="utf-8")
    note = re.search(
        r"Dorset \((\w+ \d{4}), WSOA; revisit (\w+ \d{4}), some progress\) and "
        r"Northamptonshire \((\w+ \d{4}), no WSOA\)",
        readme,
    )
    assert note is not None, "the README's note on former areas changed"
    month = [dt.datetime.strptime(m, "%b %Y").replace(tzinfo=dt.UTC).date() for m in note.groups()]
    dorset = LocalArea.objects.get(gss_code="E10000009")
    northants = LocalArea.objects.get(gss_code="E10000021")
    assert (dorset.valid_to, northants.valid_to) == (dt.date(2019, 3, 31), dt.date(2021, 3, 31))
    full = OfficialInspectionRecord.objects.get(area=dorset, kind="full")
    revisit = OfficialInspectionRecord.objects.get(area=dorset, kind="revisit")
    other = OfficialInspectionRecord.objects.get(area=northants)
    assert (full.start_date, full.outcome) == (month[0], "wsoa")
    assert (revisit.start_date, revisit.revisit_result, revisit.follows) == (
        month[1], "some", full.inspection,
    )  # fmt: skip
    assert (other.start_date, other.outcome) == (month[2], "no_wsoa")
    for record in (full, revisit, other):
        assert record.date_precision == "month" and not record.in_history
        assert record.start_date is not None and record.area.in_force_on(record.start_date)
    # Only the month is known, and a §9 event needs its day: none is invented.
    assert not HistoryEvent.objects.filter(area__in=[dorset, northants]).exists()


def test_every_2023_inspection_of_the_mi_is_loaded(loaded: Loaded, shared_dir: Path) -> None:
    path = shared_dir / "data" / "ofsted" / "area_send_mi_2023_framework_winter_2022_23.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    wrong = []
    for row in rows:
        start = (
            dt.datetime.strptime(row["Inspection.start.date"], "%d/%m/%Y")
            .replace(tzinfo=dt.UTC)
            .date()
        )
        published = (
            dt.datetime.strptime(row["Inspection.publication.date"], "%d/%m/%Y")
            .replace(tzinfo=dt.UTC)
            .date()
        )
        outcome = MI_OUTCOMES[row["Inspection.outcome"]]
        count = row["Number.of.areas.for.priority.action"]
        area = _resolve(row["Local.area.partnership"], start)
        record = OfficialInspectionRecord.objects.get(area=area, framework="2023", start_date=start)
        said = (record.publication_date, record.outcome, record.weakness_count)
        if said != (published, outcome, 0 if count == "NA" else int(count)):
            wrong.append(f"{row['Local.area.partnership']}: record {said}")
        events = _events(record.area, record.inspection)
        letters = events.get("letter_published", [])
        told = (
            _one_date(events, "fieldwork_started"),
            [(e.date, e.fields.get("outcome")) for e in letters],
        )
        if told != (start, [(published, outcome)]):
            wrong.append(f"{row['Local.area.partnership']}: events {told}")
    assert len(rows) == 16
    assert wrong == []


def _labels(shared: Path) -> list[dict[str, Any]]:
    text = (shared / "corpus" / "labels.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_every_labelled_2023_report_is_loaded_and_only_documented_demo_dates_disagree(
    loaded: Loaded, shared_dir: Path
) -> None:
    disagreements = set()
    wrong = []
    for label in _labels(shared_dir):
        published = dt.date.fromisoformat(label["publication_date"])
        area = _resolve(label["local_area"], published)
        record = OfficialInspectionRecord.objects.get(
            area=area, framework="2023", publication_date=published
        )
        actions = label["priority_actions"]
        if (record.outcome, record.weakness_count) != (label["outcome"], len(actions)):
            wrong.append(f"{label['file']}: record {(record.outcome, record.weakness_count)}")
        events = _events(record.area, record.inspection)
        letter = events["letter_published"]
        checks = {
            "letter_published": [(e.date, e.fields.get("outcome")) for e in letter]
            == [(published, label["outcome"])],
            "fieldwork_ended": _one_date(events, "fieldwork_ended")
            == dt.date.fromisoformat(label["inspection_end"]),
            "weaknesses": _same_wording(letter[0].fields.get("weaknesses"), actions),
        }
        disagreements |= {(record.inspection, what) for what, ok in checks.items() if not ok}
    assert len(_labels(shared_dir)) == 24
    assert wrong == []
    assert disagreements == DOCUMENTED_DEMO_DISAGREEMENTS


def _demo_inspections() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in HISTORIES.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            if obj["event"] == "inspection_notified":
                found[obj["area"]].add(obj["inspection"])
    return found


def test_demonstration_areas_keep_their_inspection_ids_and_get_no_second_copy(
    loaded: Loaded,
) -> None:
    demos = _demo_inspections()
    assert len(demos) == 6
    added = set()
    for code, inspections in demos.items():
        for record in OfficialInspectionRecord.objects.filter(area__gss_code=code):
            notified = HistoryEvent.objects.filter(
                area__gss_code=code, event="inspection_notified", inspection=record.inspection
            )
            assert notified.count() == 1, record.inspection
            if record.inspection not in inspections:
                added.add(record.inspection)
    # The one official inspection no demonstration history holds.
    assert added == {"nottinghamshire-2016"}


def test_no_area_holds_two_2016_full_inspections(loaded: Loaded) -> None:
    per_area: dict[int | None, set[str]] = defaultdict(set)
    for event in HistoryEvent.objects.filter(event="inspection_notified"):
        if (event.fields["framework"], event.fields["kind"]) == ("2016", "full"):
            per_area[event.area_id].add(event.inspection)
    # The 149 areas of the table; Dorset and Northamptonshire have months only.
    assert len(per_area) == 149
    assert all(len(ids) == 1 for ids in per_area.values())


def test_every_loaded_inspection_has_an_official_record_and_each_event_a_source(
    loaded: Loaded,
) -> None:
    recorded = set(OfficialInspectionRecord.objects.values_list("area_id", "inspection"))
    demo_areas = set(_demo_inspections())
    limit = HistoryEvent._meta.get_field("source").max_length
    assert limit is not None
    events = HistoryEvent.objects.exclude(area=None).exclude(inspection="").select_related("area")
    for event in events:
        assert event.source and len(event.source) <= limit, f"{event} source {event.source!r}"
        if event.area is not None and event.area.gss_code not in demo_areas:
            assert (event.area_id, event.inspection) in recorded, event.inspection
    for record in OfficialInspectionRecord.objects.filter(in_history=True):
        assert HistoryEvent.objects.filter(area=record.area, inspection=record.inspection).exists()


def test_every_stored_event_is_rebuilt_as_the_framework_reads_its_line(loaded: Loaded) -> None:
    """Reading the log rebuilds each stored row without checking it again: the Event must be
    the one the framework reads from the row's §9 line, field for field."""
    rows = HistoryEvent.objects.values_list(*EVENT_COLUMNS)
    kinds = set()
    for date, event, fields, inspection, source, code in rows:
        line = {"date": date.isoformat(), "event": event, **fields}
        line |= {"area": code} if code else {}
        line |= {"inspection": inspection} if inspection else {}
        line |= {"source": source} if source else {}
        assert event_from_values(date, event, fields, inspection, source, code) == parse_event(
            line, 0
        )
        kinds.add(event)
    assert len(kinds) >= 8  # every kind of event the national history holds, not a few


def test_loading_twice_adds_nothing(loaded: Loaded) -> None:
    assert loaded.second_events.added == 0
    assert loaded.second_events.unchanged > 800
    assert (loaded.second_records.added, loaded.second_records.updated) == (0, 0)
    assert loaded.added_by_second_load == 0


def test_a_bad_record_is_refused_by_line_and_nothing_is_stored(tmp_path: Path) -> None:
    header = (NATIONAL / "official_records.csv").read_text(encoding="utf-8").splitlines()[:2]
    bad = header[1].replace(header[1].split(",")[0], "E99999999", 1)
    path = tmp_path / "official_records.csv"
    path.write_text("\n".join([header[0], header[1], bad]) + "\n", encoding="utf-8")
    before = OfficialInspectionRecord.objects.count()
    with pytest.raises(
        NationalDataError, match="line 3: no local area has the GSS code 'E99999999'"
    ):
        load_records(path)
    assert OfficialInspectionRecord.objects.count() == before


def test_a_history_the_framework_refuses_names_its_file_and_line(tmp_path: Path) -> None:
    def line(area: str, day: str) -> str:
        return json.dumps(
            {"area": area, "date": day, "event": "inspection_notified", "inspection": "t",
             "kind": "full", "framework": "2023"}
        )  # fmt: skip

    # Barnet's file is right (no 2023-framework inspection of Barnet is loaded to clash with
    # it); West Northamptonshire's is notified on a Tuesday.
    (tmp_path / "barnet.jsonl").write_text(line("E09000003", "2024-01-08") + "\n")
    (tmp_path / "west.jsonl").write_text(line("E06000062", "2024-01-09") + "\n")
    before = HistoryEvent.objects.count()
    with pytest.raises(NationalDataError, match=r"west.jsonl line 1, field 'date': NF-NOT-1"):
        load_histories(tmp_path)
    assert HistoryEvent.objects.count() == before
