"""Honest caching of public pages: a cached page is served only while the data it was
built from is unchanged, and only on the day it was built (statuses depend on the date).

The data version is one cheap query over the tables public pages read: the count and
highest id of history events, official records and areas (so additions and deletions
show at once: the event log is append-only), and the latest staff theme correction. The
one edit in place, a re-run of `load_national` correcting an official record, shows
within SECONDS at most. Each app process keeps its own cache (Django's local-memory
backend) and may reuse the version it read for AREASEND_DATA_STATE_SECONDS (production:
1 s), so a change reaches every process within that time (docs/decisions/0020).

Views mark what may be cached (``cached_public``); ``PublicPageCacheMiddleware`` stores
those answers and serves them to visitors who carry no session, before the session,
authentication and CSRF layers run: a visitor without a session cookie is anonymous. A
signed-in person is never served from the cache (their pages carry their name and forms).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import urlencode

from areasend.areas.models import HistoryEvent, LocalArea, OfficialInspectionRecord
from areasend.casework import clock
from areasend.register.models import ThemeCorrection

View = Callable[..., HttpResponse]
SECONDS = 60


@dataclass(frozen=True)
class DataState:
    """What public answers are built from: ``version`` changes whenever they could; the
    newest event's recording time is the Last-Modified of a public read."""

    version: str
    last_modified: dt.datetime | None


class _Recent(threading.local):
    """The version this process (thread) read last, and when (``_clock``)."""

    read_at: float = float("-inf")
    state: DataState | None = None


_recent = _Recent()
_clock = time.monotonic  # a module attribute so tests can move time on


def _read_data_state() -> DataState:
    tables = {
        "e": HistoryEvent._meta.db_table,
        "o": OfficialInspectionRecord._meta.db_table,
        "t": ThemeCorrection._meta.db_table,
        "a": LocalArea._meta.db_table,
    }
    sql = (
        "SELECT (SELECT COUNT(*) FROM {e}), (SELECT MAX(id) FROM {e}), "
        "(SELECT COUNT(*) FROM {o}), (SELECT MAX(id) FROM {o}), "
        "(SELECT COUNT(*) FROM {t}), (SELECT MAX(changed_at) FROM {t}), "
        "(SELECT COUNT(*) FROM {a}), (SELECT MAX(recorded_at) FROM {e})"
    ).format(**{k: connection.ops.quote_name(v) for k, v in tables.items()})
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    # SQLite hands back text for MAX() over a datetime column; PostgreSQL a datetime.
    newest = row[-1]
    if isinstance(newest, str):
        newest = dt.datetime.fromisoformat(newest)
    if newest is not None and timezone.is_naive(newest):
        newest = timezone.make_aware(newest, dt.UTC)
    return DataState("|".join(str(value) for value in row[:-1]), newest)


def data_state(request: HttpRequest) -> DataState:
    """The data version, read at most once per request however many layers ask, and at
    most once per AREASEND_DATA_STATE_SECONDS in a process."""
    found: DataState | None = getattr(request, "_areasend_data_state", None)
    if found is not None:
        return found
    now = _clock()
    if _recent.state is not None and now - _recent.read_at < settings.AREASEND_DATA_STATE_SECONDS:
        found = _recent.state
    else:
        found = _read_data_state()
        _recent.state, _recent.read_at = found, now
    request._areasend_data_state = found  # type: ignore[attr-defined]
    return found


#: The attribute naming the query parameters a cached view reads (its cache-key allow-list).
PARAMS_ATTR = "areasend_cache_params"


def cached_public(view: View) -> View:
    """Marks a public view's answers to anonymous GETs as cacheable by the middleware. The
    view reads no query parameter, so none is part of its cache key (``?utm_source=`` hits)."""
    return cached_public_reading()(view)


def cached_public_reading(*params: str) -> Callable[[View], View]:
    """As ``cached_public``, for a view whose answer depends on the query parameters named:
    only those (in a canonical order) are part of its cache key."""

    def decorate(view: View) -> View:
        wrapper = _mark_cacheable(view)
        setattr(wrapper, PARAMS_ATTR, frozenset(params))
        return wrapper

    return decorate


def _mark_cacheable(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        # Read before the view, so the answer is stored under a version no newer than its data.
        data_state(request)
        response = view(request, *args, **kwargs)
        response.areasend_public = True  # type: ignore[attr-defined]
        return response

    return wrapper


class PublicPageCacheMiddleware:
    """Sits after WhiteNoise and before the session layer. Only a GET that carries no session
    or messages cookie and no conditional header is answered from the cache (a conditional
    request goes on to the views, which answer 304); a marked 200 without cookies is stored.
    Only addresses that have had a cacheable answer in this process are looked up, so other
    requests cost no data-version query."""

    #: Addresses known in this process to have a cacheable answer; emptied when it gets big.
    KNOWN_LIMIT = 5000

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.skip_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
        self.known: set[str] = set()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if (
            request.method != "GET"
            or any(name in request.COOKIES for name in self.skip_cookies)
            or "HTTP_IF_NONE_MATCH" in request.META
            or "HTTP_IF_MODIFIED_SINCE" in request.META
        ):
            return self.get_response(request)
        # get_host() refuses a host outside ALLOWED_HOSTS, as the full stack would.
        address = f"{request.scheme}://{request.get_host()}{_keyed_path(request)}"
        if address in self.known:
            hit = cache.get(_key(address, data_state(request)))
            if hit is not None:
                content, headers = hit
                cached = HttpResponse(content)
                for name, value in headers.items():
                    cached[name] = value
                return cached
        response = self.get_response(request)
        state: DataState | None = getattr(request, "_areasend_data_state", None)
        if (
            state is not None
            and isinstance(response, HttpResponse)  # not a streamed or file answer
            and getattr(response, "areasend_public", False)
            and response.status_code == 200
            and not response.cookies
        ):
            cache.set(_key(address, state), (response.content, dict(response.items())), SECONDS)
            if len(self.known) >= self.KNOWN_LIMIT:
                self.known.clear()
            self.known.add(address)
        return response


def _keyed_path(request: HttpRequest) -> str:
    """The path with only the query parameters its view reads, sorted; a view that declares
    none of its own (the API's, whose parameters ninja parses) keeps the whole query string."""
    try:
        wanted: frozenset[str] | None = getattr(resolve(request.path_info).func, PARAMS_ATTR, None)
    except Resolver404:
        wanted = None
    if wanted is None:
        return request.get_full_path()
    kept = sorted(
        (name, value) for name in wanted & request.GET.keys() for value in request.GET.getlist(name)
    )
    return request.path + ("?" + urlencode(kept) if kept else "")


def _key(address: str, state: DataState) -> str:
    raw = f"{address}|{clock.today()}|{state.version}"
    return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()
