"""The review queue: inspectorate staff check what was read, correct it and confirm."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from areasend.areas.resolve import directory_from_db
from areasend.framework.events import HistoryError
from areasend.letters import tasks
from areasend.letters.forms import ReviewForm
from areasend.letters.models import LetterImport
from areasend.letters.record import CONFIDENT, Found, LetterKind, LetterRecord
from areasend.letters.services import (
    ConfirmError,
    corrected,
    do_confirm_import,
    do_reject_import,
)

PERMISSION = "letters.review_letterimport"
_LABELS = {
    "kind": "Kind of letter",
    "area_name": "Area as written",
    "area_code": "Area (ONS code)",
    "inspection_start": "Inspection start",
    "inspection_end": "Inspection end",
    "letter_date": "Date on the letter",
    "publication_date": "Publication date",
    "previous_inspection": "Previous inspection",
    "outcome": "Outcome",
    "weakness_count": "Number of weaknesses stated",
    "sufficient_count": "Number addressed sufficiently, as stated",
    "next_inspection": "Next full inspection",
    "monitoring_inspection": "Monitoring inspection",
    "weaknesses": "Weakness / area for priority action",
    "improvements": "Area for improvement",
    "progress": "Progress",
    "nhs_partners": "NHS partner",
    "team": "Inspection team",
    "addressees": "Addressed to",
}


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    confidence: float | None
    weak: bool
    anchor: str | None


@dataclass(frozen=True)
class Segment:
    text: str
    anchor: str | None
    weak: bool


def _shown(found: Found[Any]) -> str:
    value = found.value
    if value is None:
        return "Unknown"
    if isinstance(value, LetterKind):
        return value.label
    if hasattr(value, "sufficient"):
        verdict = "sufficient progress" if value.sufficient else "not sufficient progress"
        return f"{value.weakness} — {verdict}"
    return str(value)


def _rows(record: LetterRecord, marked: set[str]) -> list[Row]:
    rows: list[Row] = []
    for name in (*LetterRecord.SCALARS, *LetterRecord.LISTS):
        value = getattr(record, name)
        items: list[Found[Any]] = list(value) if isinstance(value, tuple) else [value]
        for i, found in enumerate(items, 1):
            label = _LABELS[name] + (f" {i}" if isinstance(value, tuple) else "")
            anchor = f"span-{name}-{i}"
            confidence = found.confidence if found.value is not None else None
            rows.append(
                Row(
                    label,
                    _shown(found),
                    confidence,
                    found.weak,
                    anchor if anchor in marked else None,
                )
            )
    return rows


def _segments(text: str, record: LetterRecord) -> list[Segment]:
    """The letter text cut at the spans fields came from, so the page can mark them.

    Spans nest (the title holds the area's name): the narrowest wins.
    """
    spans: list[tuple[int, int, str, bool]] = []
    for name in (*LetterRecord.SCALARS, *LetterRecord.LISTS):
        value = getattr(record, name)
        items: list[Found[Any]] = list(value) if isinstance(value, tuple) else [value]
        for i, found in enumerate(items, 1):
            if found.span:
                spans.append((found.span[0], found.span[1], f"span-{name}-{i}", found.weak))
    chosen: list[tuple[int, int, str, bool]] = []
    for span in sorted(spans, key=lambda s: s[1] - s[0]):
        if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
            chosen.append(span)
    segments: list[Segment] = []
    at = 0
    for start, end, anchor, weak in sorted(chosen):
        segments.append(Segment(text[at:start], None, False))
        segments.append(Segment(text[start:end], anchor, weak))
        at = end
    segments.append(Segment(text[at:], None, False))
    return [s for s in segments if s.text]


@login_required
@permission_required(PERMISSION, raise_exception=True)
def queue(request: HttpRequest) -> HttpResponse:
    letters = LetterImport.objects.select_related("area").defer("text", "extracted", "record")
    groups = [
        (label, [letter for letter in letters if letter.status == status])
        for status, label in LetterImport.Status.choices
    ]
    return render(request, "letters/queue.html", {"groups": groups, "inbox": tasks.inbox()})


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def import_inbox(request: HttpRequest) -> HttpResponse:
    """Start the inbox import as a background job; its letters join the queue as they are read."""
    folder = tasks.inbox()
    if folder is None or not folder.is_dir():
        messages.error(request, "No letter inbox folder is set up (AREASEND_LETTER_INBOX).")
    else:
        result = tasks.import_inbox.enqueue()
        messages.success(
            request,
            f"Import of the inbox started (job {result.id}); letters appear below as they are "
            "read. Reload to see them.",
        )
    return redirect("letters:queue")


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(LetterImport.objects.select_related("area"), pk=pk)
    record = LetterRecord.from_json(letter.record)
    directory = directory_from_db()
    form = ReviewForm(initial=ReviewForm.initial_from(record), directory=directory)
    problems: list[str] = []
    if request.method == "POST" and request.POST.get("action") == "reject":
        reason = request.POST.get("reason", "").strip() or "rejected by the reviewer"
        do_reject_import(letter, reason, by=request.user)
        messages.success(request, f"{letter.file_name} rejected.")
        return redirect("letters:queue")
    if request.method == "POST":
        form = ReviewForm(request.POST, directory=directory)
        if form.is_valid():
            try:
                result = do_confirm_import(
                    letter,
                    corrected(record, **form.changes()),
                    by=request.user,
                    notified=form.notified_on(),
                )
            except (ConfirmError, HistoryError) as error:
                problems.append(str(error))
            else:
                messages.success(
                    request,
                    f"{letter.file_name} confirmed: {result.added} events added to the history.",
                )
                return redirect("letters:queue")
    segments = _segments(letter.text, record)
    context = {
        "letter": letter,
        "record": record,
        "rows": _rows(record, {s.anchor for s in segments if s.anchor}),
        "segments": segments,
        "form": form,
        "problems": problems or list(record.problems),
        "confident": CONFIDENT,
        "changes": letter.changes.select_related("by"),
    }
    return render(request, "letters/review.html", context, status=400 if problems else 200)
