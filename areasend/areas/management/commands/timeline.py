"""python manage.py timeline HISTORY.jsonl [--today DATE] [--json]

Evaluates a §9 history file: where the area stands, what is due from whom by
when and on which rule, and what may happen next. Exit code 2, with every
problem named by line and field, when the file is malformed or the rules
forbid a step in it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.areas.event_log import area_resolver, status_of
from areasend.areas.resolve import directory_from_db
from areasend.casework import clock
from areasend.framework.events import NATIONAL_EVENTS, HistoryError
from areasend.framework.history import parse_history
from areasend.framework.knowledge import Standing
from areasend.framework.status import AreaStatus, Obligation


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            f"--today '{value}' is not a date; expected YYYY-MM-DD", returncode=2
        ) from error


def _standing(o: Obligation) -> str:
    if o.overdue:
        return "OVERDUE"
    if o.late_days:
        return f"late by {o.late_days} days"
    label = "" if o.standing in (Standing.DONE, Standing.DUE) else str(o.standing)
    return label.replace("_", " ") + ("" if o.public else " (not public)")


class Command(BaseCommand):
    help = "Evaluate an area's inspection history (JSON Lines, framework.md §9)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("history", type=Path)
        parser.add_argument("--today", type=str, default=None, help="evaluate as of this date")
        parser.add_argument("--json", action="store_true", help="print the §9 JSON answer")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["history"]
        today = _date(options["today"]) if options["today"] else clock.today()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                f"{path}: cannot read the history ({error})", returncode=2
            ) from error
        try:
            parsed = parse_history(text, resolve_area=area_resolver(directory_from_db()))
            # A file holds what was published, not this system's casework (ADR 0029).
            events = [dataclasses.replace(e, source=e.source or str(path)) for e in parsed]
            areas = sorted({e.area for e in events if e.type not in NATIONAL_EVENTS and e.area})
            if len(areas) > 1:
                raise CommandError(
                    f"{path}: a history holds one area's events; found {', '.join(areas)}",
                    returncode=2,
                )
            status = status_of(events, today)
        except HistoryError as error:
            lines = "\n".join(f"{path}: {p}" for p in error.problems)
            raise CommandError(f"the history is not valid:\n{lines}", returncode=2) from error
        if options["json"]:
            self.stdout.write(json.dumps(status.to_json(), indent=2))
        else:
            self.stdout.write(self._table(status, areas[0] if areas else "-"))

    def _table(self, status: AreaStatus, area: str) -> str:
        rows = [("Rule", "What", "Who", "Due", "Met on", "Standing")]
        for o in status.obligations:
            rows.append(
                (
                    o.rule,
                    o.what,
                    str(o.who),
                    o.due.isoformat(),
                    o.met_on.isoformat() if o.met_on else "-",
                    _standing(o),
                )
            )
        widths = [min(max(len(r[i]) for r in rows), 70) for i in range(len(rows[0]))]
        table = "\n".join(
            "  ".join(cell[: widths[i]].ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
            for row in rows
        )
        return "\n".join(
            [
                f"Area:    {area}",
                f"As of:   {status.today.isoformat()}",
                f"State:   {status.state} ({status.state_label})",
                "",
                table,
                "",
                "May come next: " + (", ".join(status.allowed) or "nothing"),
            ]
        )
