"""Plain-English wording of history events, for people rather than machines."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from areasend.framework.events import Event, EventType, InspectionKind

_KIND = {
    InspectionKind.FULL: "inspection",
    InspectionKind.REVISIT: "revisit",
    InspectionKind.MONITORING: "monitoring inspection",
}
_OUTCOME = {
    "wsoa": "a written statement of action is required",
    "no_wsoa": "no written statement of action is required",
    "positive": "the area's arrangements typically lead to positive experiences and outcomes",
    "inconsistent": "the area's arrangements lead to inconsistent experiences and outcomes",
    "systemic_failings": "there are widespread and/or systemic failings",
}
_PLAN = {
    "wsoa": "written statement of action",
    "priority_action_plan": "priority action plan",
    "strategic_plan": "strategic plan",
    "accelerated_progress_plan": "accelerated progress plan",
}
_PLAIN = {
    EventType.FIELDWORK_STARTED: "Inspectors started their work",
    EventType.FIELDWORK_ENDED: "Inspectors finished their work",
    EventType.DEFERRAL_REQUESTED: "The area asked to put off the inspection",
    EventType.LETTER_DATED: "Letter dated",
    EventType.REPORT_RECEIVED: "The area received the report",
    EventType.SUPPORT_VISIT: "DfE and NHS England support and challenge visit",
    EventType.IMPROVEMENT_NOTICE_ISSUED: "The minister issued an improvement notice",
    EventType.IMPROVEMENT_NOTICE_LIFTED: "The improvement notice was lifted",
    EventType.RELEASED_FROM_MONITORING: "DfE and NHS England ended formal monitoring",
    EventType.ENGAGEMENT_MEETING: "Annual engagement meeting with inspectors",
    EventType.PROGRAMME_PAUSED: "Inspections paused nationally",
}
#: After the COVID pause revisits and full inspections came back in different months (CV-4).
_RESUMED = {
    InspectionKind.FULL: "Full inspections resumed nationally",
    InspectionKind.REVISIT: "Revisits resumed nationally",
    InspectionKind.MONITORING: "Monitoring inspections resumed nationally",
}


def _with_article(noun: str) -> str:
    """ "an inspection", "a revisit": the article follows the sound of the noun."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


#: What a letter's weaknesses are called, by outcome: 2016 letters name significant
#: weaknesses; 2023 reports areas for priority action (outcome 3) or for improvement.
_WEAKNESS_NOUN = {
    "wsoa": ("significant weakness", "significant weaknesses"),
    "no_wsoa": ("significant weakness", "significant weaknesses"),
    "systemic_failings": ("area for priority action", "areas for priority action"),
}
_IMPROVEMENT = ("area for improvement", "areas for improvement")


def weaknesses_text(outcome: str, named: int, count: int | None) -> str:
    """ "9 significant weaknesses, 6 named": the letter's count, whatever the record words."""
    total = max(named, count or 0)
    if not total:
        return ""
    one, many = _WEAKNESS_NOUN.get(outcome, _IMPROVEMENT)
    text = f"{total} {one if total == 1 else many}"
    if named < total:
        text += f", {named} named" if named else ", wording not recorded"
    return text


def describe_event(event: Event, counted: str | None = None) -> str:
    """``counted``: the inspection's ``weaknesses_text`` where the record holds more than the
    event (the official table's count, the outcome on the dated letter)."""
    if event.type is EventType.RELEASED_FROM_MONITORING and event.weakness:
        return f"DfE and NHS England released one weakness from monitoring: {event.weakness}"
    if event.type is EventType.PROGRAMME_RESUMED:
        return _RESUMED[event.kind] if event.kind else "Inspections resumed nationally"
    if event.type in _PLAIN:
        return _PLAIN[event.type]
    if event.type is EventType.INSPECTION_NOTIFIED:
        kind = _KIND.get(event.kind or InspectionKind.FULL, "inspection")
        return f"The area was told of {_with_article(kind)} ({event.framework} framework)"
    if event.type is EventType.DEFERRAL_DECIDED:
        return "Deferral granted" if event.granted else "Deferral refused"
    if event.type is EventType.LETTER_PUBLISHED:
        text = "Letter published"
        if event.outcome:
            text += f": {_OUTCOME[str(event.outcome)]}"
        if counted is None:
            counted = weaknesses_text(str(event.outcome or ""), len(event.weaknesses), None)
        if counted:
            text += f" ({counted})"
        return text
    if event.type is EventType.PROGRESS_JUDGED:
        verdict = "sufficient" if event.sufficient else "not sufficient"
        return f"Progress {verdict}: {event.weakness}"
    if event.type in (EventType.PLAN_SUBMITTED, EventType.PLAN_JUDGED, EventType.PLAN_PUBLISHED):
        plan = _PLAN.get(str(event.plan), "plan").capitalize()
        if event.type is EventType.PLAN_SUBMITTED:
            return f"{plan} submitted"
        if event.type is EventType.PLAN_PUBLISHED:
            return f"{plan} published"
        return f"{plan} judged {'fit' if event.fit else 'not fit'} for purpose"
    if event.type is EventType.THEMATIC_VISIT:
        return f"Thematic visit: {event.theme}" if event.theme else "Thematic visit"
    return str(event.type).replace("_", " ").capitalize()


#: RV-12: the first DfE and NHS England visit after an insufficient revisit is its
#: progress review meeting (the name the engine gives the duty it meets).
PROGRESS_REVIEW = "DfE and NHS England progress review meeting"


@dataclass(frozen=True)
class Described:
    event: Event
    text: str
    weaknesses: tuple[str, ...]  # listed under this event; each inspection's only once


def describe_history(
    events: Iterable[Event], counted: Mapping[str, str] | None = None
) -> list[Described]:
    """Describe a history in order, with what one event alone cannot tell: a support visit
    that is a progress review meeting, and each inspection's weaknesses listed once, under
    its letter's publication (or, unpublished, the first event that carries them).
    ``counted``: each inspection's weaknesses in words, as its card counts them, for the
    letter's publication."""
    counted = counted or {}
    events = list(events)
    insufficient = {
        e.inspection for e in events if e.type is EventType.PROGRESS_JUDGED and not e.sufficient
    }
    published = {e.inspection for e in events if e.type is EventType.LETTER_PUBLISHED}
    weaknesses: dict[str | None, tuple[str, ...]] = {}
    for e in events:
        if e.weaknesses:
            weaknesses.setdefault(e.inspection, e.weaknesses)
    review_due = False
    listed: set[str | None] = set()
    described = []
    for e in events:
        letter = e.type is EventType.LETTER_PUBLISHED
        text = describe_event(e, counted.get(e.inspection or "") if letter else None)
        if letter and e.inspection in insufficient:
            review_due = True
        elif e.type is EventType.SUPPORT_VISIT and review_due:
            text, review_due = PROGRESS_REVIEW, False
        if e.inspection in published:
            here = e.type is EventType.LETTER_PUBLISHED
        else:
            here = bool(e.weaknesses)
        shown: tuple[str, ...] = ()
        if here and e.inspection in weaknesses and e.inspection not in listed:
            shown = weaknesses[e.inspection]
            listed.add(e.inspection)
        described.append(Described(e, text, shown))
    return described
