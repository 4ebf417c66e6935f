"""The review queue: inspectorate staff check what was read, correct it and confirm."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from areasend.accounts.permissions import Action, can
from areasend.areas.resolve import directory_from_db
from areasend.framework.events import HistoryError
from areasend.letters import tasks
from areasend.letters.forms import ReviewForm, UploadForm
from areasend.letters.models import LetterImport, RejectedFile
from areasend.letters.record import CONFIDENT, Found, LetterKind, LetterRecord
from areasend.letters.services import (
    ConfirmError,
    ImportOutcome,
    corrected,
    do_confirm_import,
    do_import_upload,
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


#: Rejected files the queue lists, newest first; the rest are in the admin.
SHOWN_REJECTIONS = 100
_RESULTS = {
    "imported": "Imported for review",
    "needs_review": "Imported for review",
    "updated": "Imported for review (a new version of a letter in the queue)",
    "unchanged": "Unchanged",
    "rejected": "Rejected",
}


@dataclass(frozen=True)
class Uploaded:
    """One uploaded file's result, as the page lists it and the upload script receives it."""

    file: str
    result: str
    label: str
    reason: str
    url: str


def _uploaded(outcome: ImportOutcome) -> Uploaded:
    url = reverse("letters:review", args=[outcome.letter_id]) if outcome.letter_id else ""
    return Uploaded(
        outcome.file_name, outcome.result, _RESULTS[outcome.result], outcome.reason, url
    )


def _queue_page(
    request: HttpRequest,
    form: UploadForm,
    results: list[Uploaded] | None = None,
    status: int = 200,
) -> HttpResponse:
    letters = LetterImport.objects.select_related("area").defer("text", "extracted", "record")
    groups = [
        (label, [letter for letter in letters if letter.status == status])
        for status, label in LetterImport.Status.choices
        if status != LetterImport.Status.REJECTED
    ]
    rejected = [letter for letter in letters if letter.status == LetterImport.Status.REJECTED]
    # One row more than is shown says whether there are more, without a count query.
    refused = list(RejectedFile.objects.select_related("by")[: SHOWN_REJECTIONS + 1])
    context = {
        "groups": groups,
        "rejected_letters": rejected,
        "rejected_files": refused[:SHOWN_REJECTIONS],
        "more_rejected_files": len(refused) > SHOWN_REJECTIONS,
        "inbox": tasks.inbox(),
        "form": form,
        "results": results,
        "may_import": can(request.user, Action.LETTER_IMPORT),
    }
    return render(request, "letters/queue.html", context, status=status)


@login_required
@permission_required(PERMISSION, raise_exception=True)
def queue(request: HttpRequest) -> HttpResponse:
    return _queue_page(request, UploadForm())


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    """Each uploaded file through ``do_import_upload``; the page lists each file's result.

    The upload script sends one file per request and asks for JSON; without
    JavaScript the form sends them all at once and gets the queue page back.
    """
    if not can(request.user, Action.LETTER_IMPORT):
        raise PermissionDenied("You may not import letters.")
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"errors": form.errors["letters"]}, status=400)
        return _queue_page(request, form, status=400)
    results = [
        _uploaded(do_import_upload(f, by=request.user)) for f in form.cleaned_data["letters"]
    ]
    if wants_json:
        return JsonResponse({"results": [asdict(r) for r in results]})
    return _queue_page(request, UploadForm(), results)


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
