"""The casework services: each step asks the framework, writes events and audit, or changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from areasend.accounts.models import AuditEntry, Person
from areasend.areas.event_log import area_status
from areasend.areas.models import HistoryEvent, LocalArea
from areasend.casework.errors import CaseworkError
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.inspections import services as s
from areasend.inspections.models import CaseSample, Inspection, Letter

D = dt.date
WEAKNESSES = (
    "The local area's strategic leadership and joint commissioning",
    "The quality of education, health and care plans",
    "Waiting times for neurodevelopmental assessment",
    "Co-production with families at a strategic level",
)


def _publishable(inspection: Inspection, people: dict[str, Person]) -> Inspection:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, inspection, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, inspection, on=D(2021, 7, 9))
    s.do_add_finding(lead, inspection, question="identify", kind="strength", text="Early help")
    s.do_add_finding(lead, inspection, question="identify", kind="development", text="Transitions")
    for text in WEAKNESSES:
        s.do_add_finding(lead, inspection, question="assess_meet", kind="significant", text=text)
    s.do_decide_outcome(lead, inspection, outcome=Outcome.WSOA, decided_on=D(2021, 7, 12))
    letter = s.do_draft_letter(lead, inspection)
    s.do_revise_letter(lead, letter, body=letter.body, version=letter.version, reviewed=True)
    return inspection


def test_notification_takes_the_framework_dates_and_writes_the_event(
    notified: Inspection,
) -> None:
    assert notified.reference == "rotherham-2021"
    assert notified.status == Inspection.Status.NOTIFIED
    assert notified.proposed_onsite_start == D(2021, 7, 5)
    assert notified.proposed_onsite_end == D(2021, 7, 9)
    assert notified.webinar_opens is not None and "OF-NOT-1" in notified.schedule_rules
    event = HistoryEvent.objects.get(inspection="rotherham-2021")
    assert (event.event, event.date, event.fields["kind"]) == (
        "inspection_notified",
        D(2021, 6, 28),
        "full",
    )
    assert AuditEntry.objects.filter(action="notify_inspection").count() == 1


def test_notifying_on_a_tuesday_is_refused_with_its_rule_and_stores_nothing(
    people: dict[str, Person], rotherham: LocalArea
) -> None:
    with pytest.raises(CaseworkError, match="OF-NOT-1"):
        s.do_create_inspection(
            people["lead"].user,
            area=rotherham,
            kind=InspectionKind.FULL,
            framework=Framework.F2016,
            notified_on=D(2021, 6, 29),
        )
    assert not Inspection.objects.exists()
    assert not HistoryEvent.objects.filter(area=rotherham).exists()
    assert not AuditEntry.objects.filter(action__contains="inspection").exists()


def test_the_walk_to_a_published_letter_puts_outcome_and_weaknesses_in_the_history(
    notified: Inspection, people: dict[str, Person], rotherham: LocalArea
) -> None:
    _publishable(notified, people)
    s.do_publish_letter(
        people["lead"].user, notified, dated=D(2021, 7, 12), published_on=D(2021, 7, 12)
    )
    notified.refresh_from_db()
    assert notified.is_published
    published = HistoryEvent.objects.get(event="letter_published", inspection="rotherham-2021")
    assert published.fields["outcome"] == "wsoa"
    assert published.fields["weaknesses"] == list(WEAKNESSES)
    status = area_status(rotherham, D(2021, 8, 1))
    wsoa = [o for o in status.open_obligations if o.rule.startswith("OF-WSOA")]
    assert wsoa and wsoa[0].who == "local area partnership"


def test_publishing_before_fieldwork_ends_is_refused_by_the_framework(
    notified: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, notified, on=D(2021, 7, 5))
    before = list(HistoryEvent.objects.values_list("pk", flat=True))
    with pytest.raises(CaseworkError, match="framework refuses"):
        s.do_publish_letter(lead, notified, dated=D(2021, 7, 8), published_on=D(2021, 7, 8))
    assert list(HistoryEvent.objects.values_list("pk", flat=True)) == before


def test_a_second_outcome_is_refused(notified: Inspection, people: dict[str, Person]) -> None:
    _publishable(notified, people)
    with pytest.raises(CaseworkError, match="one outcome"):
        s.do_decide_outcome(
            people["lead"].user, notified, outcome=Outcome.NO_WSOA, decided_on=D(2021, 7, 13)
        )
    notified.refresh_from_db()
    assert notified.outcome == Outcome.WSOA


def test_a_wsoa_needs_a_significant_weakness_and_no_wsoa_has_none(
    notified: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, notified, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, notified, on=D(2021, 7, 9))
    with pytest.raises(CaseworkError, match="at least one area of significant weakness"):
        s.do_decide_outcome(lead, notified, outcome=Outcome.WSOA, decided_on=D(2021, 7, 12))
    s.do_add_finding(lead, notified, question="outcomes", kind="significant", text="Outcomes")
    with pytest.raises(CaseworkError, match="this outcome has none"):
        s.do_decide_outcome(lead, notified, outcome=Outcome.NO_WSOA, decided_on=D(2021, 7, 12))


@pytest.mark.parametrize(
    "reference",
    ["Jane Smith", "JSmith", "12/03/2015", "2015-03-12", "12Mar2015", "CS 014", "", "x" * 17],
)
def test_a_case_reference_holding_a_name_or_date_is_refused_by_the_field(
    notified: Inspection, reference: str
) -> None:
    # The service gives references (below); the field refuses any other, whoever writes it.
    case = CaseSample(
        inspection=notified, reference=reference, age_band="5-10", support="ehc_plan",
        setting_type="mainstream_school",
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert "reference" in error.value.message_dict
    assert not notified.cases.exists()


def test_the_service_numbers_each_inspections_cases(
    notified: Inspection, people: dict[str, Person]
) -> None:
    cases = [
        s.do_add_case_sample(
            people["cqc"].user,
            notified,
            age_band="11-15",
            support="sen_support",
            setting_type="special_school",
        )
        for _ in range(2)
    ]
    assert [c.reference for c in cases] == ["CS-001", "CS-002"]


def test_only_the_area_completes_its_checklist_and_only_the_team_records_evidence(
    notified: Inspection, people: dict[str, Person]
) -> None:
    with pytest.raises(PermissionDenied):
        s.do_complete_checklist_item(
            people["sheffield"].user, notified, item="local_offer", done_on=D(2021, 6, 28)
        )
    with pytest.raises(PermissionDenied):
        s.do_record_evidence(
            people["rotherham"].user,
            notified,
            parent_responses=481,
            young_people_responses=0,
            practitioner_responses=0,
            webinar_held_on=None,
        )
    item = s.do_complete_checklist_item(
        people["rotherham"].user, notified, item="local_offer", done_on=D(2021, 6, 28)
    )
    assert item.done_by == people["rotherham"]
    evidence = s.do_record_evidence(
        people["cqc"].user,
        notified,
        parent_responses=481,
        young_people_responses=37,
        practitioner_responses=212,
        webinar_held_on=D(2021, 6, 30),
    )
    assert evidence.parent_responses == 481


def test_a_checklist_date_before_notification_is_refused(
    notified: Inspection, people: dict[str, Person]
) -> None:
    with pytest.raises(CaseworkError, match="after the area is notified"):
        s.do_complete_checklist_item(
            people["rotherham"].user, notified, item="school_letters", done_on=D(2021, 6, 25)
        )


def test_a_stale_letter_edit_is_refused(notified: Inspection, people: dict[str, Person]) -> None:
    _publishable(notified, people)
    letter = Letter.objects.get(inspection=notified)
    stale = letter.version - 1
    with pytest.raises(CaseworkError, match="saved the letter"):
        s.do_revise_letter(
            people["lead"].user, letter, body="Changed", version=stale, reviewed=False
        )
    letter.refresh_from_db()
    assert letter.body != "Changed\n"


def test_the_drafted_letter_follows_the_2016_structure(
    notified: Inspection, people: dict[str, Person]
) -> None:
    _publishable(notified, people)
    body = Letter.objects.get(inspection=notified).body
    assert "## How effectively does the local area identify" in body
    assert "### Strengths\n- Early help\n### Areas for development\n- Transitions\n" in body
    assert "## Areas of significant weakness" in body
    assert "Written Statement of Action (WSOA) is required" in body
    assert "\n1. " + WEAKNESSES[0] in body


def test_a_new_inspection_id_never_reuses_one_in_the_imported_history(
    people: dict[str, Person], rotherham: LocalArea
) -> None:
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())  # Rotherham's history has "rotherham-2024"
    planned = s.do_plan_inspection(
        people["planner"].user,
        area=rotherham,
        kind=InspectionKind.FULL,
        framework=Framework.F2023,
        planned_week=D(2024, 12, 2),
    )
    assert planned.reference == "rotherham-2024-2"
    assert planned.status == Inspection.Status.PLANNED
    assert not HistoryEvent.objects.filter(inspection=planned.reference).exists()
