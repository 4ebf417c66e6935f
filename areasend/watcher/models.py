"""The watcher's memory: each run and what it found, the publications it has dealt with,
and the validators that let an unchanged page cost a 304."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from areasend.letters.models import LetterImport


class WatchRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    class Trigger(models.TextChoices):
        COMMAND = "command", "manage.py watch_ofsted"
        TASK = "task", "Daily job"
        PAGE = "page", "Started from the watcher page"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    pages = models.PositiveIntegerField(default=0, help_text="Pages fetched with a new body.")
    unchanged_pages = models.PositiveIntegerField(default=0, help_text="Pages answered 304.")
    seen = models.PositiveIntegerField(default=0, help_text="Area SEND publications listed.")
    imported = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True, help_text="Why the run failed, in one line each.")
    #: One entry per page or publication: {"url", "what", "result", "reason"}.
    log = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"watch run {self.pk} ({self.status})"


class SeenPublication(models.Model):
    """A publication the watcher has dealt with, found again by Ofsted's file id."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", "Imported for review"
        SKIPPED = "skipped", "Skipped"

    file_id = models.CharField(max_length=20, unique=True)
    url = models.URLField(max_length=500)
    provider_url = models.URLField(max_length=500)
    kind = models.CharField("publication type", max_length=200)
    published = models.DateField("publication date")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.TextField(blank=True)
    letter = models.ForeignKey(LetterImport, on_delete=models.SET_NULL, null=True, blank=True)
    run = models.ForeignKey(WatchRun, on_delete=models.PROTECT, related_name="publications")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published", "file_id"]

    def __str__(self) -> str:
        return f"{self.kind} - {self.published} (file {self.file_id})"


class PageValidator(models.Model):
    """The ETag and Last-Modified a page last came with, and its body for when it answers 304."""

    url = models.CharField(max_length=1000, unique=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    body = models.BinaryField()
    fetched_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.url
