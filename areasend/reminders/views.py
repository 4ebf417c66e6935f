"""Calendar feeds and the page that gives a person their feed's address."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from areasend.accounts.permissions import person_of
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.reminders import calendars

ICAL = "text/calendar; charset=utf-8"


def area_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(LocalArea, slug=slug)
    body = calendars.area_feed(area, clock.today(), timezone.now())
    return HttpResponse(body, content_type=ICAL)


def person_calendar(request: HttpRequest, token: str) -> HttpResponse:
    # Unknown, expired and revoked tokens get the same 404: nothing of the person's calendar.
    person = calendars.person_from_token(token, timezone.now())
    if person is None:
        raise Http404("No such calendar, or its link has expired or been revoked.")
    body = calendars.person_feed(person, clock.today(), timezone.now())
    response = HttpResponse(body, content_type=ICAL)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    """The person's calendar link: shown while it answers; a new one, or none, on request."""
    person = person_of(request.user)
    if person is None:
        raise Http404("Only staff with a role have a calendar.")
    now = timezone.now()
    if request.method == "POST":
        choice = request.POST.get("link")
        current = calendars.current_token(person, now)
        if choice == "new":
            calendars.do_issue_calendar_token(request.user, person, now=now)
            messages.success(request, "Your new calendar link is below; the old one has stopped.")
        elif choice == "revoke" and current is not None:
            calendars.do_revoke_calendar_token(request.user, current, now=now)
            messages.success(request, "Your calendar link has stopped working.")
        else:
            return HttpResponseBadRequest("Choose a new link, or to stop the current one.")
        return redirect("reminders:mine")
    current = calendars.current_token(person, now)
    feed = None
    if current is not None:
        path = reverse("reminders:person", args=[calendars.address_token(current)])
        feed = request.build_absolute_uri(path)
    context = {
        "feed": feed,
        "current": current,
        "latest": calendars.latest_token(person),
        "days": settings.AREASEND_CALENDAR_TOKEN_DAYS,
    }
    return render(request, "reminders/calendar.html", context)
