"""What is due, as one person's work list: the framework's open obligations and every step
waiting on a person (a deferral to decide, a plan to judge, a letter to review), each linking
to the page where it is done, filtered as the person asks (ADR 0048).

It lives in the staff app because it reads inspections, improvement and letters alike, which
the casework apps may not do of each other (the independence contract in pyproject.toml).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.urls import reverse

from areasend.accounts.permissions import Action, User, can
from areasend.areas.models import LocalArea
from areasend.framework.evaluate.tables import DUTIES
from areasend.framework.status import Obligation, Party
from areasend.improvement.models import Plan
from areasend.inspections.due import DueRow, obligations_for
from areasend.inspections.models import DeferralRequest
from areasend.letters.models import LetterImport

#: The annual engagement meetings (2023 framework): one per area a year, the bulk of a
#: planner's list, so a kind of their own that the filter can leave out.
ENGAGEMENT_RULE = DUTIES["engagement"].rule
#: The inspectorate's one duty about a plan: deciding whether it is fit for purpose.
PLAN_DECISION_RULE = DUTIES["wsoa_decide"].rule


class Kind(StrEnum):
    INSPECTIONS = "inspections"
    PLANS = "plans"
    MEETINGS = "meetings"
    ENGAGEMENT = "engagement"
    DEFERRALS = "deferrals"
    JUDGEMENTS = "judgements"
    LETTERS = "letters"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.INSPECTIONS: "Inspections and their letters",
    Kind.PLANS: "Plans and statements of action",
    Kind.MEETINGS: "DfE and NHS England meetings",
    Kind.ENGAGEMENT: "Engagement meetings",
    Kind.DEFERRALS: "Deferral requests to decide",
    Kind.JUDGEMENTS: "Plans to judge",
    Kind.LETTERS: "Imported letters to review",
}


@dataclass(frozen=True)
class WorkRow:
    """One thing to do. ``due`` is None for a step waiting on a person with no deadline of its
    own (it can be done now); ``since`` is when it started waiting."""

    kind: Kind
    what: str
    who: Party
    area: LocalArea | None
    href: str
    due: dt.date | None = None
    since: dt.date | None = None
    overdue: bool = False
    rule: str = ""
    #: The inspection the row is about (for a plan, the one whose letter required it).
    inspection: str = ""

    @property
    def sort_day(self) -> dt.date:
        return self.due or self.since or dt.date.min


@dataclass(frozen=True)
class Filters:
    area: int | None = None
    region: str = ""
    kinds: frozenset[Kind] = frozenset()  # empty: every kind
    who: Party | None = None
    within_days: int | None = None
    overdue_only: bool = False

    def keep(self, row: WorkRow, today: dt.date) -> bool:
        if self.area is not None and (row.area is None or row.area.pk != self.area):
            return False
        if self.region and (row.area is None or row.area.region != self.region):
            return False
        if self.kinds and row.kind not in self.kinds:
            return False
        if self.who is not None and row.who != self.who:
            return False
        if self.overdue_only and not row.overdue:
            return False
        # A step with no deadline can be done today: it is always within the days asked.
        return not (
            self.within_days is not None
            and row.due is not None
            and row.due > today + dt.timedelta(days=self.within_days)
        )


@dataclass(frozen=True)
class WorkList:
    rows: list[WorkRow]
    by_kind: list[tuple[Kind, int]] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.overdue)


def kind_of(ob: Obligation) -> Kind:
    if ob.rule == ENGAGEMENT_RULE:
        return Kind.ENGAGEMENT
    if ob.who in (Party.DFE_NHSE, Party.SECRETARY_OF_STATE):
        return Kind.MEETINGS
    if ob.who is Party.LOCAL_AREA or ob.rule == PLAN_DECISION_RULE:
        return Kind.PLANS
    return Kind.INSPECTIONS


def _from_framework(row: DueRow) -> WorkRow:
    ob = row.obligation
    return WorkRow(
        kind=kind_of(ob), what=ob.what, who=ob.who, area=row.area, href=row.href,
        due=ob.due, overdue=ob.overdue, rule=ob.rule, inspection=ob.inspection or "",
    )  # fmt: skip


def _deferrals(user: User) -> list[WorkRow]:
    if not can(user, Action.DEFERRAL_DECIDE):
        return []
    pending = (
        DeferralRequest.objects.filter(decided_on__isnull=True)
        .select_related("inspection__area")
        .prefetch_related("inspection__team__person")
    )
    return [
        WorkRow(
            kind=Kind.DEFERRALS,
            what=f"Decide the request to defer the inspection {d.inspection.reference}",
            who=Party.INSPECTORATE,
            area=d.inspection.area,
            href=reverse("inspections:deferral_decision", args=[d.inspection.reference]),
            since=d.requested_on,
            rule="RV-6",
        )
        for d in pending
        if can(user, Action.DEFERRAL_DECIDE, inspection=d.inspection)
    ]


def _plans_to_judge(user: User) -> list[WorkRow]:
    if not can(user, Action.PLAN_JUDGE):
        return []
    submitted = Plan.objects.filter(status=Plan.Status.SUBMITTED, judged_on__isnull=True)
    return [
        WorkRow(
            kind=Kind.JUDGEMENTS,
            what=f"Judge whether the {plan.label.lower()} is fit for purpose",
            who=Party.INSPECTORATE,
            area=plan.area,
            href=reverse("improvement:plan", args=[plan.pk]),
            since=plan.submitted_on,
            inspection=plan.inspection,
        )
        for plan in submitted.select_related("area")
        if can(user, Action.PLAN_JUDGE, area_id=plan.area_id)
    ]


def _letters_to_review(user: User) -> list[WorkRow]:
    # The queue's pages are guarded by the Django permission; confirming by the table.
    has_perm = getattr(user, "has_perm", None)
    if not (
        can(user, Action.LETTER_CONFIRM)
        and callable(has_perm)
        and has_perm("letters.review_letterimport")
    ):
        return []
    waiting = LetterImport.objects.filter(status=LetterImport.Status.NEEDS_REVIEW)
    return [
        WorkRow(
            kind=Kind.LETTERS,
            what=f"Review the imported letter {letter.file_name}",
            who=Party.INSPECTORATE,
            area=letter.area,
            href=reverse("letters:review", args=[letter.pk]),
            since=letter.created_at.date(),
        )
        # The letter's text and records are large and unused here.
        for letter in waiting.select_related("area").defer("text", "extracted", "record")
    ]


def work_list(user: User, today: dt.date) -> list[WorkRow]:
    """Everything the person may act on, soonest first."""
    judgements = {(_area_id(r), r.inspection): r for r in _plans_to_judge(user)}
    every: list[WorkRow] = []
    for row in map(_from_framework, obligations_for(user, today)):
        waiting = None
        if row.rule == PLAN_DECISION_RULE:
            waiting = judgements.pop((_area_id(row), row.inspection), None)
        # The framework's duty to decide a submitted plan and the plan waiting for that
        # judgement are one thing to do: one row, to the plan's page, with the duty's date.
        every.append(
            row
            if waiting is None
            else replace(waiting, due=row.due, overdue=row.overdue, rule=row.rule)
        )
    every += [*judgements.values(), *_deferrals(user), *_letters_to_review(user)]
    return sorted(every, key=lambda r: (r.sort_day, r.area.name if r.area else ""))


def _area_id(row: WorkRow) -> int | None:
    return row.area.pk if row.area is not None else None


#: The duties the areas page counts: a plan's own and those owed to DfE and NHS England.
IMPROVEMENT_KINDS = frozenset({Kind.PLANS, Kind.MEETINGS})


def improvement_duties(user: User, today: dt.date) -> Counter[int]:
    """How many open duties of improvement the person has in each area (by id). Only those:
    a planner owes every area an engagement meeting, which would list every area whether or
    not it has a plan."""
    if not can(user, Action.OBLIGATIONS_VIEW):
        return Counter()
    return Counter(
        row.area.pk
        for row in obligations_for(user, today)
        if kind_of(row.obligation) in IMPROVEMENT_KINDS
    )


def narrow(every: list[WorkRow], filters: Filters, today: dt.date) -> WorkList:
    """The rows ``filters`` keep, counted by kind."""
    rows = [r for r in every if filters.keep(r, today)]
    counts = Counter(r.kind for r in rows)
    return WorkList(rows=rows, by_kind=[(k, counts[k]) for k in Kind if counts[k]])


def areas_of(every: list[WorkRow]) -> list[LocalArea]:
    """The areas with something for the person: the area filter's choices."""
    return sorted({r.area.pk: r.area for r in every if r.area}.values(), key=lambda a: a.name)
