"""Many areas' open obligations at once, each area evaluated once per state of its log.

A national work list evaluates every area's history (a few ms each, 150 areas): done on
every request that is most of a second. The log is append-only (``HistoryEvent``), so what an
area owes on a day is fixed by which rows its log and the national log hold; each row set is
named by its count, highest id and latest recording time (ids alone can be reused once rows
are flushed, as between tests), and the answer is kept in the process cache under that name
with the day and the framework's parameters. A new event changes the name: nothing is served
from before it. The process also keeps its last few whole answers under the names of all the
logs they read, so a repeated list costs one query and one lookup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet

from areasend.areas.event_log import EVENT_COLUMNS, event_from_values, framework_params, status_of
from areasend.areas.models import HistoryEvent
from areasend.framework.events import Event
from areasend.framework.status import Obligation

#: Long enough to serve a working day's requests; the key, not the timeout, keeps it true.
SECONDS = 6 * 3600
#: Whole answers this process keeps, by the names of every log they read: a repeated
#: national list is one lookup here rather than 150 entries unpickled from the cache.
RECENT_ANSWERS = 32
_RECENT: dict[str, dict[int, tuple[Obligation, ...]]] = {}


def forget_recent() -> None:
    """Empty this process's whole answers, as clearing the cache empties the rest (tests)."""
    _RECENT.clear()


def open_obligations(
    area_ids: Iterable[int] | QuerySet[Any, Any], today: dt.date
) -> dict[int, tuple[Obligation, ...]]:
    """Each area's open obligations on ``today``, for the areas with a history of their own.
    ``area_ids`` may be a query of their ids, read by the database as a subquery."""
    wanted = area_ids if isinstance(area_ids, QuerySet) else set(area_ids)
    logs = (
        HistoryEvent.objects.filter(Q(area_id__in=wanted) | Q(area__isnull=True))
        .order_by()
        .values_list("area_id")
        .annotate(Count("pk"), Max("pk"), Max("recorded_at"))
    )
    names = {area_id: f"{n}.{top}.{at.isoformat()}" for area_id, n, top, at in logs}
    setting = repr(sorted(framework_params().items()))
    common = f"{today.isoformat()}|{names.pop(None, '0')}|{setting}"
    whole = hashlib.sha256(f"{sorted(names.items())}|{common}".encode()).hexdigest()
    if (answer := _RECENT.get(whole)) is not None:
        return dict(answer)
    keys = {
        area_id: "area-obligations:"
        + hashlib.sha256(f"{area_id}|{name}|{common}".encode()).hexdigest()
        for area_id, name in names.items()
    }
    found = cache.get_many(list(keys.values()))
    out = {area_id: found[key] for area_id, key in keys.items() if key in found}
    missing = [area_id for area_id in keys if area_id not in out]
    if missing:
        # In the log's own order, national events among each area's, as area_status reads.
        events: dict[int, list[Event]] = {area_id: [] for area_id in missing}
        query = HistoryEvent.objects.filter(Q(area_id__in=missing) | Q(area__isnull=True))
        for area_id, *values in query.values_list("area_id", *EVENT_COLUMNS):
            event = event_from_values(*values)
            for log in events.values() if area_id is None else [events[area_id]]:
                log.append(event)
        fresh = {area_id: status_of(log, today).open_obligations for area_id, log in events.items()}
        cache.set_many({keys[area_id]: owed for area_id, owed in fresh.items()}, SECONDS)
        out |= fresh
    _RECENT[whole] = dict(out)
    while len(_RECENT) > RECENT_ANSWERS:
        _RECENT.pop(next(iter(_RECENT)))
    return out
