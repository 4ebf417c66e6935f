"""What a person may see of inspections: reads, no writes."""

from __future__ import annotations

from areasend.accounts.permissions import Action, User, can
from areasend.inspections.models import (
    Inspection,
)


def visible_inspections(actor: User) -> list[Inspection]:
    """The inspections whose casework the actor may see, newest first."""
    rows = Inspection.objects.select_related("area").prefetch_related("team__person")
    return [i for i in rows if can(actor, Action.INSPECTION_VIEW, inspection=i)]
