"""What the history's write gate asks of casework (``areas.event_log.Casework``).

Registered at start by ``InspectionsConfig.ready``: the history cannot import casework,
which imports the history, so casework tells the history which inspections are its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from areasend.areas.models import LocalArea
from areasend.inspections.models import Inspection

#: Notified and not yet published or withdrawn: the casework is running the inspection.
OPEN = (
    Inspection.Status.NOTIFIED,
    Inspection.Status.FIELDWORK,
    Inspection.Status.AWAITING_LETTER,
)


class InspectionsInCasework:
    def runs(self, inspections: Collection[str]) -> set[str]:
        if not inspections:
            return set()
        found = Inspection.objects.filter(reference__in=list(inspections))
        return set(found.values_list("reference", flat=True))

    def open_since(self, area: LocalArea) -> dt.date | None:
        dates = Inspection.objects.filter(area=area, status__in=OPEN, notified_on__isnull=False)
        first: dt.date | None = (
            dates.order_by("notified_on").values_list("notified_on", flat=True).first()
        )
        return first
