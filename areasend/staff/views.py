"""The staff landing page (by role) and the list of areas under improvement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from areasend.accounts.permissions import Action, can, person_of
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.inspections.due import obligations_for
from areasend.staff.menu import landing_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where sign-in leads: each role's own starting page."""
    return redirect(landing_for(request.user))


@login_required
def areas(request: HttpRequest) -> HttpResponse:
    """Areas with plans or support under way, each linking to its plans page; for DfE and
    NHS England advisers, the areas they support (those owing them a duty or with a plan)."""
    if not can(request.user, Action.PLAN_VIEW):
        raise PermissionDenied
    person = person_of(request.user)
    query = LocalArea.objects.filter(valid_to__isnull=True)
    if person is not None and person.organisation.area_id is not None:
        query = query.filter(pk=person.organisation.area_id)
    with_work = set(query.filter(plans__isnull=False).values_list("pk", flat=True))
    with_work |= set(query.filter(support_visits__isnull=False).values_list("pk", flat=True))
    due: dict[int, int] = {}
    if can(request.user, Action.OBLIGATIONS_VIEW):
        for row in obligations_for(request.user, clock.today()):
            due[row.area.pk] = due.get(row.area.pk, 0) + 1
    rows = [
        (area, due.get(area.pk, 0))
        for area in query.filter(pk__in=with_work | set(due)).order_by("name")
    ]
    return render(request, "staff/areas.html", {"rows": rows})


areas.action = Action.PLAN_VIEW  # type: ignore[attr-defined]
