"""An inspection's steps in order, as the GOV.UK task list shows them to one person.

Each step's precondition is the refusal function its service raises before it writes
(``team_refusal`` for ``do_add_team_member`` and so on), so what the task list offers is
exactly what the service accepts, and each precondition is decided in one place. Who may
take a step is the permission table's answer (``can``). Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from areasend.accounts.permissions import CLOSED_WHEN_PUBLISHED, Action, User, can
from areasend.areas.event_log import area_status
from areasend.casework.errors import CaseworkError
from areasend.framework.status import AreaStatus, Obligation
from areasend.inspections.follow_up import weaknesses_to_judge
from areasend.inspections.models import ChecklistItem, Inspection, Letter, TeamMember
from areasend.inspections.services.deferrals import (
    deferral_decision_refusal,
    deferral_request_refusal,
)
from areasend.inspections.services.evidence import evidence_refusal
from areasend.inspections.services.fieldwork import (
    checklist_refusal,
    fieldwork_end_refusal,
    fieldwork_start_refusal,
)
from areasend.inspections.services.findings import findings_refusal, outcome_refusal
from areasend.inspections.services.letter import letter_draft_refusal, letter_publish_refusal
from areasend.inspections.services.notice_week import notice_links_refusal
from areasend.inspections.services.progress import progress_refusal
from areasend.inspections.services.team import team_refusal

CANNOT_START = "Cannot start yet"
NOT_STARTED = "Not started"
IN_PROGRESS = "In progress"
COMPLETED = "Completed"

#: Who the permission table lets take each step, in plain words for those it does not.
WHO: dict[Action, str] = {
    Action.INSPECTION_MANAGE: "The lead inspector or a planner does this.",
    Action.CHECKLIST_COMPLETE: "The area's nominated officer records this.",
    Action.LOCAL_OFFER_EDIT: "The area's nominated officer records this.",
    Action.EVIDENCE_RECORD: "The inspection team records this.",
    Action.FINDINGS_EDIT: "The inspection team records this.",
    Action.OUTCOME_DECIDE: "The lead inspector decides this.",
    Action.LETTER_EDIT: "The lead inspector drafts the letter.",
    Action.LETTER_PUBLISH: "The lead inspector publishes the letter.",
    Action.PROGRESS_JUDGE: "The lead inspector judges progress.",
    Action.DEFERRAL_REQUEST: "The area's nominated officer asks for a deferral.",
    Action.DEFERRAL_DECIDE: "Ofsted and CQC's planners decide a deferral.",
}
PUBLISHED = "The letter is published: this no longer changes."


@dataclass(frozen=True)
class Step:
    """One line of the task list."""

    name: str  # the step page's URL name in the inspections namespace
    title: str
    status: str
    may: bool  # whether this person may take the step now
    reason: str  # why not, in plain English ("" when they may)
    query: str = ""  # what the link adds to pick the form: "?form=meeting"
    hint: str = ""

    @property
    def key(self) -> str:
        """A name for the step unique on its page (ids, tests)."""
        return self.name + self.query.replace("?", "-").replace("=", "-")


@dataclass(frozen=True)
class TaskList:
    steps: tuple[Step, ...]
    #: What the framework says is due for this inspection (or its area, when no one
    #: inspection), met or not.
    obligations: tuple[Obligation, ...]
    area_status: AreaStatus  # where the area stands now, all its inspections together


def refusal_for(
    actor: User, inspection: Inspection, action: Action, refusal: CaseworkError | None
) -> str:
    """Why ``actor`` may not take the step now ("" if they may): the step's own refusal
    first, then the permission table."""
    if refusal is not None:
        return str(refusal)
    if can(actor, action, inspection=inspection):
        return ""
    if inspection.is_published and action in CLOSED_WHEN_PUBLISHED:
        return PUBLISHED
    return WHO.get(action, "You may not do this.")


def _status(done: bool, started: bool, refused: bool) -> str:
    if done:
        return COMPLETED
    if started:
        return IN_PROGRESS
    return CANNOT_START if refused else NOT_STARTED


def task_list(actor: User, inspection: Inspection) -> TaskList:
    """The steps of ``inspection`` in order, each with its status and whether ``actor`` may
    take it now; steps under embargo only for those who may see the findings."""
    steps: list[Step] = []

    def step(
        name: str,
        title: str,
        action: Action,
        refusal: Callable[[Inspection], CaseworkError | None] | None,
        *,
        done: bool,
        started: bool = False,
        query: str = "",
        hint: str = "",
    ) -> None:
        refused = refusal(inspection) if refusal is not None else None
        reason = refusal_for(actor, inspection, action, refused)
        status = _status(done, started, refused is not None)
        steps.append(Step(name, title, status, not reason, reason, query, hint))

    members = [m.role for m in inspection.team.all()]
    done_items = {c.item for c in inspection.checklist.all()}
    evidence = getattr(inspection, "evidence", None)
    deferrals = list(inspection.deferrals.all())
    started, ended = inspection.fieldwork_started_on, inspection.fieldwork_ended_on

    step("notice_links", "Webinar and survey details", Action.INSPECTION_MANAGE,
         notice_links_refusal, done=bool(inspection.webinar_join_url and inspection.survey_url),
         started=bool(inspection.webinar_join_url or inspection.survey_url))  # fmt: skip
    step("local_offer", "The area's Local Offer page", Action.LOCAL_OFFER_EDIT, None,
         done=bool(inspection.area.local_offer_url))  # fmt: skip
    step("checklist", "Tell families (notice-week duties)", Action.CHECKLIST_COMPLETE,
         checklist_refusal, done=done_items >= set(ChecklistItem.Item.values),
         started=bool(done_items), hint=f"{len(done_items)} of "
         f"{len(ChecklistItem.Item.values)} done")  # fmt: skip
    if deferrals or can(actor, Action.DEFERRAL_REQUEST, inspection=inspection):
        step("deferral_request", "Ask to defer the inspection", Action.DEFERRAL_REQUEST,
             deferral_request_refusal, done=bool(deferrals))  # fmt: skip
    if deferrals:
        step("deferral_decision", "Decide the deferral request", Action.DEFERRAL_DECIDE,
             deferral_decision_refusal, done=not any(d.pending for d in deferrals))  # fmt: skip
    step("team", "Inspection team", Action.INSPECTION_MANAGE, team_refusal,
         done=TeamMember.Role.LEAD in members, started=bool(members),
         hint=f"{len(members)} on the team")  # fmt: skip
    step("fieldwork", "Start fieldwork", Action.INSPECTION_MANAGE, fieldwork_start_refusal,
         done=started is not None, query="?step=start")  # fmt: skip
    step("fieldwork", "End fieldwork", Action.INSPECTION_MANAGE, fieldwork_end_refusal,
         done=ended is not None, query="?step=end")  # fmt: skip
    counts = {
        "evidence": ""
        if evidence is None
        else f"{evidence.parent_responses} parents and "
        f"carers, {evidence.young_people_responses} children and young people, "
        f"{evidence.practitioner_responses} practitioners",
        "meeting": f"{inspection.meetings.count()} recorded",
        "visit": f"{inspection.visits.count()} recorded",
        "case": f"{inspection.cases.count()} recorded",
    }
    for form, title in EVIDENCE_TITLES.items():
        gathered = bool(counts[form]) and counts[form] != "0 recorded"
        step("evidence", title, Action.EVIDENCE_RECORD, evidence_refusal,
             done=gathered and ended is not None, started=gathered, query=f"?form={form}",
             hint=counts[form])  # fmt: skip
    if can(actor, Action.FINDINGS_VIEW, inspection=inspection):
        _judgement_steps(inspection, step)
    standing = area_status(inspection.area)
    mine = tuple(o for o in standing.obligations if o.inspection in (inspection.reference, None))
    return TaskList(tuple(steps), mine, standing)


EVIDENCE_TITLES = {
    "evidence": "Survey responses and webinar",
    "meeting": "Meetings",
    "visit": "Provider visits",
    "case": "Case sample",
}


def _judgement_steps(inspection: Inspection, step: Callable[..., None]) -> None:
    """Findings and outcome (a full inspection) or progress per weakness (a follow-up), then
    the letter: all under embargo until it is published."""
    if inspection.is_follow_up:
        judges = weaknesses_to_judge(inspection)
        judged = inspection.judgements.count()
        step("progress", "Progress on each weakness", Action.PROGRESS_JUDGE, progress_refusal,
             done=judged >= len(judges) > 0, started=judged > 0,
             hint=f"{judged} of {len(judges)} recorded")  # fmt: skip
    else:
        count = inspection.findings.count()
        step("findings", "Findings", Action.FINDINGS_EDIT, findings_refusal,
             done=bool(inspection.outcome), started=count > 0,
             hint=f"{count} recorded")  # fmt: skip
        step("findings", "Outcome", Action.OUTCOME_DECIDE, outcome_refusal,
             done=bool(inspection.outcome), query="#outcome")  # fmt: skip
    letter = Letter.objects.filter(inspection=inspection).first()
    step("letter_edit", "Draft and review the letter", Action.LETTER_EDIT, letter_draft_refusal,
         done=letter is not None and letter.status != Letter.Status.DRAFT,
         started=letter is not None)  # fmt: skip
    step("letter_edit", "Publish the letter", Action.LETTER_PUBLISH, letter_publish_refusal,
         done=inspection.is_published, query="#publish")  # fmt: skip
