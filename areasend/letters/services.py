"""Import a letter file, and confirm or reject what was read.

Reading (extraction and parsing) happens outside any transaction; each
write is one transaction. Nothing reaches an area's history, and so the
public register, until a reviewer confirms: confirmation writes the §9
events through ``areasend.areas.event_log.do_import_history``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Protocol

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from areasend.accounts.permissions import Action, can
from areasend.areas.event_log import SERVER, Channel, ImportResult, Writer, do_import_history
from areasend.areas.models import HistoryEvent, LocalArea
from areasend.areas.resolve import AreaDirectory, directory_from_db
from areasend.casework import clock
from areasend.casework.guards import long_date
from areasend.letters.bulk import SUFFIXES
from areasend.letters.events import to_events
from areasend.letters.extract import Extracted, ExtractionError, extract, size_problem
from areasend.letters.models import LetterImport, LetterImportChange, RejectedFile
from areasend.letters.parsers import PARSER_VERSION, looks_like_a_letter, parse
from areasend.letters.provenance import Listing, with_listing
from areasend.letters.record import Found, LetterRecord

#: Who acted: request.user from a view, None from a command or a test.
Actor = AbstractBaseUser | AnonymousUser | None


class ConfirmError(ValueError):
    """The record cannot become history events yet; the message says what is missing."""


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file: imported, needs_review, updated, unchanged or rejected."""

    file_name: str
    result: str
    reason: str = ""
    record: LetterRecord | None = None
    letter_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        """The outcome with the record, and the §9 events and findings it would give."""
        translated = to_events(self.record) if self.record else None
        return {
            "file": self.file_name,
            "result": self.result,
            "reason": self.reason,
            "import_id": self.letter_id,
            "record": self.record.as_json() if self.record else None,
            "events": translated.events if translated else [],
            "findings": translated.findings if translated else {},
            "to_confirm": list(translated.missing) if translated else [],
        }


def read_letter(
    data: bytes, file_name: str, directory: AreaDirectory
) -> tuple[Extracted, LetterRecord]:
    """Extract and parse without touching the database; raises ExtractionError."""
    extracted = extract(data, file_name)
    record = parse(extracted.text, directory)
    if extracted.blank_pages:
        pages = ", ".join(str(n) for n in extracted.blank_pages)
        record = record.with_problem(
            f"page{'s' if len(extracted.blank_pages) > 1 else ''} {pages} of "
            f"{extracted.pages} {'have' if len(extracted.blank_pages) > 1 else 'has'} no text "
            "(scanned?): what is printed there was not read"
        )
    return extracted, record


@dataclass(frozen=True)
class Provenance:
    """Where a file came from, kept with its import."""

    source_url: str = ""
    publication_type: str = ""
    publication_date: dt.date | None = None
    publication_date_source: str = ""


def _provenance_error(source_url: str, publication_date: dt.date | None) -> str:
    if source_url:
        try:
            URLValidator(schemes=["http", "https"])(source_url)
        except ValidationError:
            return f"the source URL {source_url[:200]!r} is not a web address (http or https)"
    if publication_date is not None and publication_date > clock.today():
        return f"the publication date {long_date(publication_date)} is in the future"
    return ""


def do_import_letter(
    data: bytes,
    file_name: str,
    *,
    by: Actor = None,
    via: str = RejectedFile.Via.COMMAND,
    directory: AreaDirectory | None = None,
    dry_run: bool = False,
    source_url: str = "",
    publication_date: dt.date | None = None,
    publication_type: str = "",
    publication_date_source: str = LetterImport.DateSource.CALLER,
    ofsted_file_id: str = "",
) -> ImportOutcome:
    """Read a letter file into the review queue; nothing is published.

    ``by`` must hold the table's right to import (None: a command or job run
    on the server); raises PermissionDenied without it. ``source_url``,
    ``publication_date`` and ``publication_type`` are its provenance as the
    publisher's listing gives them (the command's manifest, or the Ofsted
    watcher, which also gives the file's id): the listing's publication date
    becomes the record's, checked against the letter's own dates. Without
    one, a PDF's own creation date is kept as a hint, marked as such, for the
    reviewer. A rejected file is kept as a ``RejectedFile`` (not on a dry run).
    """
    _may_import(by)
    outcome = _import(
        data,
        file_name,
        directory=directory,
        dry_run=dry_run,
        listing=Listing(source_url, publication_date, publication_type, ofsted_file_id),
        publication_date_source=publication_date_source,
    )
    if outcome.result == "rejected" and not dry_run:
        _keep_rejection(
            file_name, len(data), hashlib.sha256(data).hexdigest(), outcome.reason, by, via
        )
    return outcome


