"""python manage.py import_letters PATH... [--url URL | --manifest CSV] [--dry-run] [--json]

Exits 1 when any file was rejected, after reporting each, or when no file was found, so a
scheduled run is seen to fail; 0 only when every file was imported or unchanged.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from areasend.areas.resolve import directory_from_db
from areasend.letters import bulk
from areasend.letters.models import LetterImport
from areasend.letters.services import ImportOutcome, do_import_letter

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
        parser.add_argument("--url", default="", help="where the one file given was published")
        parser.add_argument(
            "--manifest",
            type=Path,
            help="CSV with columns file, url, publication_date (YYYY-MM-DD or as Ofsted's "
            "listing writes it, e.g. 25 March 2024) and optionally publication_type; "
            "files are matched by name",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files = list(bulk.files(options["paths"]))
        if not files:
            # A scheduled run pointed at the wrong folder must be seen to fail.
            kinds = ", ".join(sorted(bulk.SUFFIXES))
            raise CommandError(f"no letter files ({kinds}) found in the paths given")
        if options["url"] and len(files) != 1:
            raise CommandError("--url names the source of one file; for several, use --manifest")
        try:
            manifest = bulk.manifest(options["manifest"]) if options["manifest"] else {}
        except bulk.ManifestError as error:
            raise CommandError(str(error)) from None
        directory = directory_from_db()
        counts: Counter[str] = Counter()
        reasons: Counter[tuple[str, str]] = Counter()
        for number, path in enumerate(files, 1):
            self._progress(number, len(files), path)
            try:
                data = path.read_bytes()
            except OSError as error:
                outcome = ImportOutcome(
                    str(path), "rejected", f"cannot read the file: {error.strerror}"
                )
            else:
                entry = manifest.get(path.name, bulk.Entry(options["url"], None, ""))
                outcome = do_import_letter(
                    data,
                    path.name,
                    directory=directory,
                    dry_run=options["dry_run"],
                    source_url=entry.url,
                    publication_date=entry.published,
                    publication_type=entry.kind,
                    publication_date_source=LetterImport.DateSource.MANIFEST,
                )
                outcome = ImportOutcome(
                    str(path), outcome.result, outcome.reason, outcome.record, outcome.letter_id
                )
            counts[outcome.result] += 1
            if outcome.result in ("rejected", "needs_review"):
                for reason in outcome.reason.split("; ") if outcome.reason else ["(no reason)"]:
                    reasons[(outcome.result, _reason_kind(reason))] += 1
            if options["json"]:
                self.stdout.write(json.dumps(outcome.as_json(), ensure_ascii=False))
            else:
                self.stdout.write(_line(outcome))
        if files:
            self.stderr.write("")
        summary = ", ".join(f"{n} {_LABELS[k]}" for k, n in sorted(counts.items()))
        dry = " (dry run: nothing stored)" if options["dry_run"] else ""
        self.stderr.write(f"{len(files)} files: {summary or 'none found'}{dry}")
        if reasons:
            self.stderr.write(_table(reasons))
        if counts["rejected"]:
            raise CommandError(f"{counts['rejected']} of {len(files)} files rejected")

    def _progress(self, number: int, total: int, path: Path) -> None:
        width = 30
        done = width * number // max(total, 1)
        bar = f"[{'#' * done}{'.' * (width - done)}]"
        self.stderr.write(f"\r{bar} {number}/{total} {path.name[:40]:<40}", ending="")
        self.stderr.flush()


def _reason_kind(reason: str) -> str:
    """A reason without the parts that differ from file to file, so like reasons count together."""
    reason = re.sub(r"'[^']*'", "'…'", reason)
    reason = re.sub(r"\d[\d,.]*", "N", reason)
    return reason[:90]


def _table(reasons: Counter[tuple[str, str]]) -> str:
    rows = sorted(reasons.items(), key=lambda item: (item[0][0], -item[1]))
    width = max(len(reason) for (_, reason), _ in rows)
    lines = [f"{'result':<13} {'files':>5}  {'reason':<{width}}", "-" * (21 + width)]
    lines += [f"{_LABELS[result]:<13} {n:>5}  {reason}" for (result, reason), n in rows]
    return "\n".join(lines)


def _line(outcome: ImportOutcome) -> str:
    label = _LABELS[outcome.result]
    where = f" #{outcome.letter_id}" if outcome.letter_id else ""
    why = f": {outcome.reason}" if outcome.reason else ""
    return f"{outcome.file_name}: {label}{where}{why}"
