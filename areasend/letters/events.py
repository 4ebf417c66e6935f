"""A letter record as §9 history events, plus the findings the events do not carry."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from areasend.letters.record import LetterKind, LetterRecord


@dataclass(frozen=True)
class LetterEvents:
    events: list[dict[str, Any]]
    findings: dict[str, Any]
    missing: tuple[str, ...]  # facts the events need that the record lacks

    def jsonl(self) -> str:
        return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.events)


def to_events(
    record: LetterRecord, *, notified: dt.date | None = None, inspection: str | None = None
) -> LetterEvents:
    """The dated facts the letter states; nothing is dated that the letter does not date.

    Letters never say when the area was notified, so an inspection new to the
    history needs ``notified`` from the reviewer; one the history already
    holds is named by its ``inspection`` id and gains only what is new.
    """
    kind = record.kind.value
    area = record.area_code.value
    start = record.inspection_start.value
    missing = [
        label
        for label, value in (("kind", kind), ("area", area), ("inspection start", start))
        if value is None
    ]
    findings = _findings(record)
    if kind is None or area is None or start is None:
        return LetterEvents([], findings, tuple(missing))
    events: list[dict[str, Any]] = []
    if inspection is None:
        inspection = f"{area}-{kind.framework}-{kind.inspection_kind}-{start.isoformat()}"
        if notified is None:
            missing.append("the date the area was notified (letters do not state it)")
        else:
            events.append(
                {
                    "area": area,
                    "date": notified.isoformat(),
                    "event": "inspection_notified",
                    "inspection": inspection,
                    "kind": kind.inspection_kind,
                    "framework": kind.framework,
                }
            )

    def event(name: str, day: Any, **fields: Any) -> dict[str, Any]:
        return {
            "area": area,
            "date": day.isoformat(),
            "event": name,
            "inspection": inspection,
            **fields,
        }

    events.append(event("fieldwork_started", start))
    if record.inspection_end.value is not None:
        events.append(event("fieldwork_ended", record.inspection_end.value))
    letter: dict[str, Any] = {}
    if kind in (LetterKind.FULL_2016, LetterKind.FULL_2023):
        if record.outcome.value is None:
            missing.append("outcome")
        else:
            letter["outcome"] = record.outcome.value
        if record.weaknesses:
            letter["weaknesses"] = [w.value for w in record.weaknesses if w.value]
    dates = [
        (name, day)
        for name, day in (
            ("letter_dated", record.letter_date.value),
            ("letter_published", record.publication_date.value),
        )
        if day is not None
    ]
    if not dates:
        missing.append("letter date or publication date")
    for name, day in dates:
        events.append(event(name, day, **letter))
    if dates:
        # Progress is judged in the letter: it becomes a fact on the letter's first date.
        judged = dates[0][1]
        for found in record.progress:
            if found.value is not None:
                events.append(
                    event(
                        "progress_judged",
                        judged,
                        weakness=found.value.weakness,
                        sufficient=found.value.sufficient,
                    )
                )
    events.sort(key=lambda e: str(e["date"]))
    return LetterEvents(events, findings, tuple(missing))


def _findings(record: LetterRecord) -> dict[str, Any]:
    return {
        "areas_for_improvement": [f.value for f in record.improvements if f.value],
        "previous_inspection": (
            record.previous_inspection.value.isoformat()
            if record.previous_inspection.value
            else None
        ),
        "next_full_inspection": record.next_inspection.value,
        "monitoring_inspection": record.monitoring_inspection.value,
        "nhs_partners": [f.value for f in record.nhs_partners if f.value],
        "inspection_team": [f.value for f in record.team if f.value],
    }
