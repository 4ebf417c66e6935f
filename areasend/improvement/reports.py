"""What a plan looked like on a given day, for governance reports and the plan page.

Everything is read from dated records (updates, milestones) and the area's history, so a
report as of any past day can be drawn again and says the same; "since the last report"
compares with the plan's previous report.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from django.db.models import Prefetch, QuerySet
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from areasend.areas.event_log import status_of, stored_events
from areasend.framework.events import Event, EventType
from areasend.framework.status import Obligation
from areasend.improvement.models import (
    ActionUpdate,
    GovernanceReport,
    Milestone,
    Plan,
    PlanAction,
    PlanWeakness,
    Rag,
)


def contents(plan: Plan) -> QuerySet[PlanWeakness]:
    """The plan's weaknesses with their actions, milestones and updates (each with who gave
    it): four queries, whatever the plan's size."""
    updates = Prefetch("updates", ActionUpdate.objects.select_related("by__user"))
    actions = PlanAction.objects.prefetch_related("milestones", updates)
    return plan.weaknesses.prefetch_related(Prefetch("actions", actions))


@dataclass(frozen=True)
class ActionState:
    action: PlanAction
    rag: str
    rag_label: str
    last_update: ActionUpdate | None
    changes: tuple[ActionUpdate, ...]
    milestones_done: tuple[Milestone, ...]
    milestones_overdue: tuple[Milestone, ...]
    milestones_ahead: tuple[Milestone, ...]


@dataclass(frozen=True)
class WeaknessState:
    pk: int
    position: int
    text: str
    actions: tuple[ActionState, ...]
    #: The weakness's progress history: judgements and releases, oldest first.
    progress: tuple[tuple[dt.date, str], ...]


@dataclass(frozen=True)
class PlanState:
    plan: Plan
    as_of: dt.date
    since: dt.date | None
    steps: tuple[tuple[dt.date, str], ...]
    weaknesses: tuple[WeaknessState, ...]
    obligations: tuple[Obligation, ...]

    @property
    def rag_counts(self) -> dict[str, int]:
        counts = {label: 0 for _, label in Rag.choices}
        for w in self.weaknesses:
            for a in w.actions:
                counts[a.rag_label] = counts.get(a.rag_label, 0) + 1
        return counts


_RAG_LABELS = dict(Rag.choices)


def _progress(events: list[Event], text: str, as_of: dt.date) -> tuple[tuple[dt.date, str], ...]:
    found: list[tuple[dt.date, str]] = []
    for e in events:
        if e.date > as_of or e.weakness != text:
            continue
        if e.type is EventType.PROGRESS_JUDGED:
            verdict = "sufficient progress" if e.sufficient else "progress not sufficient"
            found.append((e.date, f"Judged at {e.inspection}: {verdict}"))
        elif e.type is EventType.RELEASED_FROM_MONITORING:
            found.append((e.date, "Released from monitoring by DfE and NHS England"))
    return tuple(found)


def _steps(plan: Plan, as_of: dt.date) -> tuple[tuple[dt.date, str], ...]:
    steps = [
        (plan.submitted_on, "Submitted to Ofsted and CQC"),
        (plan.judged_on, "Judged " + ("fit" if plan.status != Plan.Status.NOT_FIT else "not fit")
         + " for purpose"),
        (plan.published_on, "Published"),
    ]  # fmt: skip
    return tuple((day, what) for day, what in steps if day is not None and day <= as_of)


