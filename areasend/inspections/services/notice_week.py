"""What the area publishes in the notice week: the webinar and survey details, the Local Offer."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from areasend.accounts.permissions import Action, User
from areasend.areas.local_offer import LinkError, public_link
from areasend.casework.errors import CaseworkError
from areasend.inspections.models import (
    Inspection,
)
from areasend.inspections.services.base import (
    Status,
    _change,
    _require,
    refuse,
)


def notice_links_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why the webinar and survey details cannot be recorded now, or None."""
    if inspection.status not in (Status.NOTIFIED, Status.FIELDWORK):
        return CaseworkError(
            "Webinar and survey details are for the notice week and fieldwork: this inspection "
            f"is {inspection.get_status_display().lower()}.",
            field="webinar_join_url",
        )
    return None


def _webinar_problem(
    inspection: Inspection, starts: dt.datetime | None, ends: dt.datetime | None
) -> CaseworkError | None:
    if (starts is None) != (ends is None):
        return CaseworkError(
            "Give both the start and the end of the webinar, or neither.",
            field="webinar_starts" if starts is None else "webinar_ends",
        )
    if starts is None or ends is None:
        return None
    if ends <= starts:
        return CaseworkError("The webinar must end after it starts.", field="webinar_ends")
    notified, last = inspection.notified_on, inspection.proposed_onsite_end
    if notified is not None and timezone.localtime(starts).date() < notified:
        return CaseworkError(
            f"The webinar cannot start before the area was told ({notified:%-d %B %Y}).",
            field="webinar_starts", rule="OF-EV-2",
        )  # fmt: skip
    if last is not None and timezone.localtime(ends).date() > last:
        return CaseworkError(
            f"The webinar is held before inspectors leave the area ({last:%-d %B %Y}).",
            field="webinar_ends", rule="OF-EV-2",
        )  # fmt: skip
    return None


def do_set_notice_links(
    actor: User,
    inspection: Inspection,
    *,
    webinar_join_url: str,
    survey_url: str,
    webinar_starts: dt.datetime | None = None,
    webinar_ends: dt.datetime | None = None,
) -> Inspection:
    """Record how families join the webinar (its time, if not the one proposed) and give their
    views; the area page shows them (register.notice_week) while the inspection is notified or
    under way. A blank link: none yet."""
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    refuse(notice_links_refusal(inspection))
    try:
        webinar = public_link(webinar_join_url, what="The webinar link", field="webinar_join_url")
        survey = public_link(survey_url, what="The survey link", field="survey_url")
    except LinkError as error:
        raise CaseworkError(str(error), field=error.field) from error
    problem = _webinar_problem(inspection, webinar_starts, webinar_ends)
    if problem is not None:
        raise problem
    with _change(actor, "set_notice_links", inspection) as locked:
        locked.webinar_join_url, locked.survey_url = webinar, survey
        if webinar_starts is not None:
            locked.webinar_opens, locked.webinar_closes = webinar_starts, webinar_ends
    return inspection


# -- evidence -----------------------------------------------------------------------------
