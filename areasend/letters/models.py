"""Imported letters awaiting review, and what happened to each.

One row per letter, found again by the hash of any file version it came
from: the same file twice changes nothing, a corrected version of the same
letter (same kind, area and inspection start) updates the row and leaves the
earlier version in its history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from areasend.areas.models import LocalArea
from areasend.letters.record import LetterKind


class LetterImport(models.Model):
    class Status(models.TextChoices):
        NEEDS_REVIEW = "needs_review", "Needs review"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    class DateSource(models.TextChoices):
        NONE = "", "Not known"
        MANIFEST = "manifest", "From the import manifest (Ofsted's listing)"
        CALLER = "caller", "Given by the importing service"
        PDF_METADATA = "pdf_metadata", "From the PDF's own metadata (its creation date)"

    sha256 = models.CharField("SHA-256 of the current file", max_length=64, unique=True)
    file_name = models.CharField(max_length=255)
    file_size = models.PositiveBigIntegerField("size of the current file in bytes", default=0)
    source_url = models.URLField("where the file was published", max_length=500, blank=True)
    publication_type = models.CharField(max_length=200, blank=True)
    publication_date = models.DateField(null=True, blank=True)
    publication_date_source = models.CharField(
        max_length=20, choices=DateSource.choices, blank=True, default=DateSource.NONE
    )
    parser_version = models.CharField(max_length=20, blank=True)
    format = models.CharField(max_length=10)
    kind = models.CharField(max_length=20, blank=True)
    area = models.ForeignKey(
        LocalArea, on_delete=models.PROTECT, null=True, blank=True, related_name="letter_imports"
    )
    inspection_start = models.DateField(null=True, blank=True)
    text = models.TextField(help_text="The letter's text as read, which every span points into.")
    extracted = models.JSONField(help_text="The record as the importer read it.")
    record = models.JSONField(help_text="The record as it stands, with a reviewer's corrections.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEEDS_REVIEW)
    reason = models.TextField(blank=True, help_text="Why it needs review, or why it was rejected.")
    version = models.PositiveIntegerField(default=1)
    # The file's id on Ofsted's site, when the watcher found it there (blank by hand).
    ofsted_file_id = models.CharField("Ofsted file id", max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "-updated_at"]
        permissions = [("review_letterimport", "Can review, correct and confirm imported letters")]
        indexes = [models.Index(fields=["kind", "area", "inspection_start"])]

    def __str__(self) -> str:
        return self.file_name

    @property
    def kind_label(self) -> str:
        return LetterKind(self.kind).label if self.kind else "unknown"


class LetterImportChange(models.Model):
    """One step in an import's life; ``sha256`` keeps every file version it has seen."""

    class Action(models.TextChoices):
        IMPORTED = "imported", "Imported"
        NEW_VERSION = "new_version", "Updated from a new version of the letter"
        CONFIRMED = "confirmed", "Corrected and confirmed"
        REJECTED = "rejected", "Rejected"
        LISTED = "listed", "Publication found on Ofsted's site"

    letter = models.ForeignKey(LetterImport, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=20, choices=Action.choices)
    sha256 = models.CharField(max_length=64, db_index=True)
    file_name = models.CharField(max_length=255)
    record = models.JSONField()
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.letter} {self.action}"


class RejectedFile(models.Model):
    """A file refused on import, kept so staff see what was refused and why.

    The file itself is not kept: it is not a letter the service can read, and
    may be anything (ADR 0042). Its hash finds the same file again: a file
    refused again for the same reason counts one more attempt on its row.
    """

    class Via(models.TextChoices):
        COMMAND = "command", "Command line"
        UPLOAD = "upload", "Upload on the review queue"
        INBOX = "inbox", "Letter inbox"
        WATCHER = "watcher", "Ofsted watcher"

    file_name = models.CharField(max_length=255)
    file_size = models.PositiveBigIntegerField("size in bytes")
    sha256 = models.CharField(max_length=64, db_index=True)
    reason = models.TextField()
    via = models.CharField(max_length=20, choices=Via.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    attempts = models.PositiveIntegerField(default=1)
    at = models.DateTimeField("last refused at")

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} rejected"
