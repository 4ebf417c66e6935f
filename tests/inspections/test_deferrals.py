"""Deferrals (RV-6): the area asks between notification and fieldwork, the planner decides;
the framework refuses what it forbids and a refused step changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from areasend.accounts.models import AuditEntry, Person
from areasend.areas.event_log import area_status
from areasend.areas.models import HistoryEvent
from areasend.casework.errors import CaseworkError
from areasend.framework.events import Framework, InspectionKind
from areasend.inspections import services as s
from areasend.inspections.models import DeferralRequest, Inspection

D = dt.date
REASON = "Our SEND lead and deputy are both away until January."


def _counts() -> tuple[int, int, int, str]:
    statuses = ",".join(Inspection.objects.order_by("pk").values_list("status", flat=True))
    return (
        HistoryEvent.objects.count(),
        DeferralRequest.objects.count(),
        AuditEntry.objects.count(),
        statuses,
    )


def _events(inspection: Inspection, event: str) -> list[HistoryEvent]:
    return list(HistoryEvent.objects.filter(inspection=inspection.reference, event=event))


def test_the_area_asks_the_planner_refuses_and_the_revisit_goes_ahead(
    medway_revisit: Inspection, people: dict[str, Person]
) -> None:
    request = s.do_request_deferral(
        people["medway"].user, medway_revisit, requested_on=D(2019, 11, 26), reason=REASON
    )
    assert (request.requested_by, request.reason, request.pending) == (
        people["medway"],
        REASON,
        True,
    )
    [asked] = _events(medway_revisit, "deferral_requested")
    assert asked.date == D(2019, 11, 26)
    assert "reason" not in asked.fields  # the area's reason stays in casework

    decided = s.do_decide_deferral(
        people["planner"].user, medway_revisit, decided_on=D(2019, 11, 28), granted=False,
        reason="Revisits are not normally deferred; the notice stands.",
    )  # fmt: skip
    assert (decided.decided_by, decided.granted, decided.pending) == (
        people["planner"],
        False,
        False,
    )
    [event] = _events(medway_revisit, "deferral_decided")
    assert (event.date, event.fields["granted"], event.fields["reason"]) == (
        D(2019, 11, 28),
        False,
        "Revisits are not normally deferred; the notice stands.",
    )
    medway_revisit.refresh_from_db()
    assert medway_revisit.status == Inspection.Status.NOTIFIED
    s.do_start_fieldwork(people["lead"].user, medway_revisit, on=D(2019, 12, 9))
    medway_revisit.refresh_from_db()
    assert medway_revisit.status == Inspection.Status.FIELDWORK


def test_a_granted_deferral_withdraws_the_revisit_and_a_new_one_can_be_notified(
    medway_revisit: Inspection, people: dict[str, Person]
) -> None:
    s.do_request_deferral(
        people["medway"].user, medway_revisit, requested_on=D(2019, 11, 26), reason=REASON
    )
    s.do_decide_deferral(
        people["planner"].user, medway_revisit, decided_on=D(2019, 11, 27), granted=True,
        reason="Exceptional circumstances.",
    )  # fmt: skip
    medway_revisit.refresh_from_db()
    assert medway_revisit.status == Inspection.Status.DEFERRED
    status = area_status(medway_revisit.area)
    # The framework withdrew it: nothing is owed from it, and the area is back under its WSOA.
    assert not [o for o in status.obligations if o.inspection == medway_revisit.reference]
    assert status.state == "wsoa_due"
    before = _counts()
    with pytest.raises(CaseworkError, match="deferred at the area's request"):
        s.do_start_fieldwork(people["lead"].user, medway_revisit, on=D(2019, 12, 9))
    with pytest.raises(CaseworkError, match="deferred at the area's request"):
        s.do_request_deferral(
            people["medway"].user, medway_revisit, requested_on=D(2019, 11, 28), reason=REASON
        )
    assert _counts() == before
    again = s.do_create_inspection(
        people["lead"].user, area=medway_revisit.area, kind=InspectionKind.REVISIT,
        framework=Framework.F2016, notified_on=D(2020, 1, 13), length_days=3,
    )  # fmt: skip
    assert again.reference == "medway-revisit-2020"
    assert area_status(again.area).state == "revisit_notified"


def test_a_request_after_fieldwork_has_started_is_refused_by_the_framework(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    before = _counts()
    with pytest.raises(CaseworkError, match="RV-6: a deferral is asked for between"):
        s.do_request_deferral(
            people["medway"].user, medway_revisited, requested_on=D(2019, 12, 10), reason=REASON
        )
    assert _counts() == before


def test_a_second_request_while_one_is_pending_is_refused(
    medway_revisit: Inspection, people: dict[str, Person]
) -> None:
    officer = people["medway"].user
    s.do_request_deferral(officer, medway_revisit, requested_on=D(2019, 11, 26), reason=REASON)
    before = _counts()
    with pytest.raises(CaseworkError, match=r"RV-6: .*one is already pending"):
        s.do_request_deferral(officer, medway_revisit, requested_on=D(2019, 11, 27), reason="Again")
    assert _counts() == before


def test_a_request_dated_before_the_notification_is_refused(
    medway_revisit: Inspection, people: dict[str, Person]
) -> None:
    before = _counts()
    with pytest.raises(CaseworkError, match="after the area is notified") as caught:
        s.do_request_deferral(
            people["medway"].user, medway_revisit, requested_on=D(2019, 11, 22), reason=REASON
        )
    assert caught.value.field == "requested_on"
    assert _counts() == before


def test_no_decision_without_a_request_nor_before_it(
    medway_revisit: Inspection, people: dict[str, Person]
) -> None:
    planner = people["planner"].user
    before = _counts()
    with pytest.raises(CaseworkError, match="No deferral request is waiting"):
        s.do_decide_deferral(
            planner, medway_revisit, decided_on=D(2019, 11, 28), granted=True, reason="Yes."
        )
    assert _counts() == before
    s.do_request_deferral(
        people["medway"].user, medway_revisit, requested_on=D(2019, 11, 27), reason=REASON
    )
    before = _counts()
    with pytest.raises(CaseworkError, match="on or after the day it was asked for") as caught:
        s.do_decide_deferral(
            planner, medway_revisit, decided_on=D(2019, 11, 26), granted=True, reason="Yes."
        )
    assert caught.value.field == "decided_on"
    with pytest.raises(CaseworkError, match="Give the reason"):
        s.do_decide_deferral(
            planner, medway_revisit, decided_on=D(2019, 11, 28), granted=True, reason=" "
        )
    assert _counts() == before


def test_only_the_areas_own_officers_ask_and_only_planners_decide(
    medway_revisit: Inspection, people: dict[str, Person]
) -> None:
    before = _counts()
    for name in ("rotherham", "lead", "planner", "dfe", "admin"):
        with pytest.raises(PermissionDenied):
            s.do_request_deferral(
                people[name].user, medway_revisit, requested_on=D(2019, 11, 26), reason=REASON
            )
    assert _counts() == before
    s.do_request_deferral(
        people["medway"].user, medway_revisit, requested_on=D(2019, 11, 26), reason=REASON
    )
    before = _counts()
    for name in ("medway", "lead", "cqc", "dfe", "admin"):
        with pytest.raises(PermissionDenied):
            s.do_decide_deferral(
                people[name].user, medway_revisit, decided_on=D(2019, 11, 27), granted=True,
                reason="Yes.",
            )  # fmt: skip
    assert _counts() == before


def test_a_full_inspection_can_be_deferred_too(
    notified: Inspection, people: dict[str, Person]
) -> None:
    """The framework allows a deferral of any kind of inspection (§9 'both'); RV-6 is the
    revisit rule, and the same not-normally-agreed practice is assumed (ADR 0016)."""
    s.do_request_deferral(
        people["rotherham"].user, notified, requested_on=D(2021, 6, 29), reason=REASON
    )
    s.do_decide_deferral(
        people["planner"].user, notified, decided_on=D(2021, 6, 30), granted=True,
        reason="Exceptional circumstances.",
    )  # fmt: skip
    notified.refresh_from_db()
    assert notified.status == Inspection.Status.DEFERRED
    assert area_status(notified.area).state == "not_inspected"
