"""The rules as data: what someone changing a rule edits.

The states and their plain-English labels, which events each state and each
inspection phase allows and why the rest are refused, the outcomes each letter may
state, the plans each cycle asks for and the duties the obligations are built from.
Every entry names its rule; ``manage.py rule ID`` finds them from the ID.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from areasend.framework.events import (
    EventType,
    Framework,
    InspectionKind,
    Outcome,
    PlanKind,
)
from areasend.framework.knowledge import Known
from areasend.framework.rules import OUTCOMES
from areasend.framework.status import Party

if TYPE_CHECKING:
    from areasend.framework.evaluate.model import Cycle

E = EventType
F16, F23 = Framework.F2016, Framework.F2023
FULL, REVISIT, MONITORING = InspectionKind.FULL, InspectionKind.REVISIT, InspectionKind.MONITORING
AREA, INSPECTORATE, DFE = Party.LOCAL_AREA, Party.INSPECTORATE, Party.DFE_NHSE

# ---------------------------------------------------------------------------
# States

#: Every state, with the plain-English label a parent reads (NF-OUT-2: "outcome").
STATES: Mapping[str, str] = MappingProxyType(
    {
        "not_inspected": "Not inspected yet",
        "notified": "An inspection has been announced; inspectors have not started yet",
        "fieldwork": "Inspectors are carrying out the inspection",
        "awaiting_letter": "The inspection has finished; its report is not published yet",
        "no_further_action": "Inspected: no written statement of action was required",
        "wsoa_due": "The area must send a written statement of action (its improvement plan)",
        "wsoa_under_review": "Ofsted and CQC are deciding on the written statement of action",
        "wsoa_resubmission_due": "The written statement of action was not good enough; a new one "
        "is due",
        "wsoa_monitoring": "The written statement of action was accepted; the government checks "
        "progress until inspectors revisit",
        "revisit_notified": "Inspectors have announced a revisit",
        "revisit_fieldwork": "Inspectors are revisiting the area",
        "awaiting_revisit_letter": "The revisit has finished; its letter is not published yet",
        "revisit_reported": "The revisit letter is published; its findings on each weakness are "
        "not all recorded",
        "app_monitoring": "The revisit found too little progress; the area works to an accelerated "
        "progress plan checked by the government",
        "released": "Released from formal government monitoring",
        "improvement_notice": "The government has issued an Improvement Notice",
        "positive": "Outcome: typically positive experiences and outcomes",
        "inconsistent": "Outcome: inconsistent experiences and outcomes",
        "pap_due": "Outcome: widespread or systemic failings; a priority action plan is due",
        "pap_under_review": "Outcome: widespread or systemic failings; the priority action plan is "
        "with Ofsted and CQC",
        "monitoring_inspection_due": "Outcome: widespread or systemic failings; the plan is in "
        "place and a monitoring inspection is due",
        "monitoring_notified": "Inspectors have announced a monitoring inspection",
        "monitoring_fieldwork": "Inspectors are carrying out a monitoring inspection",
        "awaiting_monitoring_report": "The monitoring inspection has finished; its report is not "
        "published yet",
        "systemic_failings": "Outcome: widespread or systemic failings; the monitoring inspection "
        "has reported and the next full inspection is due",
    }
)

#: States that rest on a step the record may not hold, the rule of that step, and what to
#: say instead once the step is due and the record cannot hold it (ADR 0029): a national
#: history never shows a written statement of action sent, so "must send" would be untrue.
UNRECORDED_LABELS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "wsoa_due": (
            "OF-WSOA-3",
            "A written statement of action (an improvement plan) was required; the register "
            "does not record when it was sent",
        ),
        "wsoa_under_review": (
            "OF-WSOA-5",
            "The written statement of action was sent; the register does not record Ofsted and "
            "CQC's decision on it",
        ),
        "wsoa_resubmission_due": (
            "OF-WSOA-6",
            "The written statement of action was not good enough; the register does not record "
            "the new one",
        ),
        "pap_due": (
            "NF-PLAN-2",
            "Outcome: widespread or systemic failings; the register does not record the priority "
            "action plan",
        ),
    }
)

#: The state while an inspection is under way, by kind and phase.
PHASE_STATES: Mapping[InspectionKind, Mapping[str, str]] = MappingProxyType(
    {
        FULL: {
            "notified": "notified",
            "fieldwork": "fieldwork",
            "awaiting_letter": "awaiting_letter",
        },
        REVISIT: {
            "notified": "revisit_notified",
            "fieldwork": "revisit_fieldwork",
            "awaiting_letter": "awaiting_revisit_letter",
        },
        MONITORING: {
            "notified": "monitoring_notified",
            "fieldwork": "monitoring_fieldwork",
            "awaiting_letter": "awaiting_monitoring_report",
        },
    }
)

# ---------------------------------------------------------------------------
# Transition tables

#: Events that belong to one inspection, allowed by that inspection's phase.
PHASE_ALLOWS: Mapping[str, frozenset[EventType]] = MappingProxyType(
    {
        "notified": frozenset({E.FIELDWORK_STARTED, E.DEFERRAL_REQUESTED, E.DEFERRAL_DECIDED}),
        "fieldwork": frozenset({E.FIELDWORK_ENDED}),
        "awaiting_letter": frozenset(
            {E.LETTER_DATED, E.LETTER_PUBLISHED, E.REPORT_RECEIVED, E.PROGRESS_JUDGED}
        ),
        "reported": frozenset({E.REPORT_RECEIVED, E.PROGRESS_JUDGED}),
        "withdrawn": frozenset(),
    }
)
INSPECTION_SCOPED = frozenset().union(*PHASE_ALLOWS.values())

PLAN_EVENTS = frozenset({E.PLAN_SUBMITTED, E.PLAN_JUDGED, E.PLAN_PUBLISHED})
_DFE = frozenset({E.SUPPORT_VISIT, E.RELEASED_FROM_MONITORING})
_NEXT = frozenset({E.INSPECTION_NOTIFIED})
_UNDER_WAY = PLAN_EVENTS | {E.SUPPORT_VISIT}  # a cycle's plans and visits go on during a follow-up
_OUTCOME_3 = _NEXT | PLAN_EVENTS | _DFE | {E.IMPROVEMENT_NOTICE_ISSUED}

#: Area events each state allows; engagement meetings, thematic visits and the
#: national pause are gated by date instead (``_dated_gate``).
ALLOWS: Mapping[str, frozenset[EventType]] = MappingProxyType(
    {
        "not_inspected": _NEXT,
        "notified": frozenset(),
        "fieldwork": frozenset(),
        "awaiting_letter": frozenset(),
        "no_further_action": _NEXT,
        # Plans stay open in every WSOA state: histories often lack the plan dates.
        "wsoa_due": _NEXT | PLAN_EVENTS | _DFE,
        "wsoa_under_review": _NEXT | PLAN_EVENTS | _DFE,
        "wsoa_resubmission_due": _NEXT | PLAN_EVENTS | _DFE,
        "wsoa_monitoring": _NEXT | PLAN_EVENTS | _DFE,
        "revisit_notified": _UNDER_WAY,
        "revisit_fieldwork": _UNDER_WAY,
        "awaiting_revisit_letter": _UNDER_WAY,
        "revisit_reported": _NEXT | PLAN_EVENTS | _DFE | {E.IMPROVEMENT_NOTICE_ISSUED},
        "app_monitoring": _NEXT | PLAN_EVENTS | _DFE | {E.IMPROVEMENT_NOTICE_ISSUED},
        "released": _NEXT | {E.PLAN_PUBLISHED},
        "improvement_notice": _NEXT | PLAN_EVENTS | {E.SUPPORT_VISIT, E.IMPROVEMENT_NOTICE_LIFTED},
        "positive": _NEXT | PLAN_EVENTS | {E.SUPPORT_VISIT},
        "inconsistent": _NEXT | PLAN_EVENTS | _DFE,
        "pap_due": _OUTCOME_3,
        "pap_under_review": _OUTCOME_3,
        "monitoring_inspection_due": _OUTCOME_3,
        "monitoring_notified": _UNDER_WAY,
        "monitoring_fieldwork": _UNDER_WAY,
        "awaiting_monitoring_report": _UNDER_WAY,
        "systemic_failings": _OUTCOME_3,
    }
)

#: Why an event is refused where the tables do not allow it: (rule, reason).
REFUSES: Mapping[EventType, tuple[str, str]] = MappingProxyType(
    {
        E.INSPECTION_NOTIFIED: ("OF-LAW-3", "an inspection is under way; its report comes first"),
        E.FIELDWORK_STARTED: ("OF-NOT-1", "fieldwork follows an inspection's notification, once"),
        E.FIELDWORK_ENDED: ("OF-ONS-1", "fieldwork ends once, after it has started"),
        E.DEFERRAL_REQUESTED: (
            "RV-6",
            "a deferral is asked for between notification and fieldwork",
        ),
        E.DEFERRAL_DECIDED: ("RV-6", "a deferral is decided after it is asked for"),
        E.LETTER_DATED: (
            "OF-LET-3",
            "an inspection has one letter, dated after fieldwork ends and "
            "no later than its publication",
        ),
        E.LETTER_PUBLISHED: (
            "OF-LET-1",
            "an inspection's letter is published once, after fieldwork ends",
        ),
        E.REPORT_RECEIVED: ("OF-LAW-3", "a report is received once, after fieldwork ends"),
        E.PROGRESS_JUDGED: (
            "RV-9",
            "progress is judged by a revisit or monitoring inspection after its fieldwork",
        ),
        E.PLAN_SUBMITTED: ("OF-WSOA-1", "no plan is required of the area now"),
        E.PLAN_JUDGED: ("OF-WSOA-5", "a plan is judged only after it is submitted"),
        E.PLAN_PUBLISHED: ("OF-WSOA-1", "no plan is required of the area now"),
        E.SUPPORT_VISIT: (
            "OF-WSOA-8",
            "DfE/NHSE support and challenge follows a WSOA or a 2023 outcome",
        ),
        E.IMPROVEMENT_NOTICE_ISSUED: (
            "RV-12",
            "an Improvement Notice follows an insufficient "
            "revisit (RV-12) or outcome 3 (NF-PLAN-4), once",
        ),
        E.IMPROVEMENT_NOTICE_LIFTED: (
            "NF-PLAN-4",
            "only an Improvement Notice in force can be lifted",
        ),
        E.RELEASED_FROM_MONITORING: ("OF-WSOA-8", "the area is not under DfE/NHSE monitoring"),
        E.ENGAGEMENT_MEETING: ("NF-ENG-1", "engagement meetings belong to the 2023 framework"),
        E.THEMATIC_VISIT: ("NF-THEM-1", "thematic visits belong to the 2023 framework"),
        E.PROGRAMME_PAUSED: ("CV-1", "the programme is already paused"),
        E.PROGRAMME_RESUMED: ("CV-4", "the programme is not paused"),
    }
)

#: Outcomes a letter may state, and the rule that says so, by framework and kind.
VALID_OUTCOMES: Mapping[tuple[Framework, InspectionKind], tuple[frozenset[Outcome], str]] = {
    (F16, FULL): (frozenset({Outcome.WSOA, Outcome.NO_WSOA}), "OF-Q-2"),
    (F23, FULL): (frozenset(OUTCOMES), "NF-OUT-1"),
    (F16, REVISIT): (frozenset(), "RV-9"),
    (F23, MONITORING): (frozenset(), "NF-MON-2"),
}

#: Letter publication target (rule, parameter) by framework and kind.
PUBLICATION: Mapping[tuple[Framework, InspectionKind], tuple[str, str]] = {
    (F16, FULL): ("OF-LET-5", "letter.publication_target_wd"),
    (F16, REVISIT): ("RV-10", "revisit.report_target_wd"),
    (F23, FULL): ("NF-PUB-1", "nf.publication_target_wd"),
    (F23, MONITORING): ("NF-PUB-1", "nf.publication_target_wd"),
}

#: A programme_resumed event of one kind resumes these kinds (monitoring
#: inspections are part of the full-inspection programme).
RESUMES: Mapping[InspectionKind | None, frozenset[InspectionKind]] = {
    None: frozenset(InspectionKind),
    FULL: frozenset({FULL, MONITORING}),
    REVISIT: frozenset({REVISIT}),
    MONITORING: frozenset({MONITORING}),
}


#: Plans the inspectorate judges fit for purpose before the area publishes them (OF-WSOA-5,
#: NF-PLAN-2); the strategic plan and an accelerated progress plan are published directly.
JUDGED_PLANS: Mapping[PlanKind, str] = MappingProxyType(
    {PlanKind.WSOA: "OF-WSOA-5", PlanKind.PRIORITY_ACTION_PLAN: "NF-PLAN-2"}
)


#: Which plan may be handled in a cycle, and the rule that asks for it.
PLAN_RULES: Mapping[PlanKind, tuple[str, str, Callable[[Cycle], bool]]] = MappingProxyType(
    {
        PlanKind.WSOA: (
            "OF-WSOA-1",
            "a written statement of action follows a letter requiring one",
            lambda c: c.full.framework is F16 and c.full.outcome is Outcome.WSOA,
        ),
        PlanKind.PRIORITY_ACTION_PLAN: (
            "NF-PLAN-2",
            "a priority action plan follows outcome 3",
            lambda c: c.full.outcome is Outcome.SYSTEMIC_FAILINGS,
        ),
        PlanKind.STRATEGIC_PLAN: (
            "NF-PLAN-1",
            "the strategic plan is updated after a 2023-framework full inspection",
            lambda c: c.full.framework is F23 and c.full.outcome is not None,
        ),
        PlanKind.ACCELERATED_PROGRESS_PLAN: (
            "RV-12",
            "an accelerated progress plan follows an insufficient revisit or a notice",
            lambda c: any(r.insufficient for r in c.follow(REVISIT)) or bool(c.notice),
        ),
    }
)


@dataclass(frozen=True)
class Duty:
    """What an obligation asks, of whom, by which rule; ``pause`` is the kind of
    inspection whose national pause can stop its clock (ADR 0003); ``known``, which
    record holds its fulfilment (ADR 0029)."""

    rule: str
    what: str
    who: Party
    pause: InspectionKind | None
    known: Known = Known.PUBLISHED
    #: The due date is the earliest day allowed (fieldwork after the notice), not a
    #: deadline: doing it later is not late.
    earliest: bool = False


DUTIES: Mapping[str, Duty] = MappingProxyType({
    # Known.PUBLISHED: inspections and their letters, which Ofsted publishes; the rest
    # (plans, decisions, DfE meetings) only casework records; engagement meetings are
    # never published at all.
    "wsoa_submit": Duty("OF-WSOA-3", "Submit the written statement of action to Ofsted", AREA,
                        FULL, Known.CASEWORK),
    # Decisions went on in the pause (Essex: accepted 16 Apr 2020): no clock stops.
    "wsoa_decide": Duty("OF-WSOA-5", "Decide whether the written statement of action is fit "
                        "for purpose", INSPECTORATE, None, Known.CASEWORK),
    "wsoa_resubmit": Duty("OF-WSOA-6", "Resubmit the written statement of action", AREA, FULL,
                          Known.CASEWORK),
    "wsoa_publish": Duty("OF-WSOA-7", "Publish the written statement of action", AREA, FULL,
                         Known.CASEWORK),
    "support": Duty("OF-WSOA-8", "DfE and NHS England support-and-challenge meeting", DFE, None,
                    Known.CASEWORK),
    "revisit": Duty("RV-2", "Revisit the area", INSPECTORATE, REVISIT),
    "app": Duty("RV-12", "Publish an accelerated progress plan", AREA, REVISIT, Known.CASEWORK),
    "progress_review": Duty("RV-12", "DfE and NHS England progress review meeting", DFE, REVISIT,
                            Known.CASEWORK),
    "of_wsoa_9": Duty("OF-WSOA-9", "Full inspection under the 2023 framework (written statement "
                      "of action never revisited)", INSPECTORATE, FULL),
    "first_new": Duty("NF-ACT-3", "First full inspection under the 2023 framework", INSPECTORATE,
                      FULL),
    "strategic_plan": Duty("NF-PLAN-1", "Update and publish the SEND strategic plan", AREA, FULL,
                           Known.CASEWORK),
    "pap_submit": Duty("NF-PLAN-2", "Submit the priority action plan to Ofsted and CQC", AREA,
                       FULL, Known.CASEWORK),
    "pap_publish": Duty("NF-PLAN-2", "Publish the priority action plan", AREA, FULL,
                        Known.CASEWORK),
    "monitoring": Duty("NF-MON-1", "Carry out the monitoring inspection", INSPECTORATE,
                       MONITORING),
    "next_full": Duty("NF-ACT-2", "Next full inspection", INSPECTORATE, FULL),
    "engagement": Duty("NF-ENG-1", "Annual engagement meeting with Ofsted and CQC", INSPECTORATE,
                       None, Known.PRIVATE),
})  # fmt: skip
