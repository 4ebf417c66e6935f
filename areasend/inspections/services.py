"""Every change to an inspection, one function each (zulip's ``do_*`` actions).

Each function checks the actor's right in the permission table, asks the
framework whether the step is allowed, writes the §9 events (through
``areas.event_log.do_record_events``) and the records in one transaction, and
leaves an audit entry. A refused step raises ``CaseworkError`` (or
``PermissionDenied``) and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.models import Person, Role
from areasend.accounts.permissions import Action, User, can
from areasend.areas.event_log import (
    Channel,
    Writer,
    do_record_events,
    framework_params,
    status_of,
    stored_events,
)
from areasend.areas.local_offer import LinkError, public_link
from areasend.areas.models import HistoryEvent, LocalArea
from areasend.casework import clock
from areasend.casework.actions import (
    framework_refuses,
    locked_change,
    person,
    refuse_if_changed,
    require,
)
from areasend.casework.errors import CaseworkError
from areasend.casework.guards import in_range, long_date, no_personal_data, not_future
from areasend.casework.personal_data import CHILD_DETAILS
from areasend.casework.pseudonyms import next_pseudonym
from areasend.framework.calendar import england
from areasend.framework.evaluate import VALID_OUTCOMES
from areasend.framework.events import (
    Event,
    EventType,
    Framework,
    InspectionKind,
    Outcome,
)
from areasend.framework.findings import VOCABULARY, FindingKind, follows_up
from areasend.framework.schedule import ScheduleError, propose
from areasend.inspections.follow_up import ITEM, weaknesses_to_judge
from areasend.inspections.models import (
    CaseSample,
    ChecklistItem,
    DeferralRequest,
    Evidence,
    Finding,
    Inspection,
    Letter,
    Meeting,
    ProgressJudgement,
    ProviderVisit,
    TeamMember,
)
from areasend.inspections.outcome_letter import draft_body

Status = Inspection.Status


def _require(actor: User, action: Action, inspection: Inspection | None = None, **kw: Any) -> None:
    require(actor, action, inspection=inspection, **kw)


@contextmanager
def _change(actor: User, action: str, inspection: Inspection) -> Iterator[Inspection]:
    """Lock the inspection, yield it for changes, then save, version and audit it."""
    with locked_change(
        actor, action, Inspection.objects.all(), inspection, area=lambda i: i.area
    ) as locked:
        yield locked


def _record(actor: User, inspection: Inspection, events: list[Event]) -> None:
    writer = Writer(
        Channel.CASEWORK,
        source=f"casework:{inspection.reference}",
        actor=actor,
        via="casework",
        inspection=inspection.reference,
    )
    with framework_refuses():
        do_record_events(inspection.area, events, writer=writer)


def _event(inspection: Inspection, type_: EventType, day: dt.date, **fields: Any) -> Event:
    return Event(
        date=day,
        type=type_,
        area=inspection.area.gss_code,
        inspection=inspection.reference,
        **fields,
    )


def _probe(inspection: Inspection, type_: EventType, day: dt.date, **fields: Any) -> None:
    """Ask the framework whether this event could come next, without storing anything."""
    history = [*stored_events(inspection.area), _event(inspection, type_, day, **fields)]
    with framework_refuses():
        status_of(sorted(history, key=lambda e: e.date), max(day, clock.today()))


def _outcomes(inspection: Inspection) -> tuple[frozenset[Outcome], str]:
    """The outcomes this kind of inspection can have (none for revisits and monitoring
    inspections, which judge progress weakness by weakness), and the rule that says so."""
    key = (Framework(inspection.framework), InspectionKind(inspection.kind))
    return VALID_OUTCOMES.get(key, (frozenset(), "OF-Q-2"))


# -- planning and notification ----------------------------------------------------------


def _reference(area: LocalArea, kind: InspectionKind, year: int) -> str:
    base = slugify(f"{area.slug}-{'' if kind is InspectionKind.FULL else kind + '-'}{year}")
    candidate, n = base, 1
    # The id must be new to casework and to the area's imported history alike.
    while (
        Inspection.objects.filter(reference=candidate).exists()
        or HistoryEvent.objects.filter(inspection=candidate).exists()
    ):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def do_plan_inspection(
    actor: User,
    *,
    area: LocalArea,
    kind: InspectionKind,
    framework: Framework,
    planned_week: dt.date | None = None,
    reference: str | None = None,
) -> Inspection:
    """A planned inspection: no event yet; the area is not told until notification."""
    _require(actor, Action.INSPECTION_CREATE)
    if not area.is_current:
        raise CaseworkError(f"{area.name} no longer exists as a local area.", field="area")
    if planned_week is not None:
        in_range(planned_week, "The planned week", "planned_week")
    year = (planned_week or clock.today()).year
    with transaction.atomic():
        inspection = Inspection.objects.create(
            reference=reference or _reference(area, kind, year),
            area=area,
            kind=kind,
            framework=framework,
            planned_week=planned_week,
        )
        audit(
            actor, "plan_inspection", inspection, area=area, before=None, after=snapshot(inspection)
        )
    return inspection


def do_move_planned_inspection(
    actor: User, inspection: Inspection, *, planned_week: dt.date
) -> Inspection:
    """Re-plan an inspection the area has not been told of."""
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    if inspection.status != Status.PLANNED:
        raise CaseworkError("The area has been notified: the inspection can no longer move.")
    in_range(planned_week, "The planned week", "planned_week")
    with _change(actor, "move_planned_inspection", inspection) as locked:
        locked.planned_week = planned_week
    return inspection


def do_cancel_planned_inspection(actor: User, inspection: Inspection) -> None:
    """Drop a planned inspection; a notified one is part of the area's history and stays."""
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    if inspection.status != Status.PLANNED:
        raise CaseworkError("The area has been notified: the inspection cannot be cancelled here.")
    with transaction.atomic():
        audit(
            actor,
            "cancel_planned_inspection",
            inspection,
            area=inspection.area,
            before=snapshot(inspection),
            after=None,
        )
        inspection.delete()


