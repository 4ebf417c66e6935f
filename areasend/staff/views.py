"""The staff landing page (by role), the work list of what is due, the list of areas under
improvement, and the administrator's pages for people."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, user_passes_test
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from areasend.accounts.models import Person
from areasend.accounts.permissions import Action, can, person_of
from areasend.accounts.services import do_invite_person
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.casework.errors import CaseworkError
from areasend.ops.password_reset import send_set_password_link
from areasend.staff.forms import AddPersonForm, WorkListForm
from areasend.staff.menu import landing_for
from areasend.staff.worklist import Filters, areas_of, improvement_duties, narrow, work_list

#: Rows per page of the work list: a national list has hundreds (GOV.UK pagination).
WORK_PAGE_SIZE = 50


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
    due = improvement_duties(request.user, clock.today())
    rows = [
        (area, due.get(area.pk, 0))
        for area in query.filter(pk__in=with_work | set(due)).order_by("name")
    ]
    return render(request, "staff/areas.html", {"rows": rows})


areas.action = Action.PLAN_VIEW  # type: ignore[attr-defined]


@login_required
def due(request: HttpRequest) -> HttpResponse:
    """Everything the person may act on, soonest first, filtered as the address asks."""
    if not can(request.user, Action.OBLIGATIONS_VIEW):
        raise PermissionDenied
    today = clock.today()
    every = work_list(request.user, today)
    form = WorkListForm(request.GET or None, areas=areas_of(every))
    invalid = form.is_bound and not form.is_valid()
    # No list beside an error: it would not be the one asked for.
    listed = None if invalid else narrow(every, _filters(form), today)
    context: dict[str, object] = {"form": form, "work": listed, "today": today}
    if listed is not None:
        # The counts above the table are of every row the filters keep; the table is a page.
        paginator = Paginator(listed.rows, WORK_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        context |= {"page": page, "pages": paginator.get_elided_page_range(page.number)}
    return render(request, "staff/due.html", context, status=400 if invalid else 200)


def _filters(form: WorkListForm) -> Filters:
    return form.filters() if form.is_bound else Filters()


due.action = Action.OBLIGATIONS_VIEW  # type: ignore[attr-defined]


def _verified_staff(user: object) -> bool:
    """The admin's own gate (areasend/ops/admin_site.py): staff, signed in with a second factor."""
    verified = getattr(user, "is_verified", None)
    return bool(getattr(user, "is_staff", False) and callable(verified) and verified())


administrators = user_passes_test(_verified_staff)


@administrators
def people(request: HttpRequest) -> HttpResponse:
    """Everyone with an account, by organisation, with a link to add one."""
    if not can(request.user, Action.PEOPLE_ADD):
        raise PermissionDenied
    everyone = Person.objects.select_related("user", "organisation").order_by(
        "organisation__name", "user__last_name", "user__first_name"
    )
    return render(request, "staff/people.html", {"people": everyone})


@administrators
def add_person(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Action.PEOPLE_ADD):
        raise PermissionDenied
    form = AddPersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            person = do_invite_person(request.user, **form.cleaned_data)
        except CaseworkError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            send_set_password_link(request, person.user)
            messages.success(
                request,
                f"{person.name} added as {person.get_role_display().lower()} of "
                f"{person.organisation}. We have emailed {person.user.email} a link to set "
                f"their password.",
            )
            return redirect("staff:people")
    return render(
        request, "staff/add_person.html", {"form": form}, status=400 if form.errors else 200
    )
