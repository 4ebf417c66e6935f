"""python manage.py import_letters PATH... [--dry-run] [--json]"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from areasend.areas.resolve import directory_from_db
from areasend.letters.services import ImportOutcome, do_import_letter

SUFFIXES = {".pdf", ".html", ".htm", ".txt"}
_LABELS = {
    "imported": "imported",
    "needs_review": "needs review",
    "updated": "updated (new version)",
    "unchanged": "unchanged",
    "rejected": "rejected",
}


class Command(BaseCommand):
    help = (
        "Import published area SEND letters and reports (PDF, HTML or text) for review. "
        "Folders are read for .pdf, .html, .htm and .txt files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="read and report; store nothing")
        parser.add_argument("--json", action="store_true", help="one JSON object per letter")

    def handle(self, *args: Any, **options: Any) -> None:
        files = list(_files(options["paths"]))
        directory = directory_from_db()
        counts: Counter[str] = Counter()
        for number, path in enumerate(files, 1):
            self._progress(number, len(files), path)
            try:
                data = path.read_bytes()
            except OSError as error:
                outcome = ImportOutcome(
                    str(path), "rejected", f"cannot read the file: {error.strerror}"
                )
            else:
                outcome = do_import_letter(
                    data, path.name, directory=directory, dry_run=options["dry_run"]
                )
                outcome = ImportOutcome(
                    str(path), outcome.result, outcome.reason, outcome.record, outcome.letter_id
                )
            counts[outcome.result] += 1
            if options["json"]:
                self.stdout.write(json.dumps(outcome.as_json(), ensure_ascii=False))
            else:
                self.stdout.write(_line(outcome))
        if files:
            self.stderr.write("")
        summary = ", ".join(f"{n} {_LABELS[k]}" for k, n in sorted(counts.items()))
        dry = " (dry run: nothing stored)" if options["dry_run"] else ""
        self.stderr.write(f"{len(files)} files: {summary or 'none found'}{dry}")

    def _progress(self, number: int, total: int, path: Path) -> None:
        width = 30
        done = width * number // max(total, 1)
        bar = f"[{'#' * done}{'.' * (width - done)}]"
        self.stderr.write(f"\r{bar} {number}/{total} {path.name[:40]:<40}", ending="")
        self.stderr.flush()


def _files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
            )
        else:
            yield path  # a missing file is reported as rejected, in order


def _line(outcome: ImportOutcome) -> str:
    label = _LABELS[outcome.result]
    where = f" #{outcome.letter_id}" if outcome.letter_id else ""
    why = f": {outcome.reason}" if outcome.reason else ""
    return f"{outcome.file_name}: {label}{where}{why}"
