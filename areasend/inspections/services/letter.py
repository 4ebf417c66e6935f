"""The letter: drafted from the findings, revised by the team, published (the embargo ends)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.permissions import Action, User
from areasend.casework.actions import (
    person,
    refuse_if_changed,
)
from areasend.casework.errors import CaseworkError
from areasend.casework.guards import no_personal_data, not_future
from areasend.casework.personal_data import CHILD_DETAILS
from areasend.framework.events import (
    EventType,
    Outcome,
)
from areasend.framework.findings import FindingKind
from areasend.inspections.models import (
    Inspection,
    Letter,
)
from areasend.inspections.outcome_letter import draft_body
from areasend.inspections.services.base import (
    Status,
    _change,
    _event,
    _outcomes,
    _probe,
    _record,
    _require,
    refuse,
)
from areasend.inspections.services.findings import (
    _editable,
    _editable_refusal,
)
from areasend.inspections.services.progress import (
    _all_judged,
    _unjudged,
)


def letter_draft_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why the letter cannot be drafted now, or None."""
    refusal = _editable_refusal(inspection)
    if refusal is not None:
        return refusal
    if _outcomes(inspection)[0] and not inspection.outcome:
        return CaseworkError("Decide the outcome before drafting the letter.")
    if inspection.is_follow_up:
        return _unjudged(inspection, "drafting the letter")
    return None


def letter_publish_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why the letter cannot be published now, or None. (The framework also checks the date
    given: no letter before fieldwork ends.)"""
    if inspection.is_published:
        return CaseworkError("The letter is already published.")
    if _outcomes(inspection)[0] and not inspection.outcome:
        return CaseworkError("Decide the outcome before publishing the letter.")
    if inspection.is_follow_up:
        refusal = _unjudged(inspection, "publishing the letter")
        if refusal is not None:
            return refusal
    letter = Letter.objects.filter(inspection=inspection).first()
    if letter is None or letter.status != Letter.Status.REVIEWED:
        return CaseworkError("Draft the letter and mark it reviewed before publishing it.")
    return None


def do_draft_letter(actor: User, inspection: Inspection) -> Letter:
    """Draft (or redraft) the letter from the findings into the framework's structure."""
    _require(actor, Action.LETTER_EDIT, inspection)
    refuse(letter_draft_refusal(inspection))
    with _change(actor, "draft_letter", inspection) as locked:
        body = draft_body(locked)
        letter, created = Letter.objects.get_or_create(inspection=locked, defaults={"body": body})
        if not created:
            letter.body, letter.status, letter.reviewed_by = body, Letter.Status.DRAFT, None
            letter.version += 1
            letter.save()
    return letter


def do_revise_letter(
    actor: User, letter: Letter, *, body: str, version: int, reviewed: bool
) -> Letter:
    inspection = letter.inspection
    _require(actor, Action.LETTER_EDIT, inspection)
    _editable(inspection)
    if not body.strip():
        raise CaseworkError("The letter cannot be empty.", field="body")
    # A letter gives the partnership's and inspectorates' addresses: only a child's details
    # are refused in it (its findings were checked in full when they were recorded).
    no_personal_data(body, "body", CHILD_DETAILS)
    with _change(actor, "revise_letter", inspection):
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        refuse_if_changed(
            locked, version, "saved the letter", field="body", detail=_their_lines(locked, body)
        )
        before = snapshot(locked)
        locked.body = body.replace("\r\n", "\n").strip() + "\n"
        locked.status = Letter.Status.REVIEWED if reviewed else Letter.Status.DRAFT
        locked.reviewed_by = person(actor) if reviewed else None
        locked.version += 1
        locked.save()
        audit(
            actor,
            "revise_letter",
            locked,
            area=inspection.area,
            before=before,
            after=snapshot(locked),
        )
    return locked


def _their_lines(current: Letter, mine: str) -> str:
    """Which lines of the letter someone else saved differ from this change."""
    theirs = [line for line in current.body.splitlines() if line.strip()]
    ours = set(mine.replace("\r\n", "\n").splitlines())
    changed = [line for line in theirs if line not in ours][:5]
    return " Their version has: " + " / ".join(f"'{x[:80]}'" for x in changed) if changed else ""


def do_publish_letter(
    actor: User, inspection: Inspection, *, dated: dt.date, published_on: dt.date
) -> Inspection:
    """Date and publish: the letter's events enter the area's public history together."""
    _require(actor, Action.LETTER_PUBLISH, inspection)
    refusal = letter_publish_refusal(inspection)
    # The framework first (it names the rule refusing a letter before fieldwork has ended),
    # unless the letter is out already.
    if not inspection.is_published:
        _probe(inspection, EventType.LETTER_DATED, dated)
    refuse(refusal)
    letter = Letter.objects.get(inspection=inspection)
    needs_outcome = bool(_outcomes(inspection)[0])
    judgements = _all_judged(inspection, "publishing the letter") if inspection.is_follow_up else []
    if published_on < dated:
        raise CaseworkError("A letter is published on or after its date.", field="published_on")
    not_future(published_on, "The publication date", "published_on")
    weaknesses = tuple(f.text for f in inspection.findings.filter(kind=FindingKind.SIGNIFICANT))
    fields: dict[str, Any] = {"weaknesses": weaknesses}
    if needs_outcome:
        fields["outcome"] = Outcome(inspection.outcome)
    with _change(actor, "publish_letter", inspection) as locked:
        # RV-9 / NF-MON-2: the letter states progress on each weakness, so each
        # judgement becomes a fact of the history on the day the letter is published.
        judged = [
            _event(
                locked,
                EventType.PROGRESS_JUDGED,
                published_on,
                weakness=j.weakness,
                sufficient=j.sufficient,
            )
            for j in judgements
        ]
        _record(
            actor,
            locked,
            [
                _event(locked, EventType.LETTER_DATED, dated, **fields),
                _event(locked, EventType.LETTER_PUBLISHED, published_on, **fields),
                *judged,
            ],
        )
        Letter.objects.filter(pk=letter.pk).update(
            status=Letter.Status.PUBLISHED, dated=dated, published_on=published_on
        )
        locked.status = Status.PUBLISHED
    return inspection


# -- progress per weakness (revisits and monitoring inspections) ----------------------------
