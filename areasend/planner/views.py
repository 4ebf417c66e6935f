"""Planner pages for inspectorate planners: signed-in staff with ``planner.plan_programme``.

Plain GET and POST forms throughout, so everything works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import groupby
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from areasend.casework import clock
from areasend.ops.dates import DateField
from areasend.planner import services

View = Callable[..., HttpResponse]


def planner_only(view: View) -> View:
    return login_required(permission_required("planner.plan_programme", raise_exception=True)(view))


class HorizonForm(forms.Form):
    start = DateField(label="From", required=False, help_text="For example, 2027-01-04")
    weeks = forms.IntegerField(label="Weeks", min_value=1, max_value=260, required=False)

    def horizon(self) -> tuple[dt.date, int]:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("start") or clock.today(), data.get("weeks") or 39


class ConfirmForm(HorizonForm):
    activity = forms.CharField(max_length=100)
    week = forms.IntegerField(min_value=0, required=False)
    team = forms.CharField(max_length=50, required=False)


def _back(start: dt.date, weeks: int) -> HttpResponseRedirect:
    query = urlencode({"start": start.isoformat(), "weeks": weeks})
    return HttpResponseRedirect(f"{reverse('planner:plan')}?{query}")


@require_GET
@planner_only
def plan(request: HttpRequest) -> HttpResponse:
    form = HorizonForm(request.GET or None)
    start, weeks = form.horizon()
    proposal = services.propose(start, weeks)
    rows = services.plan_rows(proposal.scenario, proposal.plan)
    by_week = [(week, list(group)) for week, group in groupby(rows, key=lambda r: r["week_start"])]
    return render(
        request,
        "planner/plan.html",
        {
            "form": form,
            "proposal": proposal,
            "by_week": by_week,
            "query": urlencode({"start": proposal.scenario.start.isoformat(), "weeks": weeks}),
            "start": proposal.scenario.start,
            "weeks": weeks,
        },
    )


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
        messages.success(request, "Confirmed: the plan now keeps this assignment.")
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


@require_GET
@planner_only
def export_csv(request: HttpRequest) -> HttpResponse:
    proposal = services.propose(*HorizonForm(request.GET or None).horizon())
    text = services.plan_csv(proposal.scenario, proposal.plan)
    return _export("text/csv; charset=utf-8", "programme-plan.csv", text)


@require_GET
@planner_only
def export_ical(request: HttpRequest) -> HttpResponse:
    proposal = services.propose(*HorizonForm(request.GET or None).horizon())
    text = services.plan_ical(proposal.scenario, proposal.plan, timezone.now())
    return _export("text/calendar; charset=utf-8", "programme-plan.ics", text)