def do_notify_inspection(
    actor: User, inspection: Inspection, *, notified_on: dt.date, length_days: int | None = None
) -> Inspection:
    """The Monday phone call: the framework proposes the dates or names the rule against them."""
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    if inspection.status != Status.PLANNED:
        raise CaseworkError(
            f"{inspection.reference} was already notified on {inspection.notified_on:%-d %B %Y}.",
            field="notified_on",
        )
    in_range(notified_on, "The notification date", "notified_on")
    kind, framework = InspectionKind(inspection.kind), Framework(inspection.framework)
    try:
        plan = propose(
            kind,
            framework,
            notified_on,
            params=framework_params(),
            calendar=england(),
            length_days=length_days,
            area=inspection.area.gss_code,
        )
    except ScheduleError as error:
        refusal = error.refusals[0]
        raise CaseworkError(
            "; ".join(f"{r.reason} ({r.rule})" for r in error.refusals),
            field="notified_on",
            rule=None if len(error.refusals) > 1 else refusal.rule,
        ) from error
    with _change(actor, "notify_inspection", inspection) as locked:
        _record(
            actor,
            locked,
            [
                _event(
                    locked,
                    EventType.INSPECTION_NOTIFIED,
                    notified_on,
                    kind=kind,
                    framework=framework,
                )
            ],
        )
        locked.status = Status.NOTIFIED
        locked.notified_on = plan.notified_on
        locked.proposed_fieldwork_start = plan.fieldwork_start
        locked.proposed_onsite_start = plan.onsite_start
        locked.proposed_onsite_end = plan.onsite_end
        if plan.webinar is not None:
            locked.webinar_opens, locked.webinar_closes = (
                timezone.make_aware(moment) for moment in plan.webinar
            )
        locked.survey_opens, locked.survey_closes = plan.survey or (None, None)
        locked.schedule_rules = ", ".join(plan.rules)
    return inspection


