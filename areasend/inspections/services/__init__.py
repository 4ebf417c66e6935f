"""Every change to an inspection, one function each (zulip's ``do_*`` actions).

Each function checks the actor's right in the permission table, asks the
framework whether the step is allowed, writes the §9 events (through
``areas.event_log.do_record_events``) and the records in one transaction, and
leaves an audit entry. A refused step raises ``CaseworkError`` (or
``PermissionDenied``) and changes nothing.

One module per object, as zulip splits its actions; this package is the one door the
channels (pages, API, admin, commands) call through.
"""

from areasend.inspections.services.deferrals import (
    deferral_decision_refusal,
    deferral_request_refusal,
    do_decide_deferral,
    do_request_deferral,
)
from areasend.inspections.services.evidence import (
    do_add_case_sample,
    do_add_meeting,
    do_add_provider_visit,
    do_record_evidence,
    evidence_refusal,
)
from areasend.inspections.services.fieldwork import (
    checklist_refusal,
    do_complete_checklist_item,
    do_end_fieldwork,
    do_start_fieldwork,
    fieldwork_end_refusal,
    fieldwork_start_refusal,
)
from areasend.inspections.services.findings import (
    do_add_finding,
    do_decide_outcome,
    do_remove_finding,
    findings_refusal,
    outcome_refusal,
)
from areasend.inspections.services.letter import (
    do_draft_letter,
    do_publish_letter,
    do_revise_letter,
    letter_draft_refusal,
    letter_publish_refusal,
)
from areasend.inspections.services.notice_week import (
    do_set_notice_links,
    notice_links_refusal,
)
from areasend.inspections.services.planning import (
    do_cancel_planned_inspection,
    do_create_inspection,
    do_move_planned_inspection,
    do_notify_inspection,
    do_plan_inspection,
)
from areasend.inspections.services.progress import (
    do_judge_progress,
    progress_refusal,
)
from areasend.inspections.services.steps import (
    Step,
    TaskList,
    refusal_for,
    task_list,
)
from areasend.inspections.services.team import (
    do_add_team_member,
    team_refusal,
)

__all__ = [
    "Step",
    "TaskList",
    "checklist_refusal",
    "deferral_decision_refusal",
    "deferral_request_refusal",
    "do_add_case_sample",
    "do_add_finding",
    "do_add_meeting",
    "do_add_provider_visit",
    "do_add_team_member",
    "do_cancel_planned_inspection",
    "do_complete_checklist_item",
    "do_create_inspection",
    "do_decide_deferral",
    "do_decide_outcome",
    "do_draft_letter",
    "do_end_fieldwork",
    "do_judge_progress",
    "do_move_planned_inspection",
    "do_notify_inspection",
    "do_plan_inspection",
    "do_publish_letter",
    "do_record_evidence",
    "do_remove_finding",
    "do_request_deferral",
    "do_revise_letter",
    "do_set_notice_links",
    "do_start_fieldwork",
    "evidence_refusal",
    "fieldwork_end_refusal",
    "fieldwork_start_refusal",
    "findings_refusal",
    "letter_draft_refusal",
    "letter_publish_refusal",
    "notice_links_refusal",
    "outcome_refusal",
    "progress_refusal",
    "refusal_for",
    "task_list",
    "team_refusal",
]
