"""Planner pages for inspectorate planners: signed-in staff with ``planner.plan_programme``.

Plain GET and POST forms throughout, so everything works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import groupby
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from areasend.casework import clock
from areasend.casework.errors import CaseworkError
from areasend.casework.forms import GovukForm, date_field
from areasend.framework.calendar import monday_of_week
from areasend.planner import jobs, services
from areasend.planner.models import ComputedPlan, PlannedActivity

View = Callable[..., HttpResponse]
WEEKS_MESSAGE = f"Enter the number of weeks as a whole number from 1 to {jobs.MAX_WEEKS}"


def planner_only(view: View) -> View:
    return login_required(permission_required("planner.plan_programme", raise_exception=True)(view))


class HorizonForm(GovukForm):
    start = date_field("From (the plan starts on the Monday of its week)", required=False,
                       name="the date the plan starts from")  # fmt: skip
    weeks = forms.IntegerField(
        label="Weeks",
        min_value=1,
        max_value=jobs.MAX_WEEKS,
        required=False,
        error_messages={
            "invalid": WEEKS_MESSAGE,
            "min_value": WEEKS_MESSAGE,
            "max_value": WEEKS_MESSAGE,
        },
    )

    def horizon(self) -> tuple[dt.date, int]:
        """The horizon asked for, today's week and 39 weeks where nothing (valid) was given;
        the start moved to its Monday."""
        data = self.cleaned_data if self.is_valid() else {}
        return monday_of_week(data.get("start") or clock.today()), data.get("weeks") or 39


class ConfirmForm(HorizonForm):
    activity = forms.CharField(max_length=100)
    week = forms.IntegerField(min_value=0, required=False)
    team = forms.CharField(max_length=50, required=False)


def _query(start: dt.date, weeks: int) -> str:
    """The horizon in an address, as the date input's three boxes post it."""
    return urlencode(
        {"start_day": start.day, "start_month": start.month, "start_year": start.year,
         "weeks": weeks}
    )  # fmt: skip


def _back(start: dt.date, weeks: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse('planner:plan')}?{_query(start, weeks)}")


def _live_rows(result: dict[str, Any]) -> list[dict[str, str]]:
    """The stored rows, confirmed as of now (which may be after the plan was computed), so a
    row's button does what it says."""
    locked = set(PlannedActivity.objects.values_list("activity", flat=True))
    return [
        {**row, "confirmed": "yes" if row["activity"] in locked else "no"}
        for row in result.get("rows", [])
    ]


def _who(plan: ComputedPlan) -> str:
    user = plan.requested_by
    if user is None:
        return "a command on the server"
    return user.get_full_name() or user.get_username()


@require_GET
@planner_only
def plan(request: HttpRequest) -> HttpResponse:
    """The latest plan computed for the horizon; solving is the worker's (jobs.py)."""
    form = HorizonForm(request.GET or None)
    start, weeks = form.horizon()
    invalid = form.is_bound and not form.is_valid()
    if not form.is_bound:
        form.initial["start"] = start  # the boxes show the week the page is for
    # No plan beside an error: it would be for other weeks than the ones typed.
    state = jobs.PlanState(None, None, None) if invalid else jobs.plan_state(start, weeks)
    result: dict[str, Any] = (state.done.result or {}) if state.done else {}
    rows = _live_rows(result)
    by_week = [(week, list(group)) for week, group in groupby(rows, key=lambda r: r["week_start"])]
    return render(
        request,
        "planner/plan.html",
        {
            "form": form,
            "invalid": invalid,
            "state": state,
            "result": result,
            "computed_by": _who(state.done) if state.done else "",
            "pending_by": _who(state.pending) if state.pending else "",
            "by_week": by_week,
            "query": _query(start, weeks),
            "start": start,
            "weeks": weeks,
        },
        status=400 if invalid else 200,
    )


@require_POST
@planner_only
def recompute(request: HttpRequest) -> HttpResponse:
    """Ask the worker for the plan of this horizon; the page then shows its progress."""
    form = HorizonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter a valid first week and number of weeks to compute a plan.")
        return _back(*form.horizon())
    start, weeks = form.horizon()
    try:
        jobs.do_request_plan(request.user, start=start, weeks=weeks)
    except CaseworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, "The plan is being computed. Refresh this page to see when it is ready."
        )
    return _back(start, weeks)


@require_POST
@planner_only
def confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST)
    start, weeks = form.horizon()
    if not form.is_valid() or form.cleaned_data["week"] is None:
        messages.error(request, "Choose an activity, a week and a team to confirm.")
        return _back(start, weeks)
    scenario = services.build_scenario(start, weeks)
    try:
        services.confirm(
            scenario,
            form.cleaned_data["activity"],
            form.cleaned_data["week"],
            form.cleaned_data["team"],
            request.user,
        )
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, "Confirmed: every plan computed from now on keeps this assignment."
        )
    return _back(scenario.start, weeks)


@require_POST
@planner_only
def release(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST)
    start, weeks = form.horizon()
    if form.is_valid():
        services.release(form.cleaned_data["activity"], request.user)
        messages.success(request, "Released: the planner may move this activity again.")
    return _back(start, weeks)


def _export(content_type: str, name: str, text: str) -> HttpResponse:
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _stored(request: HttpRequest) -> tuple[ComputedPlan | None, tuple[dt.date, int]]:
    horizon = HorizonForm(request.GET or None).horizon()
    return jobs.plan_state(*horizon).done, horizon


@require_GET
@planner_only
def export_csv(request: HttpRequest) -> HttpResponse:
    done, horizon = _stored(request)
    if done is None or done.result is None:
        messages.error(request, "No plan has been computed for these weeks yet.")
        return _back(*horizon)
    return _export(
        "text/csv; charset=utf-8", "programme-plan.csv", services.plan_csv(_live_rows(done.result))
    )


@require_GET
@planner_only
def export_ical(request: HttpRequest) -> HttpResponse:
    done, horizon = _stored(request)
    if done is None or done.result is None or done.finished_at is None:
        messages.error(request, "No plan has been computed for these weeks yet.")
        return _back(*horizon)
    text = services.plan_ical(done.result["rows"], done.result["on_site_weeks"], done.finished_at)
    return _export("text/calendar; charset=utf-8", "programme-plan.ics", text)
