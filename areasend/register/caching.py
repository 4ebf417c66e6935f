"""Honest caching of public pages: a cached page is served only while the data it was
built from is unchanged, and only on the day it was built (statuses depend on the date).

The data version is one cheap query over the tables public pages read: the count and
highest id of history events, official records and areas (so additions and deletions
show at once: the event log is append-only), and the latest staff theme correction. The
one edit in place, a re-run of `load_national` correcting an official record, shows
within SECONDS at most. Signed-in staff are never served from the cache (their pages
carry their name and forms). Each app process keeps its own cache (Django's local-memory
backend).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from areasend.areas.models import HistoryEvent, LocalArea, OfficialInspectionRecord
from areasend.register.models import ThemeCorrection

View = Callable[..., HttpResponse]
SECONDS = 60


@dataclass(frozen=True)
class DataState:
    """What public answers are built from: ``version`` changes whenever they could; the
    newest event's recording time is the Last-Modified of a public read."""

    version: str
    last_modified: dt.datetime | None


def data_state(request: HttpRequest) -> DataState:
    """One cheap query, made once per request however many layers ask."""
    found: DataState | None = getattr(request, "_areasend_data_state", None)
    if found is not None:
        return found
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
    found = DataState("|".join(str(value) for value in row[:-1]), newest)
    request._areasend_data_state = found  # type: ignore[attr-defined]
    return found


def cached_public(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        raw = f"{request.get_full_path()}|{timezone.localdate()}|{data_state(request).version}"
        key = "public-page:" + hashlib.sha256(raw.encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            content, status, headers = hit
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            headers = {k: v for k, v in response.items() if k.lower() != "set-cookie"}
            cache.set(key, (response.content, response.status_code, headers), SECONDS)
        return response

    return wrapper
