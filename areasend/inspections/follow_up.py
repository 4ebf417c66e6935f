"""What a revisit or monitoring inspection follows up, as the framework reads the history.

The weaknesses a follow-up judges are those of the letter of the full
inspection it follows (``letter_published``'s ``weaknesses``), fixed when the
follow-up is notified: the framework's replay knows them
(``framework.evaluate.follow_up``); casework asks it rather than recomputing.
"""

from __future__ import annotations

from areasend.areas.event_log import framework_params, stored_events
from areasend.framework.evaluate import FollowUp, follow_up
from areasend.framework.events import Framework
from areasend.inspections.models import VERDICT, Inspection

#: What each framework calls the items a follow-up judges, singular and plural.
ITEM: dict[Framework, tuple[str, str]] = {
    Framework.F2016: ("area of significant weakness", "areas of significant weakness"),
    Framework.F2023: ("area for priority action", "areas for priority action"),
}

__all__ = ["ITEM", "VERDICT", "follow_up_of", "weaknesses_to_judge"]


def follow_up_of(inspection: Inspection) -> FollowUp | None:
    """The follow-up as the area's stored history has it; None for a full inspection or one
    not yet notified."""
    if not inspection.is_follow_up or inspection.notified_on is None:
        return None
    return follow_up(
        stored_events(inspection.area), inspection.reference, params=framework_params()
    )


def weaknesses_to_judge(inspection: Inspection) -> tuple[str, ...]:
    found = follow_up_of(inspection)
    return found.judges if found else ()
