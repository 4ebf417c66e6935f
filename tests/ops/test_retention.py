"""Evidence past its retention period is deleted; what is within it, and public records, stay."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from areasend.accounts.models import Person
from areasend.framework.events import Outcome
from areasend.inspections import services as s
from areasend.inspections.models import CaseSample, Evidence, Finding, Inspection, Letter
from areasend.ops.retention import apply_retention
from areasend.surveys.models import SurveyResponse
from areasend.surveys.questions import Kind
from tests.inspections.conftest import notified, people, rotherham

__all__ = ["notified", "people", "rotherham"]
D = dt.date


@pytest.fixture
def published(notified: Inspection, people: dict[str, Person]) -> Inspection:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, notified, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, notified, on=D(2021, 7, 9))
    s.do_add_case_sample(
        lead, notified, age_band="5-10", support="ehc_plan", setting_type="mainstream_school"
    )
    s.do_record_evidence(
        lead, notified, parent_responses=481, young_people_responses=1,
        practitioner_responses=2, webinar_held_on=None,
    )  # fmt: skip
    s.do_add_finding(lead, notified, question="outcomes", kind="strength", text="Good")
    s.do_decide_outcome(lead, notified, outcome=Outcome.NO_WSOA, decided_on=D(2021, 7, 12))
    letter = s.do_draft_letter(lead, notified)
    s.do_revise_letter(lead, letter, body=letter.body, version=letter.version, reviewed=True)
    s.do_publish_letter(lead, notified, dated=D(2021, 7, 12), published_on=D(2021, 10, 19))
    return notified


def test_evidence_goes_after_three_years_and_the_letter_stays(published: Inspection) -> None:
    within = apply_retention(D(2024, 10, 18))
    assert {d.what: d.count for d in within}["case samples"] == 0
    assert CaseSample.objects.exists() and Evidence.objects.exists()
    counted = apply_retention(D(2024, 10, 21), dry_run=True)
    assert {d.what: d.count for d in counted}["case samples"] == 1
    assert CaseSample.objects.exists()  # a dry run deletes nothing
    past = apply_retention(D(2024, 10, 21))
    assert {d.what: d.count for d in past}["case samples"] == 1
    assert not CaseSample.objects.exists() and not Evidence.objects.exists()
    assert Letter.objects.filter(inspection=published).exists()
    assert Finding.objects.filter(inspection=published).exists()


def test_periods_are_a_setting(published: Inspection, settings: object) -> None:
    settings.AREASEND_RETENTION_DAYS = {"inspection_evidence": 10 * 365}  # type: ignore[attr-defined]
    out = io.StringIO()
    call_command("apply_retention", "--today", "2024-10-21", stdout=out)
    assert "deleted 0 case samples" in out.getvalue()
    assert "inspection_evidence 3650" in out.getvalue()
    assert CaseSample.objects.exists()


def _answered_then_decided(
    inspection: Inspection, people: dict[str, Person], *, granted: bool
) -> None:
    """A survey answer in the notice week, then a deferral asked (29 June 2021) and decided
    (30 June)."""
    SurveyResponse.objects.create(inspection=inspection, kind=next(iter(Kind)).value,
                                  submitted_on=D(2021, 6, 29), nonce=f"deferral-{granted}")  # fmt: skip
    s.do_request_deferral(people["rotherham"].user, inspection, requested_on=D(2021, 6, 29),
                          reason="The director of children's services starts that week.")  # fmt: skip
    s.do_decide_deferral(people["planner"].user, inspection, decided_on=D(2021, 6, 30),
                         granted=granted, reason="Decided.")  # fmt: skip


def test_a_deferred_inspections_answers_and_evidence_are_counted_from_the_deferral(
    notified: Inspection, people: dict[str, Person]
) -> None:
    _answered_then_decided(notified, people, granted=True)
    notified.refresh_from_db()
    # Deferred, the inspection never publishes a letter to count from.
    assert notified.status == Inspection.Status.DEFERRED
    within = {d.what: d.count for d in apply_retention(D(2021, 9, 27))}  # 89 days on
    assert within["survey responses"] == 0 and SurveyResponse.objects.exists()
    past = {d.what: d.count for d in apply_retention(D(2021, 9, 29))}  # 91 days on
    assert past["survey responses"] == 1 and not SurveyResponse.objects.exists()


def test_a_refused_deferral_starts_no_clock(
    notified: Inspection, people: dict[str, Person]
) -> None:
    _answered_then_decided(notified, people, granted=False)
    assert {d.what: d.count for d in apply_retention(D(2022, 6, 30))}["survey responses"] == 0
    assert SurveyResponse.objects.exists()
