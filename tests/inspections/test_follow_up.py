"""Revisits (2016) and monitoring inspections (2023): progress judged weakness by weakness, the
letter that states it, and what the framework makes of it once published."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from areasend.accounts.models import AuditEntry, Person
from areasend.areas.event_log import area_status
from areasend.areas.models import HistoryEvent
from areasend.casework.errors import CaseworkError
from areasend.framework.evaluate import follow_up
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.framework.history import parse_history
from areasend.inspections import services as s
from areasend.inspections.follow_up import follow_up_of, weaknesses_to_judge
from areasend.inspections.models import Inspection, Letter, ProgressJudgement
from areasend.inspections.outcome_letter import blocks, draft_body
from areasend.letters.parsers import parse
from tests.inspections.follow_ups import (
    HISTORIES,
    MEDWAY_INSUFFICIENT,
    MEDWAY_WEAKNESSES,
    NOTTS_PRIORITIES,
    publish_full,
)
from tests.letters.synthetic import DIRECTORY

D = dt.date


def _counts() -> tuple[int, int, int, int]:
    return (
        HistoryEvent.objects.count(),
        ProgressJudgement.objects.count(),
        AuditEntry.objects.count(),
        Letter.objects.count(),
    )


def _judge_all(
    lead: Any, inspection: Inspection, weaknesses: tuple[str, ...], insufficient: frozenset[str]
) -> None:
    for weakness in weaknesses:
        sufficient = weakness not in insufficient
        s.do_judge_progress(
            lead,
            inspection,
            weakness=weakness,
            sufficient=sufficient,
            commentary="Leaders have acted since the inspection."
            if sufficient
            else "Too little has changed for families.",
        )


def _reviewed_letter(lead: Any, inspection: Inspection) -> Letter:
    letter = s.do_draft_letter(lead, inspection)
    return s.do_revise_letter(lead, letter, body=letter.body, version=letter.version, reviewed=True)


def _as_published_text(body: str) -> str:
    """The letter as the importer reads a published one: paragraphs, bullets as '• '."""
    out: list[str] = []
    for block in blocks(body):
        if block.kind in ("ul", "ol"):
            out += [f"• {item}" for item in block.items]
        else:
            out.append(block.text)
    return "\n\n".join(out) + "\n"


# -- Medway's revisit ---------------------------------------------------------------------------


def test_the_revisit_judges_the_eight_weaknesses_of_medways_2017_letter(
    medway_revisited: Inspection,
) -> None:
    found = follow_up_of(medway_revisited)
    assert found is not None
    assert len(found.judges) == 8
    assert found.judges == MEDWAY_WEAKNESSES
    assert found.full == "medway-2017"
    assert found.full_published == D(2018, 2, 8)
    assert medway_revisited.proposed_onsite_start == D(2019, 12, 9)
    assert medway_revisited.proposed_onsite_end == D(2019, 12, 11)


def test_medway_five_sufficient_three_not_publishes_eight_judgements_and_puts_the_area_on_an_app(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    _judge_all(lead, medway_revisited, MEDWAY_WEAKNESSES, MEDWAY_INSUFFICIENT)
    _reviewed_letter(lead, medway_revisited)
    s.do_publish_letter(lead, medway_revisited, dated=D(2020, 1, 10), published_on=D(2020, 2, 19))

    rows = HistoryEvent.objects.filter(inspection=medway_revisited.reference)
    judged = [r for r in rows if r.event == "progress_judged"]
    assert [r.fields["weakness"] for r in judged] == list(MEDWAY_WEAKNESSES)
    assert {r.date for r in judged} == {D(2020, 2, 19)}
    assert sum(r.fields["sufficient"] for r in judged) == 5
    assert {r.fields["weakness"] for r in judged if not r.fields["sufficient"]} == (
        MEDWAY_INSUFFICIENT
    )
    assert rows.filter(event="letter_published", date=D(2020, 2, 19)).count() == 1

    status = area_status(medway_revisited.area)
    assert status.state == "app_monitoring"
    due = {(o.rule, o.what): o for o in status.open_obligations}
    app = due[("RV-12", "Publish an accelerated progress plan")]
    review = due[("RV-12", "DfE and NHS England progress review meeting")]
    # RV-12: within 6 months of the revisit letter; the pause does not stop the area's or
    # DfE's clocks (covid.stopped_clocks = inspectorate).
    assert app.due == review.due == D(2020, 8, 19)
    assert app.inspection == review.inspection == medway_revisited.reference
    assert app.overdue and review.overdue  # nothing recorded since, and today is 2026


def test_all_sufficient_ends_formal_monitoring_with_no_app(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    _judge_all(lead, medway_revisited, MEDWAY_WEAKNESSES, frozenset())
    _reviewed_letter(lead, medway_revisited)
    s.do_publish_letter(lead, medway_revisited, dated=D(2020, 1, 10), published_on=D(2020, 2, 19))
    status = area_status(medway_revisited.area)
    assert status.state == "released"  # RV-11
    assert not [o for o in status.obligations if o.rule == "RV-12"]


def test_the_revisit_letter_states_each_weakness_and_reads_back_through_the_importer(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    _judge_all(lead, medway_revisited, MEDWAY_WEAKNESSES, MEDWAY_INSUFFICIENT)
    body = s.do_draft_letter(lead, medway_revisited).body
    assert "## Joint local area SEND revisit in Medway" in body
    assert "Between 9 December 2019 and 11 December 2019" in body
    assert "letter published on 8 February 2018" in body
    assert "sufficient progress in addressing five of the eight significant weaknesses" in body
    assert body.count("The area has made sufficient progress in addressing this") == 5
    assert body.count("The area has not made sufficient progress in addressing this") == 3
    record = parse(_as_published_text(body), DIRECTORY)
    assert record.area_code.value == "E06000035"
    assert record.weakness_count.value == 8
    read = {p.value.weakness: p.value.sufficient for p in record.progress if p.value}
    assert read == {w: w not in MEDWAY_INSUFFICIENT for w in MEDWAY_WEAKNESSES}


def test_publishing_is_refused_until_every_weakness_is_judged_and_changes_nothing(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    _judge_all(lead, medway_revisited, MEDWAY_WEAKNESSES[:7], frozenset())
    before = _counts()
    with pytest.raises(CaseworkError, match=r"RV-9: Record progress on every .* 1 of 8"):
        s.do_draft_letter(lead, medway_revisited)
    with pytest.raises(CaseworkError, match=r"RV-9: Record progress on every .* 1 of 8"):
        s.do_publish_letter(
            lead, medway_revisited, dated=D(2020, 1, 10), published_on=D(2020, 2, 19)
        )
    assert _counts() == before
    medway_revisited.refresh_from_db()
    assert medway_revisited.status == Inspection.Status.AWAITING_LETTER


def test_a_weakness_the_full_letter_does_not_list_is_refused_and_changes_nothing(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    before = _counts()
    with pytest.raises(CaseworkError, match="RV-9: 'co-production' is not one of") as caught:
        s.do_judge_progress(
            people["lead"].user, medway_revisited, weakness="co-production",
            sufficient=True, commentary="Better.",
        )  # fmt: skip
    assert caught.value.field == "weakness"
    assert _counts() == before


def test_only_the_revisits_lead_judges(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    before = _counts()
    for name in ("cqc", "inspector", "planner", "medway", "admin"):
        with pytest.raises(PermissionDenied):
            s.do_judge_progress(
                people[name].user, medway_revisited, weakness=MEDWAY_WEAKNESSES[0],
                sufficient=True, commentary="Better.",
            )  # fmt: skip
    assert _counts() == before


def test_a_full_inspection_has_no_progress_to_judge(
    notified: Inspection, people: dict[str, Person]
) -> None:
    before = _counts()
    with pytest.raises(CaseworkError, match="A full inspection has no progress to judge"):
        s.do_judge_progress(
            people["lead"].user, notified, weakness="anything", sufficient=True, commentary="x"
        )
    assert _counts() == before


def test_judgements_cannot_change_once_the_letter_is_published(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    _judge_all(lead, medway_revisited, MEDWAY_WEAKNESSES, MEDWAY_INSUFFICIENT)
    _reviewed_letter(lead, medway_revisited)
    s.do_publish_letter(lead, medway_revisited, dated=D(2020, 1, 10), published_on=D(2020, 2, 19))
    before = _counts()
    with pytest.raises(CaseworkError, match="The letter is published"):
        s.do_judge_progress(
            lead, medway_revisited, weakness=MEDWAY_WEAKNESSES[0], sufficient=True,
            commentary="Changed my mind.",
        )  # fmt: skip
    assert _counts() == before


def test_rejudging_raises_the_version_refuses_a_stale_form_and_sends_the_letter_back_to_draft(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    _judge_all(lead, medway_revisited, MEDWAY_WEAKNESSES, MEDWAY_INSUFFICIENT)
    letter = _reviewed_letter(lead, medway_revisited)
    assert letter.status == Letter.Status.REVIEWED
    weakness = MEDWAY_WEAKNESSES[0]
    judgement = s.do_judge_progress(
        lead, medway_revisited, weakness=weakness, sufficient=True,
        commentary="On reflection, enough.", version=1,
    )  # fmt: skip
    assert (judgement.version, judgement.sufficient) == (2, True)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DRAFT and letter.reviewed_by is None
    before = _counts()
    with pytest.raises(CaseworkError, match="Tom Hartley judged this weakness"):
        s.do_judge_progress(
            lead, medway_revisited, weakness=weakness, sufficient=False,
            commentary="Stale form.", version=1,
        )  # fmt: skip
    assert _counts() == before
    assert ProgressJudgement.objects.get(pk=judgement.pk).sufficient is True
    with pytest.raises(CaseworkError, match="mark it reviewed"):
        s.do_publish_letter(
            lead, medway_revisited, dated=D(2020, 1, 10), published_on=D(2020, 2, 19)
        )


def test_a_judgement_says_what_inspectors_found(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    with pytest.raises(CaseworkError, match="Say what inspectors found") as caught:
        s.do_judge_progress(
            people["lead"].user, medway_revisited, weakness=MEDWAY_WEAKNESSES[0],
            sufficient=True, commentary="  ",
        )  # fmt: skip
    assert caught.value.field == "commentary"
    assert not ProgressJudgement.objects.exists()


# -- Nottinghamshire's monitoring inspection (2023) ---------------------------------------------


def test_nottinghamshire_monitoring_judges_its_two_areas_for_priority_action(
    notts_monitoring: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    with pytest.raises(CaseworkError, match="NF-MON-2: Record progress on every area for prio"):
        s.do_draft_letter(lead, notts_monitoring)
    _judge_all(lead, notts_monitoring, NOTTS_PRIORITIES, frozenset())
    body = _reviewed_letter(lead, notts_monitoring).body
    assert "## Area SEND monitoring inspection of Nottinghamshire Local Area Partnership" in body
    assert "Inspection dates: 14 July 2025 to 16 July 2025" in body
    assert "## Areas for priority action" in body
    assert (
        body.count(
            "The local area partnership has made sufficient progress in addressing this area for "
            "priority action."
        )
        == 2
    )
    assert "significant weakness" not in body  # the 2023 wording throughout
    record = parse(_as_published_text(body), DIRECTORY)
    assert record.area_code.value == "E10000024"
    assert [(p.value.weakness, p.value.sufficient) for p in record.progress if p.value] == [
        (w, True) for w in NOTTS_PRIORITIES
    ]

    s.do_publish_letter(lead, notts_monitoring, dated=D(2025, 9, 9), published_on=D(2025, 9, 16))
    judged = HistoryEvent.objects.filter(
        inspection=notts_monitoring.reference, event="progress_judged"
    )
    assert [(e.fields["weakness"], e.fields["sufficient"], e.date) for e in judged] == [
        (w, True, D(2025, 9, 16)) for w in NOTTS_PRIORITIES
    ]
    status = area_status(notts_monitoring.area)
    assert status.state == "systemic_failings"  # the monitoring inspection has reported
    next_full = [o for o in status.open_obligations if o.rule == "NF-ACT-2"]
    assert len(next_full) == 1 and next_full[0].due == D(2026, 2, 3)


def test_a_monitoring_inspection_refuses_a_weakness_of_another_letter(
    notts_monitoring: Inspection, people: dict[str, Person]
) -> None:
    before = _counts()
    with pytest.raises(CaseworkError, match=r"NF-MON-2: .* areas for priority action"):
        s.do_judge_progress(
            people["lead"].user, notts_monitoring, weakness=MEDWAY_WEAKNESSES[0],
            sufficient=True, commentary="Better.",
        )  # fmt: skip
    assert _counts() == before


def test_a_2019_revisit_cannot_be_remote_nor_last_five_days(
    medway_revisit: Inspection, people: dict[str, Person]
) -> None:
    """RV-5: remote revisits only from April 2021; RV-4: two to four days on site."""
    lead = people["lead"].user
    before = _counts()
    with pytest.raises(CaseworkError, match="RV-5: remote revisits are allowed only from"):
        s.do_start_fieldwork(lead, medway_revisit, on=D(2019, 12, 9), remote=True)
    assert _counts() == before
    s.do_start_fieldwork(lead, medway_revisit, on=D(2019, 12, 9))
    before = _counts()
    with pytest.raises(CaseworkError, match="RV-4: a revisit lasts 2-4 days on site"):
        s.do_end_fieldwork(lead, medway_revisit, on=D(2019, 12, 13))
    assert _counts() == before


def test_a_2022_revisit_may_be_remote_and_the_history_says_so(
    notified: Inspection, people: dict[str, Person]
) -> None:
    """RV-5: from April 2021 a revisit may be carried out remotely; the flag is kept."""
    lead = people["lead"].user
    publish_full(
        lead, notified, started=D(2021, 7, 5), ended=D(2021, 7, 9),
        significant=("The quality of education, health and care plans",), outcome=Outcome.WSOA,
        dated=D(2021, 7, 12), published=D(2021, 8, 20),
    )  # fmt: skip
    revisit = s.do_create_inspection(
        lead, area=notified.area, kind=InspectionKind.REVISIT, framework=Framework.F2016,
        notified_on=D(2022, 2, 7), length_days=2,
    )  # fmt: skip
    assert (revisit.proposed_onsite_start, revisit.proposed_onsite_end) == (
        D(2022, 2, 21),
        D(2022, 2, 22),
    )
    s.do_start_fieldwork(lead, revisit, on=D(2022, 2, 21), remote=True)
    started = HistoryEvent.objects.get(inspection=revisit.reference, event="fieldwork_started")
    assert started.fields["remote"] is True
    assert follow_up_of(revisit) is not None
    assert weaknesses_to_judge(revisit) == ("The quality of education, health and care plans",)


def test_the_framework_reads_what_a_follow_up_judges_from_a_plain_history() -> None:
    """``evaluate.follow_up`` is pure: Medway's demo history, no database."""
    history = parse_history((HISTORIES / "medway.jsonl").read_text(encoding="utf-8"))
    found = follow_up(history, "medway-revisit-2019")
    assert found is not None
    assert (found.kind, found.full, found.full_published) == (
        InspectionKind.REVISIT,
        "medway-2017",
        D(2018, 2, 8),
    )
    assert found.judges == MEDWAY_WEAKNESSES
    assert {w for w, ok in found.judged.items() if not ok} == MEDWAY_INSUFFICIENT
    assert follow_up(history, "medway-2017") is None  # a full inspection follows nothing up
    assert follow_up(history, "no-such-inspection") is None


@pytest.mark.parametrize(
    ("drafted", "title"),
    [(dt.date(2020, 1, 10), "Her Majesty's"), (dt.date(2022, 9, 7), "Her Majesty's"),
     (dt.date(2022, 9, 8), "His Majesty's"), (dt.date(2023, 3, 1), "His Majesty's")],
)  # fmt: skip
def test_the_chief_inspectors_title_follows_the_sovereign_on_the_day_the_letter_is_drafted(
    medway_revisited: Inspection, drafted: dt.date, title: str
) -> None:
    body = draft_body(medway_revisited, on=drafted)
    assert f"{title} Chief Inspector (HMCI)" in body
    other = {"Her Majesty's", "His Majesty's"} - {title}
    assert other.pop() not in body
