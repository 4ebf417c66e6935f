"""Load the national inspection history shipped in data/national/.

Built from Ofsted's published tables by tools/build_national_history.py (see
docs/data/national-history.md): one §9 history per area, imported through
``do_import_history`` so the framework checks each one, and the official
records the §9 format cannot carry. Both loads are idempotent.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import models, transaction

from areasend.areas.event_log import Channel, Writer, do_import_history
from areasend.areas.models import LocalArea, OfficialInspectionRecord
from areasend.framework.events import HistoryError

NATIONAL = Path(__file__).resolve().parent / "data" / "national"
RECORDS = NATIONAL / "official_records.csv"
#: Ofsted's own counts, to measure the national history against.
PUBLISHED_COUNTS = NATIONAL / "published_counts.csv"
#: Stored on events whose line names no source of its own.
SOURCE = "areasend/areas/data/national (tools/build_national_history.py)"
#: Where Ofsted publishes its reports' files.
REPORTS = "https://files.ofsted.gov.uk/"

_FIELDS = {
    "area", "area_name", "inspection", "framework", "kind", "follows", "start_date",
    "publication_date", "date_precision", "outcome", "weakness_count", "revisit_result",
    "sufficient_count", "insufficient_count", "in_history", "note", "source",
    "report_url", "reported_start", "reported_end",
}  # fmt: skip


class NationalDataError(ValueError):
    """The shipped national data is wrong; nothing was stored."""


@dataclass(frozen=True)
class LoadResult:
    added: int
    unchanged: int
    updated: int = 0


def load_histories(folder: Path = NATIONAL) -> LoadResult:
    """Import every area's history file, each checked by the framework; all files or none.

    The files are merged, oldest first, into one import so the area directory
    is read once (per file it took 95% of the time); problems still name the
    file and line they come from.
    """
    lines: list[tuple[str, str, int]] = []  # (date, text, origin index)
    origins: list[tuple[str, int]] = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if text.strip() and not text.lstrip().startswith("#"):
                lines.append((_date_of(text, path.name, number), text, len(origins)))
                origins.append((path.name, number))
    lines.sort(key=lambda item: (item[0], item[2]))
    merged = "\n".join(text for _, text, _ in lines)
    try:
        writer = Writer(Channel.COMMAND, source=SOURCE, via="national history loader")
        result = do_import_history(merged, writer=writer)
    except HistoryError as error:
        where = [origins[index] for _, _, index in lines]
        problems = []
        for problem in error.problems:
            name, number = where[problem.line - 1] if problem.line else ("national", 0)
            field = f", field '{problem.field}'" if problem.field else ""
            problems.append(f"{name} line {number}{field}: {problem.message}")
        raise NationalDataError("; ".join(problems)) from error
    return LoadResult(result.added, result.unchanged)


def _date_of(text: str, name: str, number: int) -> str:
    try:
        return str(json.loads(text)["date"])
    except (ValueError, KeyError, TypeError) as error:
        raise NationalDataError(f"{name} line {number}: not a §9 event with a date") from error


def _choice(value: str, choices: type[models.TextChoices], what: str) -> str:
    allowed = [str(v) for v in choices.values]
    if value not in allowed:
        raise ValueError(f"{what} '{value}' is not one of: {', '.join(allowed)}")
    return value


def _optional_date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _report_url(text: str) -> str:
    # Only Ofsted's own file service: the register links it as "Read the report".
    if text and not text.startswith(REPORTS):
        raise ValueError(f"report_url '{text}' is not an address on {REPORTS}")
    return text


def _optional_int(text: str) -> int | None:
    return int(text) if text else None


def _record(row: dict[str, str], areas: dict[str, LocalArea]) -> OfficialInspectionRecord:
    area = areas.get(row["area"])
    if area is None:
        raise ValueError(f"no local area has the GSS code '{row['area']}'")
    if not row["inspection"] or not row["source"]:
        raise ValueError("every record names its inspection and its source")
    if row["in_history"] not in ("yes", "no"):
        raise ValueError(f"in_history must be yes or no; found '{row['in_history']}'")
    model = OfficialInspectionRecord
    outcome, result = row["outcome"], row["revisit_result"]
    return model(
        area=area,
        inspection=row["inspection"],
        framework=_choice(row["framework"], model.Framework, "framework"),
        kind=_choice(row["kind"], model.Kind, "kind"),
        follows=row["follows"],
        start_date=_optional_date(row["start_date"]),
        publication_date=_optional_date(row["publication_date"]),
        date_precision=_choice(row["date_precision"], model.Precision, "date_precision"),
        outcome=_choice(outcome, model.Outcome, "outcome") if outcome else "",
        weakness_count=_optional_int(row["weakness_count"]),
        revisit_result=_choice(result, model.RevisitResult, "revisit_result") if result else "",
        sufficient_count=_optional_int(row["sufficient_count"]),
        insufficient_count=_optional_int(row["insufficient_count"]),
        in_history=row["in_history"] == "yes",
        note=row["note"],
        source=row["source"],
        report_url=_report_url(row["report_url"]),
        reported_start=_optional_date(row["reported_start"]),
        reported_end=_optional_date(row["reported_end"]),
    )


def read_records(path: Path = RECORDS) -> list[OfficialInspectionRecord]:
    """Every record of the CSV, unsaved; a NationalDataError lists every bad line."""
    areas = {a.gss_code: a for a in LocalArea.objects.all()}
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = _FIELDS - set(reader.fieldnames or ())
        if missing:
            raise NationalDataError(f"{path.name}: missing columns: {', '.join(sorted(missing))}")
        records, problems, seen = [], [], set()
        for line, row in enumerate(reader, start=2):
            try:
                record = _record(row, areas)
            except ValueError as error:
                problems.append(f"{path.name} line {line}: {error}")
                continue
            key = (record.area.gss_code, record.inspection)
            if key in seen:
                problems.append(f"{path.name} line {line}: {key[1]} of {key[0]} is listed twice")
            seen.add(key)
            records.append(record)
    if problems:
        raise NationalDataError("; ".join(problems))
    return records


_UPDATABLE = [
    "framework", "kind", "follows", "start_date", "publication_date", "date_precision",
    "outcome", "weakness_count", "revisit_result", "sufficient_count", "insufficient_count",
    "in_history", "note", "source", "report_url", "reported_start", "reported_end",
]  # fmt: skip


@transaction.atomic
def load_records(path: Path = RECORDS) -> LoadResult:
    """Create or update the official records (keyed by area and inspection id)."""
    records = read_records(path)
    stored = {(r.area_id, r.inspection): r for r in OfficialInspectionRecord.objects.all()}
    fresh, changed = [], []
    for record in records:
        old = stored.get((record.area.pk, record.inspection))
        if old is None:
            fresh.append(record)
        elif any(getattr(old, f) != getattr(record, f) for f in _UPDATABLE):
            record.pk = old.pk
            changed.append(record)
    OfficialInspectionRecord.objects.bulk_create(fresh)
    OfficialInspectionRecord.objects.bulk_update(changed, _UPDATABLE)
    unchanged = len(records) - len(fresh) - len(changed)
    return LoadResult(added=len(fresh), unchanged=unchanged, updated=len(changed))


@dataclass(frozen=True)
class PublishedCount:
    """Ofsted's own count of full inspections for a framework and period (framework.md §5)."""

    framework: str
    period: str
    full_inspections: int
    as_at: dt.date
    note: str
    source: str


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_published_counts(path: Path = PUBLISHED_COUNTS) -> list[PublishedCount]:
    return [
        PublishedCount(
            framework=r["framework"],
            period=r["period"],
            full_inspections=int(r["full_inspections"]),
            as_at=dt.date.fromisoformat(r["as_at"]),
            note=r["note"],
            source=r["source"],
        )
        for r in _rows(path)
    ]
