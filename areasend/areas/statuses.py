"""Many areas' framework statuses at once, each evaluated once per state of its log.

A national work list evaluates every area's history (about 8 ms each, 150 areas): done on
every request that is most of a second. The log is append-only (``HistoryEvent``), so an area's
status on a day is fixed by which rows its log and the national log hold; each row set is
named by its count, highest id and latest recording time (ids alone can be reused once rows
are flushed, as between tests), and the answer is kept in the process cache under that name
with the day and the framework's parameters. A new event changes the name: nothing is served
from before it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Q

from areasend.areas.event_log import EVENT_COLUMNS, event_from_values, framework_params, status_of
from areasend.areas.models import HistoryEvent
from areasend.framework.events import Event
from areasend.framework.status import AreaStatus

#: Long enough to serve a working day's requests; the key, not the timeout, keeps it true.
SECONDS = 6 * 3600


def _name(rows: list[tuple[int, dt.datetime]]) -> str:
    if not rows:
        return "0"
    return f"{len(rows)}.{max(pk for pk, _ in rows)}.{max(at for _, at in rows).isoformat()}"


def statuses(area_ids: Iterable[int], today: dt.date) -> dict[int, AreaStatus]:
    """Each area's status on ``today``, for the areas that have a history of their own."""
    wanted = set(area_ids)
    logs: dict[int, list[tuple[int, dt.datetime]]] = defaultdict(list)
    national: list[tuple[int, dt.datetime]] = []
    rows = HistoryEvent.objects.filter(Q(area_id__in=wanted) | Q(area__isnull=True))
    for area_id, pk, at in rows.values_list("area_id", "pk", "recorded_at"):
        (national if area_id is None else logs[area_id]).append((pk, at))
    setting = repr(sorted(framework_params().items()))
    common = f"{today.isoformat()}|{_name(national)}|{setting}"
    keys = {
        area_id: "area-status:"
        + hashlib.sha256(f"{area_id}|{_name(log)}|{common}".encode()).hexdigest()
        for area_id, log in logs.items()
    }
    found = cache.get_many(list(keys.values()))
    out: dict[int, AreaStatus] = {a: found[key] for a, key in keys.items() if key in found}
    missing = [area_id for area_id in keys if area_id not in out]
    if missing:
        # In the log's own order, national events among each area's, as area_status reads.
        events: dict[int, list[Event]] = {area_id: [] for area_id in missing}
        query = HistoryEvent.objects.filter(Q(area_id__in=missing) | Q(area__isnull=True))
        for area_id, *values in query.values_list("area_id", *EVENT_COLUMNS):
            event = event_from_values(*values)
            for log in events.values() if area_id is None else [events[area_id]]:
                log.append(event)
        fresh = {area_id: status_of(log, today) for area_id, log in events.items()}
        cache.set_many({keys[area_id]: status for area_id, status in fresh.items()}, SECONDS)
        out |= fresh
    return out
