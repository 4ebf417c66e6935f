"""What families are told in the notice week: the on-site dates, the webinar, the surveys and
the area's own Local Offer page, from the moment the area is notified.

Only what is public from notification is read (``PUBLIC_FIELDS``): never findings, the
outcome or the letter, which stay under embargo until publication, and never a planned
inspection, which the area itself has not been told of. A deferred inspection is withdrawn,
and one whose fieldwork has ended has nothing left for families to join.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.framework.events import Event, InspectionKind
from areasend.inspections.models import Inspection
from areasend.surveys.queries import survey_page

#: The source of events casework records (inspections.services).
CASEWORK = "casework:"
#: Shown while families can still take part.
SHOWN = (Inspection.Status.NOTIFIED, Inspection.Status.FIELDWORK)
PUBLIC_FIELDS = (
    "reference",
    "area",
    "kind",
    "framework",
    "status",
    "notified_on",
    "proposed_onsite_start",
    "proposed_onsite_end",
    "webinar_opens",
    "webinar_closes",
    "webinar_join_url",
    "survey_opens",
    "survey_closes",
    "survey_url",
)
KIND = {
    InspectionKind.FULL: "an inspection",
    InspectionKind.REVISIT: "a revisit",
    InspectionKind.MONITORING: "a monitoring inspection",
}


def time_of_day(moment: dt.datetime) -> str:
    """GOV.UK style: 5pm, 5:30pm, midday, midnight."""
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{suffix}"


def when(opens: dt.datetime, closes: dt.datetime) -> str:
    """'Tuesday 1 December 2026, 5pm to 6pm', or across days, each day named."""
    start, end = timezone.localtime(opens), timezone.localtime(closes)
    if start.date() == end.date():
        return f"{start:%A %-d %B %Y}, {time_of_day(start)} to {time_of_day(end)}"
    return (
        f"from {time_of_day(start)} on {start:%A %-d %B} "
        f"to {time_of_day(end)} on {end:%A %-d %B %Y}"
    )


@dataclass(frozen=True)
class NoticeWeek:
    reference: str
    area_name: str
    what: str
    notified_on: dt.date
    onsite_start: dt.date | None
    onsite_end: dt.date | None
    fieldwork_under_way: bool
    webinar: str
    webinar_over: bool
    webinar_join_url: str
    survey_opens: dt.date | None
    survey_closes: dt.date | None
    survey_state: str  # "", "not yet open", "open" or "closed"
    survey_url: str
    local_offer_url: str

    @property
    def local_offer_site(self) -> str:
        """The host alone, for link text that wraps on a narrow screen."""
        return urlsplit(self.local_offer_url).netloc.removeprefix("www.")

    def lines(self) -> list[str]:
        """The notice in plain sentences, for feeds and emails."""
        out = [
            f"Ofsted and CQC announced {self.what} of {self.area_name}'s SEND services on "
            f"{self.notified_on:%-d %B %Y}."
        ]
        if self.onsite_start and self.onsite_end:
            out.append(
                f"Inspectors are in the area from {self.onsite_start:%-d %B} to "
                f"{self.onsite_end:%-d %B %Y}."
            )
        if self.webinar or self.webinar_join_url:
            join = f" Join: {self.webinar_join_url}" if self.webinar_join_url else ""
            out.append(f"Webinar for parents and carers: {self.webinar or 'time to follow'}.{join}")
        if self.survey_opens and self.survey_closes:
            url = self.survey_url
            if url.startswith("/"):  # the service's own survey page, for an email or a feed
                url = settings.AREASEND_SITE_URL.rstrip("/") + url
            link = f" Give your views: {url}" if url else ""
            # An email is read days later: the closing day is said in words of its own.
            out.append(
                f"Surveys open {self.survey_opens:%-d %B} to {self.survey_closes:%-d %B %Y}; "
                f"the last day to answer is {self.survey_closes:%A %-d %B}.{link}"
            )
        if self.local_offer_url:
            out.append(f"{self.area_name}'s Local Offer: {self.local_offer_url}")
        return out


def _survey_state(inspection: Inspection, today: dt.date) -> str:
    if inspection.survey_opens is None or inspection.survey_closes is None:
        return ""
    if today < inspection.survey_opens:
        return "not yet open"
    return "open" if today <= inspection.survey_closes else "closed"


def describe(
    inspection: Inspection, area: LocalArea, now: dt.datetime, today: dt.date | None = None
) -> NoticeWeek:
    """The notice as it reads at ``now``. ``today`` (default: ``now``'s day in England) says
    whether the surveys are open, so that a page shows the day the survey pages answer on."""
    assert inspection.notified_on is not None  # notified: SHOWN holds no planned inspection
    opens, closes = inspection.webinar_opens, inspection.webinar_closes
    return NoticeWeek(
        reference=inspection.reference,
        area_name=area.name,
        what=KIND[InspectionKind(inspection.kind)],
        notified_on=inspection.notified_on,
        onsite_start=inspection.proposed_onsite_start,
        onsite_end=inspection.proposed_onsite_end,
        fieldwork_under_way=inspection.status == Inspection.Status.FIELDWORK,
        webinar=when(opens, closes) if opens and closes else "",
        webinar_over=closes is not None and closes < now,
        webinar_join_url=inspection.webinar_join_url,
        survey_opens=inspection.survey_opens,
        survey_closes=inspection.survey_closes,
        survey_state=_survey_state(inspection, today or timezone.localtime(now).date()),
        # The surveys run in this service when its question bank has them for the framework;
        # otherwise the link the team recorded.
        survey_url=survey_page(inspection) or inspection.survey_url,
        local_offer_url=area.local_offer_url,
    )


def notice_week(
    area: LocalArea, now: dt.datetime | None = None, *, history: Iterable[Event] | None = None
) -> NoticeWeek | None:
    """The notice of the area's inspection families can take part in now, if there is one.

    Given the area's history, an area with no casework event (nearly all: their history is
    imported) costs no query."""
    if history is not None and not any((e.source or "").startswith(CASEWORK) for e in history):
        return None
    inspection = (
        Inspection.objects.filter(area=area, status__in=SHOWN, notified_on__isnull=False)
        .only(*PUBLIC_FIELDS)
        .order_by("-notified_on", "-pk")
        .first()
    )
    if inspection is None:
        return None
    if now is not None:
        return describe(inspection, area, now)
    # The service's one clock, which the survey pages ask whether they take answers.
    return describe(inspection, area, timezone.now(), clock.today())