def do_create_inspection(
    actor: User,
    *,
    area: LocalArea,
    kind: InspectionKind,
    framework: Framework,
    notified_on: dt.date,
    lead: Person | None = None,
    length_days: int | None = None,
) -> Inspection:
    """Create and notify in one step; the actor leads it if they are a lead inspector."""
    with transaction.atomic():
        inspection = do_plan_inspection(
            actor,
            area=area,
            kind=kind,
            framework=framework,
            reference=_reference(area, kind, notified_on.year),
        )
        person = getattr(actor, "person", None)
        lead = lead or (person if person and person.role == Role.LEAD_INSPECTOR else None)
        if lead is not None:
            _add_member(actor, inspection, lead, TeamMember.Role.LEAD)
        do_notify_inspection(actor, inspection, notified_on=notified_on, length_days=length_days)
    return inspection


# -- team ---------------------------------------------------------------------------------


def _add_member(actor: User, inspection: Inspection, person: Person, role: str) -> TeamMember:
    if person.role not in (Role.LEAD_INSPECTOR, Role.TEAM_INSPECTOR):
        raise CaseworkError(f"{person} is not an inspector.", field="person")
    if role == TeamMember.Role.LEAD and inspection.team.filter(role=TeamMember.Role.LEAD).exists():
        raise CaseworkError("The inspection already has a lead inspector.", field="role")
    try:
        with transaction.atomic():
            member = TeamMember.objects.create(inspection=inspection, person=person, role=role)
    except IntegrityError as error:
        raise CaseworkError(f"{person} is already on the team.", field="person") from error
    audit(
        actor, "add_team_member", member, area=inspection.area, before=None, after=snapshot(member)
    )
    return member


def do_add_team_member(
    actor: User, inspection: Inspection, person: Person, role: str
) -> TeamMember:
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    with transaction.atomic():
        return _add_member(actor, inspection, person, role)


# -- fieldwork ----------------------------------------------------------------------------


def do_start_fieldwork(
    actor: User, inspection: Inspection, *, on: dt.date, remote: bool = False
) -> Inspection:
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    _not_deferred(inspection)
    not_future(on, "The first day of fieldwork", "on")
    with _change(actor, "start_fieldwork", inspection) as locked:
        _record(
            actor, locked, [_event(locked, EventType.FIELDWORK_STARTED, on, remote=remote or None)]
        )
        locked.fieldwork_started_on = on
        locked.status = Status.FIELDWORK
    return inspection


def do_end_fieldwork(actor: User, inspection: Inspection, *, on: dt.date) -> Inspection:
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    _not_deferred(inspection)
    not_future(on, "The last day of fieldwork", "on")
    with _change(actor, "end_fieldwork", inspection) as locked:
        _record(actor, locked, [_event(locked, EventType.FIELDWORK_ENDED, on)])
        locked.fieldwork_ended_on = on
        locked.status = Status.AWAITING_LETTER
    return inspection


# -- the notice week: the area tells families ---------------------------------------------


def do_complete_checklist_item(
    actor: User, inspection: Inspection, *, item: str, done_on: dt.date, note: str = ""
) -> ChecklistItem:
    _require(actor, Action.CHECKLIST_COMPLETE, inspection)
    if item not in ChecklistItem.Item.values:
        raise CaseworkError(f"Unknown checklist item '{item}'.", field="item")
    if inspection.notified_on is None or done_on < inspection.notified_on:
        raise CaseworkError(
            "A notice-week duty is done after the area is notified"
            + (f" ({inspection.notified_on:%-d %B %Y})." if inspection.notified_on else "."),
            field="done_on",
        )
    not_future(done_on, "The date it was done", "done_on")
    no_personal_data(note, "note")
    with _change(actor, "complete_checklist_item", inspection) as locked:
        entry, _ = ChecklistItem.objects.update_or_create(
            inspection=locked,
            item=item,
            defaults={"done_on": done_on, "done_by": person(actor), "note": note.strip()},
        )
    return entry


