"""Progress judged weakness by weakness at a revisit or monitoring inspection."""

from __future__ import annotations

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.permissions import Action, User
from areasend.casework.actions import (
    refuse_if_changed,
)
from areasend.casework.errors import CaseworkError
from areasend.casework.guards import no_personal_data
from areasend.framework.events import (
    Framework,
)
from areasend.inspections.follow_up import ITEM, weaknesses_to_judge
from areasend.inspections.models import (
    Inspection,
    Letter,
    ProgressJudgement,
)
from areasend.inspections.services.base import (
    DEFERRED,
    Status,
    _change,
    _require,
    refuse,
)


def _progress_rule(inspection: Inspection) -> str:
    return "RV-9" if inspection.framework == Framework.F2016 else "NF-MON-2"


def _unjudged(inspection: Inspection, before: str) -> CaseworkError | None:
    """Why ``before`` (drafting or publishing the letter) must wait for judgements, or None."""
    judges = weaknesses_to_judge(inspection)
    judged = {j.weakness for j in inspection.judgements.all()}
    missing = [w for w in judges if w not in judged]
    if not missing:
        return None
    singular = ITEM[Framework(inspection.framework)][0]
    return CaseworkError(
        f"Record progress on every {singular} before {before}: {len(missing)} of "
        f"{len(judges)} not recorded yet, starting with '{missing[0]}'.",
        rule=_progress_rule(inspection),
    )


def _all_judged(inspection: Inspection, before: str) -> list[ProgressJudgement]:
    """Every weakness the framework says this follow-up judges, judged: in the letter's order."""
    refuse(_unjudged(inspection, before))
    judged = {j.weakness: j for j in inspection.judgements.all()}
    return [judged[w] for w in weaknesses_to_judge(inspection)]


def progress_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why progress cannot be judged now, or None."""
    if not inspection.is_follow_up:
        return CaseworkError(
            "A full inspection has no progress to judge: revisits (2016) and monitoring "
            "inspections (2023) judge progress weakness by weakness.",
            rule=_progress_rule(inspection),
        )
    if inspection.is_published:
        return CaseworkError(
            "The letter is published: its progress judgements can no longer change."
        )
    if inspection.status == Status.PLANNED:
        return CaseworkError("Progress is judged once the area has been notified.")
    if inspection.status == Status.DEFERRED:
        return CaseworkError(DEFERRED)
    return None


def do_judge_progress(
    actor: User,
    inspection: Inspection,
    *,
    weakness: str,
    sufficient: bool,
    commentary: str,
    version: int | None = None,
) -> ProgressJudgement:
    """Judge (or re-judge) progress on one weakness of the full inspection followed up.

    ``version`` is the judgement's version the form was opened on (0: none yet);
    a judgement saved meanwhile by someone else is not overwritten. A change
    after the letter was drafted sends the letter back to draft, to be
    redrafted or edited and reviewed again.
    """
    rule = _progress_rule(inspection)
    refuse(progress_refusal(inspection))
    _require(actor, Action.PROGRESS_JUDGE, inspection)
    plural = ITEM[Framework(inspection.framework)][1]
    judges = weaknesses_to_judge(inspection)
    if weakness not in judges:
        listed = "; ".join(f"'{w}'" for w in judges) or "none"
        raise CaseworkError(
            f"'{weakness}' is not one of the {plural} this {inspection.kind} inspection judges "
            f"(those of the full inspection's letter: {listed}).",
            field="weakness",
            rule=rule,
        )
    if not commentary.strip():
        raise CaseworkError(
            "Say what inspectors found: the letter gives it with the judgement.", field="commentary"
        )
    no_personal_data(commentary, "commentary")
    with _change(actor, "judge_progress", inspection) as locked:
        current = (
            ProgressJudgement.objects.select_for_update()
            .filter(inspection=locked, weakness=weakness)
            .first()
        )
        if version is not None and current is None and version != 0:
            raise CaseworkError(
                "This judgement was removed since you opened the page: reload it.",
                field="sufficient",
            )
        if version is not None and current is not None:
            verdict = "sufficient" if current.sufficient else "not sufficient"
            refuse_if_changed(
                current, version, f"judged this weakness ({verdict})", field="sufficient"
            )
        before = snapshot(current) if current else None
        if current is None:
            current = ProgressJudgement(inspection=locked, weakness=weakness, version=0)
        changed = (current.sufficient, current.commentary) != (sufficient, commentary.strip())
        current.sufficient = sufficient
        current.commentary = commentary.strip()
        current.version += 1
        current.save()
        audit(
            actor,
            "judge_progress",
            current,
            area=locked.area,
            before=before,
            after=snapshot(current),
        )
        if changed:
            Letter.objects.filter(inspection=locked).exclude(status=Letter.Status.DRAFT).update(
                status=Letter.Status.DRAFT, reviewed_by=None
            )
    return current


# -- deferrals ------------------------------------------------------------------------------
