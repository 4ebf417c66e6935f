"""The planners' page: the watcher's last runs, and a button that queues one."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areasend.accounts.permissions import Action, can
from areasend.watcher.models import SeenPublication, WatchRun
from areasend.watcher.service import WatchError, check_can_start
from areasend.watcher.tasks import watch_ofsted_daily

#: How many runs the page shows.
RUNS_SHOWN = 20


@login_required
@require_http_methods(["GET", "POST"])
def runs(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Action.WATCHER_RUN):
        raise PermissionDenied
    problem = ""
    if request.method == "POST":
        try:
            check_can_start(request.user)
        except WatchError as error:
            problem = str(error)
        else:
            # The worker runs it: a run takes minutes at one request a second.
            watch_ofsted_daily.enqueue(WatchRun.Trigger.PAGE)
            messages.success(request, "A watcher run is queued; it shows here when it starts.")
            return redirect("watcher:runs")
    context = {
        "runs": WatchRun.objects.select_related("by")[:RUNS_SHOWN],
        "on": settings.AREASEND_OFSTED_WATCHER,
        "site": settings.AREASEND_OFSTED_REPORTS_URL,
        "known": SeenPublication.objects.count(),
        "problem": problem,
    }
    return render(request, "watcher/runs.html", context, status=400 if problem else 200)


runs.action = Action.WATCHER_RUN  # type: ignore[attr-defined]
