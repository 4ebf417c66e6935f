"""The public API (django-ninja): the register's datasets read-only, and one write endpoint.

Reads go through ``areasend.register.datasets`` — the same functions behind the pages and the
downloads, so the three cannot drift. Public reads carry ETag and Last-Modified and answer
304 to a matching conditional request. Writes need a bearer token (``create_api_token``) whose
user the permission table allows to record history, and go through the same service as
every other write (``areasend.areas.history.do_record_events``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition
from ninja import NinjaAPI, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer

from areasend.accounts.permissions import Action, can
from areasend.api.models import ApiToken, digest
from areasend.areas.history import area_status, do_record_events
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.framework.events import HistoryError
from areasend.framework.history import dump_event, parse_event
from areasend.register import datasets
from areasend.register.caching import cached_public, data_state

api = NinjaAPI(
    title="areasend",
    version="1",
    description="England's area SEND inspections: every local area, inspection, outcome, "
    "weakness and judgement of progress since 2016. Open Government Licence v3.0.",
    # The interactive docs page loads scripts from a CDN, which our content security
    # policy forbids; the schema itself is at /api/openapi.json.
    docs_url=None,
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def _unreadable(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """Ninja's own validation errors in the API's one error shape (see ``Refused``)."""
    problems = [
        {"line": 0, "field": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg")}
        for e in error.errors
    ]
    return api.create_response(
        request, {"detail": "the request cannot be read", "problems": problems}, status=422
    )


# -- caching headers -------------------------------------------------------------------


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    raw = f"{request.get_full_path()}|{data_state(request).version}|{clock.today()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> dt.datetime | None:
    return data_state(request).last_modified


#: The errors every read documents: an unknown area, and query values of the wrong type.
_ERRORS = {
    "responses": {
        "404": {
            "description": "No such local area",
            "content": {"application/json": {"schema": {"type": "object", "required": ["detail"]}}},
        },
        "422": {
            "description": "A query value of the wrong type",
            "content": {"application/json": {"schema": {"type": "object", "required": ["detail"]}}},
        },
    }
}

#: Public reads: a conditional request with a current ETag gets 304; otherwise the answer
#: comes from the same honest cache as the public pages (``register.caching``), rebuilt when
#: the data or the date changes.
public_read = decorate_view(  # applied in order: the last is outermost
    cached_public,
    cache_control(public=True, max_age=300),
    condition(etag_func=_etag, last_modified_func=_last_modified),
)


class Pages(LimitOffsetPagination):
    class Input(Schema):
        limit: int = 100
        offset: int = 0

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        # Out-of-range values are clamped rather than refused, as most paginated APIs do.
        pagination.limit = max(1, min(pagination.limit, 500))
        pagination.offset = max(0, pagination.offset)
        return super().paginate_queryset(queryset, pagination, request, **params)


# -- schemas ---------------------------------------------------------------------------
# Rows are the register's own frozen dataclasses (``register.datasets``): the API, the pages
# and the downloads share one definition of each record.


class ObligationOut(Schema):
    rule: str
    what: str
    who: str
    due: dt.date
    overdue: bool
    inspection: str | None


class AreaStatusOut(Schema):
    area: datasets.AreaRow
    state: str | None
    state_label: str | None
    obligations: list[ObligationOut]


class Problem(Schema):
    line: int
    field: str | None
    message: str


class Refused(Schema):
    detail: str
    problems: list[Problem] = []


class EventsIn(Schema):
    events: list[dict[str, Any]]


class Recorded(Schema):
    added: int
    state: str
    state_label: str


# -- reads -----------------------------------------------------------------------------


class Index(Schema):
    schema_url: str
    licence: str
    endpoints: list[str]
    #: What the register holds against Ofsted's published counts, and its sources.
    coverage: list[datasets.CoverageRow]
    sources: list[datasets.SourceRow]


@api.get("/", response=Index, tags=["about"])
def index(request: HttpRequest) -> dict[str, Any]:
    """Where the schema is, the licence, the public read endpoints, and what the register
    holds: full inspections per framework and year against Ofsted's count, and the sources."""
    return {
        "schema_url": request.build_absolute_uri("/api/openapi.json"),
        "licence": "Open Government Licence v3.0",
        "endpoints": [
            "/api/areas", "/api/areas/{gss_code}", "/api/areas/{gss_code}/history",
            "/api/inspections", "/api/weaknesses", "/api/progress",
        ],
        "coverage": datasets.coverage_rows(),
        "sources": datasets.source_rows(),
    }  # fmt: skip


def _area(gss_code: str) -> LocalArea:
    return get_object_or_404(LocalArea, gss_code=gss_code)


@api.get("/areas", response=list[datasets.AreaRow], openapi_extra=_ERRORS, tags=["areas"])
@public_read
@paginate(Pages)
def areas(
    request: HttpRequest, region: str = "", name: str = "", current: bool | None = None
) -> list[datasets.AreaRow]:
    """Every local area since May 2016, with its latest outcome. Filter by region, by part of
    the name, or to areas in force today (current=true) or former ones (current=false)."""
    rows = datasets.area_rows()
    if region:
        rows = [r for r in rows if r.region == region]
    if name:
        rows = [r for r in rows if name.lower() in r.area_name.lower()]
    if current is not None:
        rows = [r for r in rows if (r.valid_to is None) is current]
    return rows


