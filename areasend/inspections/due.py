"""What is due: each person's open obligations, soonest first, from the framework."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from areasend.accounts.models import Role
from areasend.accounts.permissions import User, person_of
from areasend.areas.models import LocalArea
from areasend.areas.statuses import open_obligations
from areasend.framework.status import Obligation, Party
from areasend.inspections.models import Inspection

#: Whose obligations each role answers for (None: every party's, for their areas).
_PARTIES: dict[str, frozenset[Party] | None] = {
    Role.PLANNER: frozenset({Party.INSPECTORATE}),
    Role.LEAD_INSPECTOR: None,
    Role.TEAM_INSPECTOR: None,
    Role.AREA_OFFICER: None,
    Role.ADVISER: frozenset({Party.DFE_NHSE, Party.SECRETARY_OF_STATE}),
    Role.ADMINISTRATOR: frozenset(),
}


@dataclass(frozen=True)
class DueRow:
    area: LocalArea
    obligation: Obligation
    href: str


def _areas_in_view(user: User) -> tuple[QuerySet[LocalArea], set[str] | None]:
    """The areas whose obligations the person sees, and the inspections (None: all)."""
    person = person_of(user)
    if person is None:
        return LocalArea.objects.none(), set()
    if person.role == Role.AREA_OFFICER:
        return LocalArea.objects.filter(partnership=person.organisation), None
    if person.role in (Role.LEAD_INSPECTOR, Role.TEAM_INSPECTOR):
        mine = Inspection.objects.filter(team__person=person).exclude(
            status=Inspection.Status.PUBLISHED
        )
        refs = set(mine.values_list("reference", flat=True))
        return LocalArea.objects.filter(inspections__reference__in=refs).distinct(), refs
    return LocalArea.objects.filter(valid_to__isnull=True), None


def obligations_for(user: User, today: dt.date) -> list[DueRow]:
    person = person_of(user)
    if person is None:
        return []
    parties = _PARTIES[person.role]
    in_view, inspections = _areas_in_view(user)
    # Subqueries, not lists of ids: a national list names every area (150 parameters each).
    casework = set(Inspection.objects.filter(area__in=in_view).values_list("reference", flat=True))
    owed = open_obligations(in_view.values("pk"), today)
    # One reverse per kind of link, not per row: a national list has hundreds of rows.
    casework_page = reverse("inspections:detail", args=["REF"])
    area_page = reverse("register:area_detail", args=["SLUG"])
    out: list[DueRow] = []
    for area in in_view:
        for ob in owed.get(area.pk, ()):
            # A duty the record cannot hold is nobody's to act on (ADR 0029).
            if ob.not_recorded:
                continue
            if parties is not None and ob.who not in parties:
                continue
            if inspections is not None and ob.inspection not in inspections:
                continue
            href = (
                casework_page.replace("REF", ob.inspection)
                if ob.inspection in casework
                else area_page.replace("SLUG", area.slug)
            )
            out.append(DueRow(area=area, obligation=ob, href=href))
    out.sort(key=lambda r: (r.obligation.due, r.area.name))
    return out
