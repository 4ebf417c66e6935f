"""The public API (django-ninja): the register's datasets read-only, and one write endpoint.

Reads go through ``areasend.register.datasets`` — the same functions behind the pages and the
downloads, so the three cannot drift. Public reads carry ETag and Last-Modified and answer
304 to a matching conditional request, and ``no-cache``: a shared cache revalidates every
time, so none serves an answer from before a publication. Writes need a bearer token
(``manage.py api_tokens``) whose user the permission table allows to record history, and go
through the same gate as every other write (``api.services.do_record_through_api``, ADR 0021):
the source is the token's, an ``Idempotency-Key`` makes a retry safe.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied
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

from areasend.api.models import ApiToken, digest
from areasend.api.services import KeyReused, do_record_through_api, request_hash
from areasend.areas.event_log import area_status
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.framework.events import HistoryError
from areasend.framework.history import dump_history, parse_event
from areasend.register import datasets
from areasend.register.caching import cached_public, data_state
from areasend.register.rows import (
    AreaRow,
    CoverageRow,
    InspectionRow,
    ProgressRow,
    SourceRow,
    WeaknessRow,
)

#: What the service refuses in any query or path value (ops/middleware.py answers 400).
NO_NUL = "^[^\\x00]*$"


class AreasendAPI(NinjaAPI):
    """Ninja's API whose schema says what the service reads: no string parameter may hold a
    NUL character, so a client (or a schema fuzzer) knows such a value is refused, not lost."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for parameter in operation.get("parameters", ()):
                    _refuse_nul(parameter.get("schema", {}))
        return schema


def _refuse_nul(schema: dict[str, Any]) -> None:
    if schema.get("type") == "string" and "format" not in schema:
        schema.setdefault("pattern", NO_NUL)
    for choice in schema.get("anyOf", ()):
        _refuse_nul(choice)
    if isinstance(schema.get("items"), dict):
        _refuse_nul(schema["items"])


api = AreasendAPI(
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


#: A request the service refuses before the API reads it (a NUL character in a value,
#: areasend/ops/middleware.py): every operation can answer it.
_BAD_REQUEST = {
    "400": {
        "description": "A value the service cannot read (such as a NUL character)",
        "content": {"application/json": {"schema": {"type": "object", "required": ["detail"]}}},
    }
}

#: The errors every read documents: an unknown area, and query values of the wrong type.
_ERRORS = {
    "responses": {
        **_BAD_REQUEST,
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
#: the data or the date changes. ``no-cache`` lets shared caches keep an answer but makes
#: them revalidate it each time: never stale after a publication or a correction.
public_read = decorate_view(  # applied in order: the last is outermost
    cached_public,
    cache_control(public=True, no_cache=True),
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
    #: due, overdue, or not_recorded: due and not in a record that could not hold it (ADR 0029).
    standing: str
    inspection: str | None


class AreaStatusOut(Schema):
    area: AreaRow
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
    coverage: list[CoverageRow]
    sources: list[SourceRow]


@api.get("/", response=Index, openapi_extra={"responses": _BAD_REQUEST}, tags=["about"])
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


@api.get("/areas", response=list[AreaRow], openapi_extra=_ERRORS, tags=["areas"])
@public_read
@paginate(Pages)
def areas(
    request: HttpRequest, region: str = "", name: str = "", current: bool | None = None
) -> list[AreaRow]:
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
             "overdue": o.overdue, "standing": str(o.standing), "inspection": o.inspection}
            for o in (status.public_obligations if status else ()) if o.met_on is None
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
    return HttpResponse(dump_history(events), content_type="application/x-ndjson")


@api.get(
    "/inspections",
    response=list[InspectionRow],
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
) -> list[InspectionRow]:
    """Every inspection, revisit and monitoring inspection. `area` is a GSS code."""
    rows = datasets.inspection_rows(_area(area) if area else None)
    return [
        r for r in rows
        if (not framework or r.framework == framework) and (not kind or r.kind == kind)
        and (year is None or r.year == year) and (not outcome or r.outcome == outcome)
    ]  # fmt: skip


@api.get("/weaknesses", response=list[WeaknessRow], openapi_extra=_ERRORS, tags=["inspections"])
@public_read
@paginate(Pages)
def weaknesses(request: HttpRequest, area: str = "", theme: str = "") -> list[WeaknessRow]:
    """Every worded significant weakness or area for priority action, its theme and progress."""
    rows = datasets.weakness_rows(_area(area) if area else None)
    return [r for r in rows if not theme or r.theme == theme]


@api.get("/progress", response=list[ProgressRow], openapi_extra=_ERRORS, tags=["inspections"])
@public_read
@paginate(Pages)
def progress(request: HttpRequest, area: str = "") -> list[ProgressRow]:
    """Every judgement of progress made at a revisit or monitoring inspection."""
    return datasets.progress_rows(_area(area) if area else None)


# -- writes ----------------------------------------------------------------------------


#: The longest Idempotency-Key kept (the IETF draft leaves the length to the server).
KEY_LENGTH = 200


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
        return found


def _problems(error: HistoryError) -> list[dict[str, Any]]:
    return [{"line": p.line, "field": p.field, "message": p.message} for p in error.problems]


@api.post(
    "/areas/{gss_code}/events",
    auth=BearerToken(),
    response={
        201: Recorded, 400: Refused, 401: Refused, 403: Refused, 404: Refused,
        422: Refused,
    },
    tags=["areas"],
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": "Idempotency-Key",
                "required": False,
                "description": "Makes a retry safe: the same key and body get the first "
                "answer again, with nothing written (1 to 200 characters, per token).",
                "schema": {"type": "string", "minLength": 1, "maxLength": KEY_LENGTH},
            }
        ]
    },
)  # fmt: skip
def record_events(request: HttpRequest, gss_code: str, body: EventsIn) -> Status[Any]:
    """Append §9 events to an area's history, if the framework's rules allow all of them;
    otherwise nothing is stored and every problem is listed.

    The events' `source` is the token's: a caller's own `source` is refused. An event
    already in the history is refused, so a blind retry cannot duplicate one; send an
    `Idempotency-Key` header to get the first answer again instead, with nothing written."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    found = LocalArea.objects.filter(gss_code=gss_code).first()
    if found is None:
        return Status(404, {"detail": f"no local area {gss_code}"})
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 0 < len(key) <= KEY_LENGTH:
        problem = {
            "line": 0,
            "field": "Idempotency-Key",
            "message": f"1 to {KEY_LENGTH} characters",
        }
        return Status(422, {"detail": "the Idempotency-Key cannot be used", "problems": [problem]})
    events, problems = [], []
    for line, obj in enumerate(body.events, start=1):
        if obj.get("area", gss_code) != gss_code:
            problems.append({"line": line, "field": "area", "message": f"not {gss_code}"})
            continue
        try:
            events.append(parse_event({**obj, "area": gss_code}, line))
        except HistoryError as error:
            problems += _problems(error)
    if not problems and not events:
        problems.append({"line": 0, "field": "events", "message": "no events given"})
    if problems:
        return Status(422, {"detail": "the events cannot be read", "problems": problems})
    try:
        status, answer = do_record_through_api(
            token, found, events, key=key, fingerprint=request_hash(gss_code, body.events)
        )
    except PermissionDenied as error:
        return Status(403, {"detail": str(error)})
    except KeyReused as error:
        return Status(422, {"detail": str(error)})
    except HistoryError as error:
        return Status(
            422,
            {
                "detail": "these events are refused: nothing was stored",
                "problems": _problems(error),
            },
        )
    return Status(status, answer)