def _webinar_problem(
    inspection: Inspection, starts: dt.datetime | None, ends: dt.datetime | None
) -> CaseworkError | None:
    if (starts is None) != (ends is None):
        return CaseworkError(
            "Give both the start and the end of the webinar, or neither.",
            field="webinar_starts" if starts is None else "webinar_ends",
        )
    if starts is None or ends is None:
        return None
    if ends <= starts:
        return CaseworkError("The webinar must end after it starts.", field="webinar_ends")
    notified, last = inspection.notified_on, inspection.proposed_onsite_end
    if notified is not None and timezone.localtime(starts).date() < notified:
        return CaseworkError(
            f"The webinar cannot start before the area was told ({notified:%-d %B %Y}).",
            field="webinar_starts", rule="OF-EV-2",
        )  # fmt: skip
    if last is not None and timezone.localtime(ends).date() > last:
        return CaseworkError(
            f"The webinar is held before inspectors leave the area ({last:%-d %B %Y}).",
            field="webinar_ends", rule="OF-EV-2",
        )  # fmt: skip
    return None


def do_set_notice_links(
    actor: User,
    inspection: Inspection,
    *,
    webinar_join_url: str,
    survey_url: str,
    webinar_starts: dt.datetime | None = None,
    webinar_ends: dt.datetime | None = None,
) -> Inspection:
    """Record how families join the webinar (its time, if not the one proposed) and give their
    views; the area page shows them (register.notice_week) while the inspection is notified or
    under way. A blank link: none yet."""
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    if inspection.status not in (Status.NOTIFIED, Status.FIELDWORK):
        raise CaseworkError(
            "Webinar and survey details are for the notice week and fieldwork: this inspection "
            f"is {inspection.get_status_display().lower()}.",
            field="webinar_join_url",
        )
    try:
        webinar = public_link(webinar_join_url, what="The webinar link", field="webinar_join_url")
        survey = public_link(survey_url, what="The survey link", field="survey_url")
    except LinkError as error:
        raise CaseworkError(str(error), field=error.field) from error
    problem = _webinar_problem(inspection, webinar_starts, webinar_ends)
    if problem is not None:
        raise problem
    with _change(actor, "set_notice_links", inspection) as locked:
        locked.webinar_join_url, locked.survey_url = webinar, survey
        if webinar_starts is not None:
            locked.webinar_opens, locked.webinar_closes = webinar_starts, webinar_ends
    return inspection


# -- evidence -----------------------------------------------------------------------------


def _open_for_evidence(actor: User, inspection: Inspection) -> None:
    _require(actor, Action.EVIDENCE_RECORD, inspection)
    if inspection.status == Status.PLANNED:
        raise CaseworkError("Evidence is recorded once the area has been notified.")
    _not_deferred(inspection)


DEFERRED = (
    "The inspection was deferred at the area's request: it is withdrawn and changes no "
    "more. A new inspection is notified in its place."
)


def _not_deferred(inspection: Inspection) -> None:
    if inspection.status == Status.DEFERRED:
        raise CaseworkError(DEFERRED)


