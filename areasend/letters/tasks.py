"""The inbox import on Django's task framework: started from the review queue, run by a worker."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.conf import settings
from django_tasks import task

from areasend.areas.resolve import directory_from_db
from areasend.letters import bulk
from areasend.letters.models import LetterImport, RejectedFile
from areasend.letters.services import do_import_letter


def inbox() -> Path | None:
    """The folder the queue page imports from (setting AREASEND_LETTER_INBOX), if set."""
    folder = str(getattr(settings, "AREASEND_LETTER_INBOX", "") or "")
    return Path(folder) if folder else None


@task()
def import_inbox() -> dict[str, int]:
    """Every letter in the inbox, with the provenance its manifest.csv gives; counts per result.

    Each file is one import through ``do_import_letter``, so a letter already
    imported is "unchanged" and running the job twice changes nothing.
    """
    folder = inbox()
    if folder is None or not folder.is_dir():
        raise FileNotFoundError(f"the letter inbox {folder} is not a folder")
    listing = folder / bulk.INBOX_MANIFEST
    manifest = bulk.manifest(listing) if listing.exists() else {}
    directory = directory_from_db()
    counts: Counter[str] = Counter()
    for path in bulk.files([folder]):
        entry = manifest.get(path.name, bulk.Entry("", None, ""))
        outcome = do_import_letter(
            path.read_bytes(),
            path.name,
            via=RejectedFile.Via.INBOX,
            directory=directory,
            source_url=entry.url,
            publication_date=entry.published,
            publication_type=entry.kind,
            publication_date_source=LetterImport.DateSource.MANIFEST,
        )
        counts[outcome.result] += 1
    return dict(counts)