class Upload(Protocol):
    """An uploaded file as Django gives it: read in chunks, so a huge one is never held whole."""

    name: str | None
    size: int | None

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]: ...


def do_import_upload(upload: Upload, *, by: Actor) -> ImportOutcome:
    """One file uploaded on the review queue, through ``do_import_letter``.

    A file over the size limit is refused before it is read into memory; its
    hash is taken from the chunks Django stored.
    """
    _may_import(by)
    name = (upload.name or "unnamed")[:255]
    if problem := size_problem(upload.size or 0):
        sha = hashlib.sha256()
        for chunk in upload.chunks():
            sha.update(chunk)
        _keep_rejection(
            name, upload.size or 0, sha.hexdigest(), problem, by, RejectedFile.Via.UPLOAD
        )
        return ImportOutcome(name, "rejected", problem)
    data = b"".join(upload.chunks())
    return do_import_letter(data, name, by=by, via=RejectedFile.Via.UPLOAD)


def _may_import(by: Actor) -> None:
    if by is not None and not can(by, Action.LETTER_IMPORT):
        raise PermissionDenied("You may not import letters.")


@transaction.atomic
def _keep_rejection(
    file_name: str, size: int, sha: str, reason: str, by: Actor, via: str
) -> RejectedFile:
    """Record a refusal; the same file refused again for the same reason adds an attempt."""
    user = by if isinstance(by, User) else None
    now = timezone.now()
    kept = RejectedFile.objects.select_for_update().filter(sha256=sha, reason=reason).first()
    if kept is None:
        return RejectedFile.objects.create(
            file_name=file_name, file_size=size, sha256=sha, reason=reason, via=via, by=user, at=now
        )
    kept.attempts += 1
    kept.file_name, kept.via, kept.by, kept.at = file_name, via, user, now
    kept.save()
    return kept


def _import(
    data: bytes,
    file_name: str,
    *,
    directory: AreaDirectory | None,
    dry_run: bool,
    listing: Listing,
    publication_date_source: str,
) -> ImportOutcome:
    source_url, publication_date = listing.source_url, listing.publication_date
    publication_type = listing.publication_type
    suffix = file_name.rpartition(".")[2].lower() if "." in file_name else ""
    if suffix and f".{suffix}" not in SUFFIXES:
        return ImportOutcome(
            file_name,
            "rejected",
            f"a .{suffix} file is not read as a letter: give the PDF (or the HTML or text) "
            "of the published letter or report",
        )
    if problem := _provenance_error(source_url, publication_date):
        return ImportOutcome(file_name, "rejected", problem)
    sha = hashlib.sha256(data).hexdigest()
    if not dry_run:
        seen = LetterImportChange.objects.filter(sha256=sha).select_related("letter").first()
        if seen is not None:
            reason = f"already imported as #{seen.letter_id}"
            if listing.source_url and not seen.letter.source_url:
                _add_listing(seen.letter, listing)
                reason += "; added where and when Ofsted published it"
            stored = LetterRecord.from_json(LetterImport.objects.get(pk=seen.letter_id).record)
            return ImportOutcome(file_name, "unchanged", reason, stored, seen.letter_id)
    try:
        extracted, record = read_letter(data, file_name, directory or directory_from_db())
    except ExtractionError as error:
        return ImportOutcome(file_name, "rejected", str(error))
    provenance = Provenance(source_url, publication_type)
    if publication_date is not None:
        provenance = replace(
            provenance,
            publication_date=publication_date,
            publication_date_source=publication_date_source,
        )
    elif extracted.created is not None:
        # Word stamps the day the PDF was made, often the day before publication: a hint for
        # the reviewer, kept with the import, never a date the record would publish under.
        provenance = replace(
            provenance,
            publication_date=extracted.created,
            publication_date_source=LetterImport.DateSource.PDF_METADATA,
        )
    if record.kind.value is None and not looks_like_a_letter(extracted.text):
        return ImportOutcome(file_name, "rejected", "; ".join(record.problems), record)
    record = with_listing(record, listing)
    problems = "; ".join(record.problems)
    result = "needs_review" if record.problems else "imported"
    if dry_run:
        return ImportOutcome(file_name, result, problems, record)
    try:
        letter, how = _store(sha, file_name, len(data), extracted, record, provenance, listing)
    except IntegrityError:
        # Another run stored this very file between our look-up and our write.
        return ImportOutcome(file_name, "unchanged", "imported meanwhile by another run", record)
    if how == "same":
        reason = f"the same letter as #{letter.pk}, already imported from another file"
        return ImportOutcome(file_name, "unchanged", reason, record, letter.pk)
    return ImportOutcome(
        file_name, how if how == "updated" else result, problems, record, letter.pk
    )


