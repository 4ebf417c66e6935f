"""The evidence the team gathers: counts, meetings, provider visits, pseudonymous case samples."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from areasend.accounts.permissions import Action, User
from areasend.casework.errors import CaseworkError
from areasend.casework.guards import in_range, no_personal_data, not_future
from areasend.casework.pseudonyms import next_pseudonym
from areasend.inspections.models import (
    CaseSample,
    Evidence,
    Inspection,
    Meeting,
    ProviderVisit,
)
from areasend.inspections.services.base import (
    DEFERRED,
    Status,
    _change,
    _require,
    refuse,
)


def evidence_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why no evidence can be recorded now, or None. (Once the letter is published the
    permission table closes evidence to everyone.)"""
    if inspection.status == Status.PLANNED:
        return CaseworkError("Evidence is recorded once the area has been notified.")
    if inspection.status == Status.DEFERRED:
        return CaseworkError(DEFERRED)
    return None


def _open_for_evidence(actor: User, inspection: Inspection) -> None:
    _require(actor, Action.EVIDENCE_RECORD, inspection)
    refuse(evidence_refusal(inspection))


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
