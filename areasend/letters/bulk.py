"""Reading a folder of letters and its manifest: shared by the command and the inbox job."""

from __future__ import annotations

import csv
import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = {".pdf", ".html", ".htm", ".txt"}
#: A manifest in the inbox folder itself, read by the inbox job.
INBOX_MANIFEST = "manifest.csv"


class ManifestError(ValueError):
    """A manifest that cannot be used; the message names the line."""


@dataclass(frozen=True)
class Entry:
    url: str
    published: dt.date | None
    kind: str


def manifest(path: Path) -> dict[str, Entry]:
    """File name to provenance; a malformed manifest stops the run before any file is read."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ManifestError(f"cannot read the manifest {path}: {error}") from None
    entries: dict[str, Entry] = {}
    for line, row in enumerate(rows, 2):
        name = Path((row.get("file") or "").strip()).name
        if not name:
            raise ManifestError(f"manifest line {line}: no file named")
        published = parse_date((row.get("publication_date") or "").strip(), line)
        entries[name] = Entry(
            (row.get("url") or "").strip(), published, (row.get("publication_type") or "").strip()
        )
    return entries


def parse_date(value: str, line: int) -> dt.date | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d %B %Y", "%d/%m/%Y"):
        try:
            return dt.date(*time.strptime(value, pattern)[:3])
        except ValueError:
            continue
    raise ManifestError(
        f"manifest line {line}: publication date {value!r} is not a date (use YYYY-MM-DD)"
    )


def files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
            )
        else:
            yield path  # a missing file is reported as rejected, in order