@transaction.atomic
def _store(
    sha: str,
    file_name: str,
    size: int,
    extracted: Extracted,
    record: LetterRecord,
    provenance: Provenance,
    listing: Listing,
) -> tuple[LetterImport, str]:
    """Create, update or leave the import, and say which: "created", "updated" or "same"."""
    area = LocalArea.objects.filter(gss_code=record.area_code.value).first()
    fields = {
        "sha256": sha,
        "file_name": file_name,
        "file_size": size,
        "source_url": provenance.source_url,
        "publication_type": provenance.publication_type,
        "publication_date": provenance.publication_date,
        "publication_date_source": provenance.publication_date_source,
        "parser_version": PARSER_VERSION,
        "format": extracted.format,
        "kind": record.kind.value or "",
        "area": area,
        "inspection_start": record.inspection_start.value,
        "text": extracted.text,
        "extracted": record.as_json(),
        "record": record.as_json(),
        "status": LetterImport.Status.NEEDS_REVIEW,
        "reason": "; ".join(record.problems),
    }
    if listing.ofsted_file_id:
        fields["ofsted_file_id"] = listing.ofsted_file_id
    for name in ("source_url", "publication_type", "publication_date", "publication_date_source"):
        if not fields[name]:
            # A new version imported by hand leaves where and when it was published in place.
            del fields[name]
    earlier = _same_letter(record)
    if earlier is None:
        letter = LetterImport.objects.create(**fields)
        _log(letter, LetterImportChange.Action.IMPORTED, None, "")
        return letter, "created"
    if earlier.extracted == fields["extracted"]:
        return earlier, "same"  # e.g. the HTML page of a letter whose PDF was imported
    was = earlier.status
    for name, value in fields.items():
        setattr(earlier, name, value)
    earlier.version += 1
    if was == LetterImport.Status.CONFIRMED:
        # Its events are already history; the reviewer decides what the new version changes.
        earlier.reason = "; ".join(
            ["a new version arrived after confirmation: check and confirm again", *record.problems]
        )
    earlier.save()
    _log(
        earlier,
        LetterImportChange.Action.NEW_VERSION,
        None,
        f"replaced version {earlier.version - 1} ({was})",
    )
    return earlier, "updated"


@transaction.atomic
def _add_listing(letter: LetterImport, listing: Listing) -> None:
    """Where Ofsted published a letter imported by hand; a confirmed record stays as confirmed."""
    letter = LetterImport.objects.select_for_update().get(pk=letter.pk)
    letter.source_url = listing.source_url
    letter.publication_date = listing.publication_date
    letter.publication_type = listing.publication_type
    letter.ofsted_file_id = listing.ofsted_file_id
    if letter.status != LetterImport.Status.CONFIRMED:
        before = LetterRecord.from_json(letter.record)
        record = with_listing(before, listing)
        letter.record = record.as_json()
        added = record.problems[len(before.problems) :]
        letter.reason = "; ".join(p for p in (letter.reason, *added) if p)
    letter.save()
    _log(
        letter,
        LetterImportChange.Action.LISTED,
        None,
        f"found on Ofsted's site: {listing.source_url}",
    )


