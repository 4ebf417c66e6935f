"""Findings and the outcome they lead to."""

from __future__ import annotations

import datetime as dt

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.permissions import Action, User
from areasend.casework.errors import CaseworkError
from areasend.casework.guards import no_personal_data, not_future
from areasend.framework.events import (
    EventType,
    Framework,
    Outcome,
)
from areasend.framework.findings import VOCABULARY, FindingKind, follows_up
from areasend.inspections.models import (
    Finding,
    Inspection,
)
from areasend.inspections.services.base import (
    DEFERRED,
    Status,
    _change,
    _outcomes,
    _probe,
    _require,
    refuse,
)


def _editable_refusal(inspection: Inspection) -> CaseworkError | None:
    if inspection.is_published:
        return CaseworkError("The letter is published: its findings can no longer change.")
    if inspection.status == Status.PLANNED:
        return CaseworkError("Findings are recorded once the area has been notified.")
    if inspection.status == Status.DEFERRED:
        return CaseworkError(DEFERRED)
    return None


def _editable(inspection: Inspection) -> None:
    refuse(_editable_refusal(inspection))


def findings_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why findings cannot be added or removed now, or None."""
    if inspection.outcome and not inspection.is_published:
        return CaseworkError("The outcome is decided: findings can no longer change.", field="text")
    return _editable_refusal(inspection)


def outcome_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why the outcome cannot be decided now, or None: the findings page offers its form
    only when None."""
    refusal = _editable_refusal(inspection)
    if refusal is not None:
        return refusal
    if inspection.outcome:
        return CaseworkError(
            f"The outcome was already decided on {inspection.outcome_decided_on:%-d %B %Y} "
            f"('{inspection.get_outcome_display()}'): an inspection has one outcome.",
            field="outcome",
            rule=_outcomes(inspection)[1],
        )
    if inspection.fieldwork_ended_on is None:
        return CaseworkError(
            "The outcome is decided after fieldwork ends: record its last day first.",
            field="outcome",
        )
    return None


def do_add_finding(
    actor: User, inspection: Inspection, *, question: str, kind: str, text: str
) -> Finding:
    _require(actor, Action.FINDINGS_EDIT, inspection)
    refuse(findings_refusal(inspection))
    vocabulary = VOCABULARY[Framework(inspection.framework)]
    if question not in dict(vocabulary.questions):
        raise CaseworkError(f"'{question}' is not a question of this framework.", field="question")
    if kind not in FindingKind.__members__.values():
        raise CaseworkError(f"'{kind}' is not a kind of finding.", field="kind")
    if not text.strip():
        raise CaseworkError("Enter the finding.", field="text")
    no_personal_data(text, "text")
    with _change(actor, "add_finding", inspection) as locked:
        position = locked.findings.count() + 1
        return Finding.objects.create(
            inspection=locked, question=question, kind=kind, text=text.strip(), position=position
        )


def do_remove_finding(actor: User, finding: Finding) -> None:
    inspection = finding.inspection
    _require(actor, Action.FINDINGS_EDIT, inspection)
    refuse(findings_refusal(inspection))
    with _change(actor, "remove_finding", inspection):
        audit(
            actor,
            "remove_finding",
            finding,
            area=inspection.area,
            before=snapshot(finding),
            after=None,
        )
        finding.delete()


def do_decide_outcome(
    actor: User, inspection: Inspection, *, outcome: Outcome, decided_on: dt.date
) -> Inspection:
    _require(actor, Action.OUTCOME_DECIDE, inspection)
    refuse(outcome_refusal(inspection))
    # The outcome is stated in the letter: the framework says whether a letter may come now.
    outcomes, rule = _outcomes(inspection)
    if outcome not in outcomes:
        raise CaseworkError(
            f"A {inspection.framework} {inspection.kind} inspection has no outcome '{outcome}'"
            + ("" if outcomes else ": it judges progress weakness by weakness"),
            field="outcome",
            rule=rule,
        )
    _probe(inspection, EventType.LETTER_DATED, decided_on, outcome=outcome)
    not_future(decided_on, "The decision date", "decided_on")
    framework = Framework(inspection.framework)
    significant = inspection.findings.filter(kind=FindingKind.SIGNIFICANT).count()
    vocabulary = VOCABULARY[framework]
    label = dict(vocabulary.kinds)[FindingKind.SIGNIFICANT].lower()
    if follows_up(framework, outcome) and not significant:
        raise CaseworkError(
            f"This outcome needs at least one {label} among the findings.",
            field="outcome",
            rule=vocabulary.rule,
        )
    if not follows_up(framework, outcome) and significant:
        raise CaseworkError(
            f"The findings include {significant} {label}(s): this outcome has none.",
            field="outcome",
            rule=vocabulary.rule,
        )
    with _change(actor, "decide_outcome", inspection) as locked:
        locked.outcome = outcome
        locked.outcome_decided_on = decided_on
    return inspection