@api.get("/areas/{gss_code}", response=AreaStatusOut, openapi_extra=_ERRORS, tags=["areas"])
@public_read
def area(request: HttpRequest, gss_code: str) -> dict[str, Any]:
    """One area, where it stands today and what is due, as the framework computes it."""
    found = _area(gss_code)
    row = next(r for r in datasets.area_rows(found) if r.area_code == found.gss_code)
    status = area_status(found) if found.is_current else None
    return {
        "area": row,
        "state": status.state if status else None,
        "state_label": status.state_label if status else None,
        "obligations": [
            {"rule": o.rule, "what": o.what, "who": str(o.who), "due": o.due,
             "overdue": o.overdue, "inspection": o.inspection}
            for o in (status.open_obligations if status else ())
        ],
    }  # fmt: skip


@api.get(
    "/areas/{gss_code}/history",
    tags=["areas"],
    response={200: str},
    openapi_extra={
        "responses": {
            **_ERRORS["responses"],
            200: {
                "description": "The area's history in the §9 interchange format",
                "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            },
        }
    },
)
@public_read
def history(request: HttpRequest, gss_code: str) -> HttpResponse:
    """The area's whole history as JSON Lines, one event per line, oldest first."""
    events = datasets.history_events(_area(gss_code))
    body = "".join(json.dumps(dump_event(e), ensure_ascii=False) + "\n" for e in events)
    return HttpResponse(body, content_type="application/x-ndjson")


@api.get(
    "/inspections",
    response=list[datasets.InspectionRow],
    openapi_extra=_ERRORS,
    tags=["inspections"],
)
@public_read
@paginate(Pages)
def inspections(
    request: HttpRequest,
    area: str = "",
    framework: str = "",
    kind: str = "",
    year: int | None = None,
    outcome: str = "",
) -> list[datasets.InspectionRow]:
    """Every inspection, revisit and monitoring inspection. `area` is a GSS code."""
    rows = datasets.inspection_rows(_area(area) if area else None)
    return [
        r for r in rows
        if (not framework or r.framework == framework) and (not kind or r.kind == kind)
        and (year is None or r.year == year) and (not outcome or r.outcome == outcome)
    ]  # fmt: skip


@api.get(
    "/weaknesses", response=list[datasets.WeaknessRow], openapi_extra=_ERRORS, tags=["inspections"]
)
@public_read
@paginate(Pages)
def weaknesses(request: HttpRequest, area: str = "", theme: str = "") -> list[datasets.WeaknessRow]:
    """Every worded significant weakness or area for priority action, its theme and progress."""
    rows = datasets.weakness_rows(_area(area) if area else None)
    return [r for r in rows if not theme or r.theme == theme]


@api.get(
    "/progress", response=list[datasets.ProgressRow], openapi_extra=_ERRORS, tags=["inspections"]
)
@public_read
@paginate(Pages)
def progress(request: HttpRequest, area: str = "") -> list[datasets.ProgressRow]:
    """Every judgement of progress made at a revisit or monitoring inspection."""
    return datasets.progress_rows(_area(area) if area else None)


# -- writes ----------------------------------------------------------------------------


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=digest(token), revoked=False, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used=timezone.now())
        request.user = found.user
        return found.user


@api.post(
    "/areas/{gss_code}/events",
    auth=BearerToken(),
    response={201: Recorded, 400: Refused, 401: Refused, 403: Refused, 404: Refused, 422: Refused},
    tags=["areas"],
)
def record_events(request: HttpRequest, gss_code: str, body: EventsIn) -> Status[Any]:
    """Append §9 events to an area's history, if the framework's rules allow all of them;
    otherwise nothing is stored and every problem is listed."""
    found = LocalArea.objects.filter(gss_code=gss_code).first()
    if found is None:
        return Status(404, {"detail": f"no local area {gss_code}"})
    if not can(request.user, Action.HISTORY_RECORD, area_id=found.pk):
        return Status(403, {"detail": "this token's user may not record history"})
    events, problems = [], []
    for line, obj in enumerate(body.events, start=1):
        if obj.get("area", gss_code) != gss_code:
            problems.append({"line": line, "field": "area", "message": f"not {gss_code}"})
            continue
        try:
            events.append(parse_event({**obj, "area": gss_code}, line))
        except HistoryError as error:
            problems += [
                {"line": p.line, "field": p.field, "message": p.message} for p in error.problems
            ]
    if not problems and not events:
        problems.append({"line": 0, "field": "events", "message": "no events given"})
    if problems:
        return Status(422, {"detail": "the events cannot be read", "problems": problems})
    try:
        status = do_record_events(found, events, source=f"api:{request.user.get_username()}")
    except HistoryError as error:
        refused = [{"line": p.line, "field": p.field, "message": p.message} for p in error.problems]
        return Status(
            422, {"detail": "the framework's rules refuse these events", "problems": refused}
        )
    return Status(
        201, {"added": len(events), "state": status.state, "state_label": status.state_label}
    )