def _same_letter(record: LetterRecord) -> LetterImport | None:
    """A stored import of the same letter: same kind, area and first inspection day."""
    if not (record.kind.value and record.area_code.value and record.inspection_start.value):
        return None
    return (
        LetterImport.objects.select_for_update()
        .filter(
            kind=record.kind.value,
            area__gss_code=record.area_code.value,
            inspection_start=record.inspection_start.value,
        )
        .first()
    )


def _log(letter: LetterImport, action: str, by: Actor, note: str) -> None:
    LetterImportChange.objects.create(
        letter=letter,
        action=action,
        sha256=letter.sha256,
        file_name=letter.file_name,
        record=letter.record,
        note=note,
        by=by if isinstance(by, User) else None,
    )


@transaction.atomic
def do_confirm_import(
    letter: LetterImport,
    record: LetterRecord,
    *,
    by: Actor,
    notified: dt.date | None = None,
) -> ImportResult:
    """Store the reviewed record and write its events to the area's history.

    ``by`` must hold the table's right to confirm (None: a command run on the server).
    Raises PermissionDenied without it, ConfirmError when the record lacks what the events
    need, and HistoryError when the write gate or the framework refuses the events (an
    inspection run in casework, whose casework publishes its own letter; a date after
    today); nothing is stored then.
    """
    if by is not None and not can(by, Action.LETTER_CONFIRM):
        raise PermissionDenied("You may not confirm imported letters.")
    letter = LetterImport.objects.select_for_update().get(pk=letter.pk)
    translated = to_events(record, notified=notified, inspection=_known_inspection(record))
    if translated.missing:
        raise ConfirmError("to confirm, give: " + ", ".join(translated.missing))
    writer = Writer(
        Channel.LETTER_REVIEW,
        source=f"letter {letter.file_name} (sha256 {letter.sha256[:12]})",
        actor=by,
        via="letter review queue" if by is not None else SERVER.via,
    )
    result = do_import_history(translated.jsonl(), writer=writer)
    letter.record = record.as_json()
    letter.kind = record.kind.value or ""
    letter.area = LocalArea.objects.filter(gss_code=record.area_code.value).first()
    letter.inspection_start = record.inspection_start.value
    letter.status = LetterImport.Status.CONFIRMED
    letter.reason = ""
    letter.save()
    _log(
        letter,
        LetterImportChange.Action.CONFIRMED,
        by,
        f"{result.added} events added, {result.unchanged} already there",
    )
    return result


def _known_inspection(record: LetterRecord) -> str | None:
    """The id of the inspection the history already holds with this fieldwork start, if any."""
    if record.area_code.value is None or record.inspection_start.value is None:
        return None
    row = HistoryEvent.objects.filter(
        area__gss_code=record.area_code.value,
        event="fieldwork_started",
        date=record.inspection_start.value,
    ).first()
    return row.inspection if row is not None else None


@transaction.atomic
def do_reject_import(letter: LetterImport, reason: str, *, by: Actor) -> None:
    letter = LetterImport.objects.select_for_update().get(pk=letter.pk)
    letter.status = LetterImport.Status.REJECTED
    letter.reason = reason
    letter.save()
    _log(letter, LetterImportChange.Action.REJECTED, by, reason)


def corrected(record: LetterRecord, **changes: Any) -> LetterRecord:
    """The record with a reviewer's values.

    A changed field is certain and no longer points into the text.
    """
    updates: dict[str, Any] = {}
    for name, value in changes.items():
        current = getattr(record, name)
        if isinstance(current, tuple):
            old = [f.value for f in current]
            if old != list(value):
                updates[name] = tuple(Found(v, 1.0, None) for v in value)
        elif current.value != value:
            updates[name] = Found(value, 1.0, None)
    return replace(record, **updates, problems=())
