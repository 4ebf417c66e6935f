"""The inspection team."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.models import Person, Role
from areasend.accounts.permissions import Action, User
from areasend.casework.errors import CaseworkError
from areasend.inspections.models import (
    Inspection,
    TeamMember,
)
from areasend.inspections.services.base import (
    DEFERRED,
    Status,
    _require,
    refuse,
)


def team_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why the team cannot change now, or None: the page offers the form only when None."""
    if inspection.status == Status.DEFERRED:
        return CaseworkError(DEFERRED)
    if inspection.is_published:
        return CaseworkError("The letter is published: the team no longer changes.")
    return None


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
    refuse(team_refusal(inspection))
    with transaction.atomic():
        return _add_member(actor, inspection, person, role)


# -- fieldwork ----------------------------------------------------------------------------