def do_record_evidence(
    actor: User,
    inspection: Inspection,
    *,
    parent_responses: int,
    young_people_responses: int,
    practitioner_responses: int,
    webinar_held_on: dt.date | None,
) -> Evidence:
    _open_for_evidence(actor, inspection)
    counts = (parent_responses, young_people_responses, practitioner_responses)
    if any(n < 0 for n in counts):
        raise CaseworkError("Survey response counts cannot be negative.")
    if webinar_held_on is not None:
        not_future(webinar_held_on, "The webinar date", "webinar_held_on")
        if inspection.notified_on and webinar_held_on < inspection.notified_on:
            raise CaseworkError(
                "The webinar is held after the area is notified.", field="webinar_held_on"
            )
    with _change(actor, "record_evidence", inspection) as locked:
        evidence, _ = Evidence.objects.update_or_create(
            inspection=locked,
            defaults={
                "parent_responses": parent_responses,
                "young_people_responses": young_people_responses,
                "practitioner_responses": practitioner_responses,
                "webinar_held_on": webinar_held_on,
            },
        )
    return evidence


def do_add_meeting(
    actor: User, inspection: Inspection, *, held_on: dt.date, with_whom: str
) -> Meeting:
    _open_for_evidence(actor, inspection)
    in_range(held_on, "The meeting's date", "held_on")
    if not with_whom.strip():
        raise CaseworkError("Say who the meeting was with (a group or role).", field="with_whom")
    no_personal_data(with_whom, "with_whom")
    with _change(actor, "add_meeting", inspection) as locked:
        return Meeting.objects.create(inspection=locked, held_on=held_on, with_whom=with_whom)


def do_add_provider_visit(
    actor: User, inspection: Inspection, *, visited_on: dt.date, setting_type: str
) -> ProviderVisit:
    _open_for_evidence(actor, inspection)
    in_range(visited_on, "The visit's date", "visited_on")
    with _change(actor, "add_provider_visit", inspection) as locked:
        return ProviderVisit.objects.create(
            inspection=locked, visited_on=visited_on, setting_type=setting_type
        )


def do_add_case_sample(
    actor: User, inspection: Inspection, *, age_band: str, support: str, setting_type: str
) -> CaseSample:
    """Add a case to the sample under the next pseudonym (CS-001, CS-002...).

    The service gives the reference, so nothing typed can name the child; the
    inspector notes the pseudonym against the case on their own sampling list.
    """
    _open_for_evidence(actor, inspection)
    with _change(actor, "add_case_sample", inspection) as locked:
        taken = locked.cases.values_list("reference", flat=True)
        case = CaseSample(
            inspection=locked,
            reference=next_pseudonym(taken),
            age_band=age_band,
            support=support,
            setting_type=setting_type,
        )
        try:
            case.full_clean()
        except ValidationError as error:
            field, problems = next(iter(error.message_dict.items()))
            raise CaseworkError(" ".join(problems), field=field) from error
        case.save()
        return case


# -- findings, outcome, letter --------------------------------------------------------------


def _editable(inspection: Inspection) -> None:
    if inspection.is_published:
        raise CaseworkError("The letter is published: its findings can no longer change.")
    if inspection.status == Status.PLANNED:
        raise CaseworkError("Findings are recorded once the area has been notified.")
    _not_deferred(inspection)


def do_add_finding(
    actor: User, inspection: Inspection, *, question: str, kind: str, text: str
) -> Finding:
    _require(actor, Action.FINDINGS_EDIT, inspection)
    _editable(inspection)
    vocabulary = VOCABULARY[Framework(inspection.framework)]
    if question not in dict(vocabulary.questions):
        raise CaseworkError(f"'{question}' is not a question of this framework.", field="question")
    if kind not in FindingKind.__members__.values():
        raise CaseworkError(f"'{kind}' is not a kind of finding.", field="kind")
    if not text.strip():
        raise CaseworkError("Enter the finding.", field="text")
    no_personal_data(text, "text")
    if inspection.outcome:
        raise CaseworkError("The outcome is decided: findings can no longer change.", field="text")
    with _change(actor, "add_finding", inspection) as locked:
        position = locked.findings.count() + 1
        return Finding.objects.create(
            inspection=locked, question=question, kind=kind, text=text.strip(), position=position
        )