def plan_state(
    plan: Plan, as_of: dt.date, since: dt.date | None = None, events: list[Event] | None = None
) -> PlanState:
    """The plan as it stood at the end of ``as_of``; ``since`` marks what changed after it."""
    history = events if events is not None else stored_events(plan.area)
    weaknesses = []
    for weakness in contents(plan):
        actions = []
        for action in weakness.actions.all():
            if action.started_on > as_of:
                continue
            updates = [u for u in action.updates.all() if u.on <= as_of]
            last = updates[-1] if updates else None
            rag = last.rag if last else Rag.NOT_STARTED
            milestones = list(action.milestones.all())
            actions.append(
                ActionState(
                    action=action,
                    rag=rag,
                    rag_label=_RAG_LABELS[rag],
                    last_update=last,
                    changes=tuple(u for u in updates if since is None or u.on > since),
                    milestones_done=tuple(
                        m for m in milestones if m.done_on and m.done_on <= as_of
                    ),
                    milestones_overdue=tuple(
                        m
                        for m in milestones
                        if m.due <= as_of and not (m.done_on and m.done_on <= as_of)
                    ),
                    milestones_ahead=tuple(
                        m
                        for m in milestones
                        if m.due > as_of and not (m.done_on and m.done_on <= as_of)
                    ),
                )
            )
        weaknesses.append(
            WeaknessState(
                pk=weakness.pk,
                position=weakness.position,
                text=weakness.text,
                actions=tuple(actions),
                progress=_progress(history, weakness.text, as_of),
            )
        )
    status = status_of([e for e in history if e.date <= as_of], as_of)
    return PlanState(
        plan=plan,
        as_of=as_of,
        since=since,
        steps=_steps(plan, as_of),
        weaknesses=tuple(weaknesses),
        obligations=status.open_obligations,
    )


def report_state(report: GovernanceReport) -> PlanState:
    previous = (
        GovernanceReport.objects.filter(plan=report.plan, as_of__lt=report.as_of)
        .order_by("-as_of", "-pk")
        .first()
    )
    return plan_state(report.plan, report.as_of, since=previous.as_of if previous else None)


def render_pdf(report: GovernanceReport, state: PlanState) -> bytes:
    """The report as a PDF for committee papers."""
    styles = getSampleStyleSheet()
    plan = state.plan
    body, small = styles["BodyText"], styles["Normal"]
    since = f" Changes since {state.since:%-d %B %Y} are marked 'New'." if state.since else ""
    story: list[Flowable] = [
        Paragraph(escape(f"{plan.area.name}: {plan.label} progress report"), styles["Title"]),
        Paragraph(
            escape(f"For {report.audience}. Position as at {state.as_of:%-d %B %Y}.{since}"), body
        ),
        Spacer(1, 4 * mm),
    ]
    for day, what in state.steps:
        story.append(Paragraph(escape(f"{day:%-d %B %Y}: {what}"), small))
    for w in state.weaknesses:
        story.append(Paragraph(escape(f"{w.position}. {w.text}"), styles["Heading2"]))
        for day, what in w.progress:
            story.append(Paragraph(escape(f"{day:%-d %B %Y}: {what}"), small))
        rows: list[list[Any]] = [["Action and owner", "RAG", "Success measures", "Latest update"]]
        for a in w.actions:
            latest = (
                f"{a.last_update.on:%-d %b %Y}: {a.last_update.note}"
                + (" (New)" if a.last_update in a.changes and state.since else "")
                if a.last_update
                else "No update yet"
            )
            overdue = "".join(f"<br/>Overdue: {escape(m.what)}" for m in a.milestones_overdue)
            rows.append([
                Paragraph(escape(f"{a.action.description} ({a.action.owner})") + overdue, small),
                Paragraph(escape(a.rag_label), small),
                Paragraph(escape(a.action.success_measures), small),
                Paragraph(escape(latest), small),
            ])  # fmt: skip
        table = Table(rows, colWidths=[60 * mm, 25 * mm, 40 * mm, 45 * mm], repeatRows=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ]))  # fmt: skip
        story.append(table)
    if state.obligations:
        story.append(Paragraph("What is due", styles["Heading2"]))
        for o in state.obligations:
            late = " (overdue)" if o.overdue else " (not recorded)" if o.not_recorded else ""
            story.append(Paragraph(escape(f"{o.what}: {o.who}, by {o.due:%-d %B %Y}{late}"), small))
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{plan.area.name} {plan.label} progress report {state.as_of}",
        author=plan.area.name,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
    ).build(story)
    return buffer.getvalue()
