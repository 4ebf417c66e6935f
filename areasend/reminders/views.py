"""Calendar feeds and the page that gives a person their feed's address."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from areasend.accounts.permissions import person_of
from areasend.areas.models import LocalArea
from areasend.reminders import calendars

ICAL = "text/calendar; charset=utf-8"


def area_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(LocalArea, slug=slug)
    body = calendars.area_feed(area, timezone.localdate(), timezone.now())
    return HttpResponse(body, content_type=ICAL)


def person_calendar(request: HttpRequest, token: str) -> HttpResponse:
    person = calendars.person_from_token(token)
    if person is None:
        raise Http404("No such calendar.")
    body = calendars.person_feed(person, timezone.localdate(), timezone.now())
    response = HttpResponse(body, content_type=ICAL)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    if person is None:
        raise Http404("Only staff with a role have a calendar.")
    path = reverse("reminders:person", args=[calendars.person_token(person)])
    return render(request, "reminders/calendar.html", {"feed": request.build_absolute_uri(path)})