def do_remove_finding(actor: User, finding: Finding) -> None:
    inspection = finding.inspection
    _require(actor, Action.FINDINGS_EDIT, inspection)
    _editable(inspection)
    if inspection.outcome:
        raise CaseworkError("The outcome is decided: findings can no longer change.")
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
    _editable(inspection)
    if inspection.outcome:
        raise CaseworkError(
            f"The outcome was already decided on {inspection.outcome_decided_on:%-d %B %Y} "
            f"('{inspection.get_outcome_display()}'): an inspection has one outcome.",
            field="outcome",
            rule=_outcomes(inspection)[1],
        )
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


def do_draft_letter(actor: User, inspection: Inspection) -> Letter:
    """Draft (or redraft) the letter from the findings into the framework's structure."""
    _require(actor, Action.LETTER_EDIT, inspection)
    _editable(inspection)
    if _outcomes(inspection)[0] and not inspection.outcome:
        raise CaseworkError("Decide the outcome before drafting the letter.")
    if inspection.is_follow_up:
        _all_judged(inspection, "drafting the letter")
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
    if inspection.is_published:
        raise CaseworkError("The letter is already published.")
    # The framework first: it refuses a letter before fieldwork has ended.
    _probe(inspection, EventType.LETTER_DATED, dated)
    letter = Letter.objects.filter(inspection=inspection).first()
    needs_outcome = bool(_outcomes(inspection)[0])
    if needs_outcome and not inspection.outcome:
        raise CaseworkError("Decide the outcome before publishing the letter.")
    judgements = _all_judged(inspection, "publishing the letter") if inspection.is_follow_up else []
    if letter is None or letter.status != Letter.Status.REVIEWED:
        raise CaseworkError("Draft the letter and mark it reviewed before publishing it.")
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


def _progress_rule(inspection: Inspection) -> str:
    return "RV-9" if inspection.framework == Framework.F2016 else "NF-MON-2"


def _all_judged(inspection: Inspection, before: str) -> list[ProgressJudgement]:
    """Every weakness the framework says this follow-up judges, judged: in the letter's order."""
    judges = weaknesses_to_judge(inspection)
    judged = {j.weakness: j for j in inspection.judgements.all()}
    missing = [w for w in judges if w not in judged]
    if missing:
        singular = ITEM[Framework(inspection.framework)][0]
        raise CaseworkError(
            f"Record progress on every {singular} before {before}: {len(missing)} of "
            f"{len(judges)} not recorded yet, starting with '{missing[0]}'.",
            rule=_progress_rule(inspection),
        )
    return [judged[w] for w in judges]


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
    if not inspection.is_follow_up:
        raise CaseworkError(
            "A full inspection has no progress to judge: revisits (2016) and monitoring "
            "inspections (2023) judge progress weakness by weakness.",
            rule=rule,
        )
    if inspection.is_published:
        raise CaseworkError(
            "The letter is published: its progress judgements can no longer change."
        )
    _require(actor, Action.PROGRESS_JUDGE, inspection)
    if inspection.status == Status.PLANNED:
        raise CaseworkError("Progress is judged once the area has been notified.")
    _not_deferred(inspection)
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


