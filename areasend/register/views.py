"""Public pages. Views parse the request and read; the framework computes."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from areasend.areas.history import status_of, stored_events
from areasend.areas.models import LocalArea, Region
from areasend.register.describe import describe_event


def home(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()
    return render(
        request,
        "register/home.html",
        {
            "current_count": LocalArea.objects.in_force_on(today).count(),
            "former_count": LocalArea.objects.filter(valid_to__lt=today).count(),
        },
    )


def area_list(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()
    region = request.GET.get("region", "")
    areas = LocalArea.objects.prefetch_related("successors", "predecessors")
    if region in Region.values:
        areas = areas.filter(region=region)
    else:
        region = ""
    return render(
        request,
        "register/area_list.html",
        {
            "current": [a for a in areas if a.in_force_on(today)],
            "former": [a for a in areas if a.valid_to and a.valid_to < today],
            "regions": Region.choices,
            "region": region,
        },
    )


def area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(
        LocalArea.objects.prefetch_related(
            "codes",
            "names",
            "predecessors",
            "successors",
            "statistical_neighbours",
            "nhs_partners__body",
        ),
        slug=slug,
    )
    today = dt.date.today()
    history = stored_events(area)
    return render(
        request,
        "register/area_detail.html",
        {
            "area": area,
            "today": today,
            "status": status_of(history, today) if area.is_current else None,
            "events": [(e, describe_event(e)) for e in history if e.area is not None],
            "former_codes": [c for c in area.codes.all() if c.valid_to],
            "other_names": sorted(n.name for n in area.names.all() if n.name != area.name),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "register/accessibility.html")