def deferral_request_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why the area may not ask now to defer this inspection, or None. The overview offers
    the request only when this is None, and ``do_request_deferral`` raises it."""
    if inspection.status == Status.DEFERRED:
        return CaseworkError(DEFERRED)
    if inspection.status == Status.PLANNED or inspection.notified_on is None:
        return CaseworkError("The area has not been notified of this inspection yet.")
    if inspection.status != Status.NOTIFIED:
        return CaseworkError(
            "a deferral is asked for between notification and fieldwork; fieldwork has started.",
            rule="RV-6",
        )
    if inspection.deferrals.filter(decided_on__isnull=True).exists():
        return CaseworkError(
            "a deferral is asked for between notification and fieldwork, one at a time; "
            "one is already pending.",
            rule="RV-6",
        )
    return None


def do_request_deferral(
    actor: User, inspection: Inspection, *, requested_on: dt.date, reason: str
) -> DeferralRequest:
    """The area asks to put off a notified inspection (RV-6: not normally agreed).

    The framework decides when a request may come: after notification, before
    fieldwork, one at a time. The request's reason stays in casework; the
    history records that the area asked.
    """
    _require(actor, Action.DEFERRAL_REQUEST, inspection)
    refusal = deferral_request_refusal(inspection)
    if refusal is not None:
        raise refusal
    assert inspection.notified_on is not None  # the refusal above says so
    if not reason.strip():
        raise CaseworkError("Say why the area asks to defer the inspection.", field="reason")
    no_personal_data(reason, "reason")
    if requested_on < inspection.notified_on:
        raise CaseworkError(
            f"A deferral is asked for after the area is notified "
            f"({inspection.notified_on:%-d %B %Y}).",
            field="requested_on",
            rule="RV-6",
        )
    start = inspection.proposed_fieldwork_start
    if start is not None and requested_on >= start:
        # Accepted, it would stand in the history before the real first day of fieldwork
        # and refuse it.
        raise CaseworkError(
            f"a deferral is asked for before fieldwork, which was to start on {long_date(start)}.",
            field="requested_on",
            rule="RV-6",
        )
    not_future(requested_on, "The date of the request", "requested_on")
    with _change(actor, "request_deferral", inspection) as locked:
        _record(actor, locked, [_event(locked, EventType.DEFERRAL_REQUESTED, requested_on)])
        request = DeferralRequest.objects.create(
            inspection=locked,
            requested_by=person(actor),
            requested_on=requested_on,
            reason=reason.strip(),
        )
        audit(
            actor,
            "request_deferral",
            request,
            area=locked.area,
            before=None,
            after=snapshot(request),
        )
    return request


def do_decide_deferral(
    actor: User, inspection: Inspection, *, decided_on: dt.date, granted: bool, reason: str
) -> DeferralRequest:
    """Grant or refuse the pending request. A granted deferral withdraws the inspection: the
    framework drops what was due from it, and a new inspection is notified in its place."""
    _require(actor, Action.DEFERRAL_DECIDE, inspection)
    _not_deferred(inspection)
    pending = inspection.deferrals.filter(decided_on__isnull=True).last()
    if pending is None:
        raise CaseworkError("No deferral request is waiting for a decision.", rule="RV-6")
    if not reason.strip():
        raise CaseworkError("Give the reason for the decision.", field="reason")
    no_personal_data(reason, "reason")
    if decided_on < pending.requested_on:
        raise CaseworkError(
            f"A deferral is decided on or after the day it was asked for "
            f"({pending.requested_on:%-d %B %Y}).",
            field="decided_on",
            rule="RV-6",
        )
    not_future(decided_on, "The date of the decision", "decided_on")
    with _change(actor, "decide_deferral", inspection) as locked:
        _record(
            actor,
            locked,
            [
                _event(
                    locked,
                    EventType.DEFERRAL_DECIDED,
                    decided_on,
                    granted=granted,
                    reason=reason.strip(),
                )
            ],
        )
        request = DeferralRequest.objects.select_for_update().get(pk=pending.pk)
        before = snapshot(request)
        request.decided_by = person(actor)
        request.decided_on = decided_on
        request.granted = granted
        request.decision_reason = reason.strip()
        request.save()
        audit(
            actor,
            "decide_deferral",
            request,
            area=locked.area,
            before=before,
            after=snapshot(request),
        )
        if granted:
            locked.status = Status.DEFERRED
    return request


def visible_inspections(actor: User) -> list[Inspection]:
    """The inspections whose casework the actor may see, newest first."""
    rows = Inspection.objects.select_related("area").prefetch_related("team__person")
    return [i for i in rows if can(actor, Action.INSPECTION_VIEW, inspection=i)]
