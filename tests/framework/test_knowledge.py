"""What a record knows: overdue only where the record would hold the step (ADR 0029)."""

import dataclasses
import datetime as dt

from areasend.framework.evaluate import STATES, UNRECORDED_LABELS, evaluate
from areasend.framework.events import Event, EventType, Framework, Outcome
from areasend.framework.knowledge import Known, Record, Standing, record_of, standing
from areasend.framework.status import AreaStatus, Obligation
from tests.framework.test_evaluate import KENT, NOTTS, ev, notified, published

D = dt.date
E = EventType
TABLE = "Ofsted official statistics, area SEND inspections 2016 to 2022"


def sourced(events: list[Event], source: str) -> list[Event]:
    return [dataclasses.replace(e, source=source) for e in events]


def one(status: AreaStatus, rule: str) -> Obligation:
    (found,) = [o for o in status.obligations if o.rule == rule]
    return found


def test_casework_sources_make_the_system_the_record_and_every_other_source_published_only():
    assert record_of("casework:SEND-2026-0001") is Record.CASEWORK
    assert record_of(None) is Record.CASEWORK  # built by the caller, who vouches for it
    for source in (TABLE, "kent.jsonl", "api:lead", "letter x.pdf (sha256 0123)", "https://x"):
        assert record_of(source) is Record.PUBLISHED, source


def test_standing_tells_late_from_on_time_and_overdue_from_not_recorded():
    due, today = D(2020, 1, 10), D(2021, 1, 1)
    assert standing(due, D(2020, 1, 10), today, Known.CASEWORK, Record.PUBLISHED) is Standing.DONE
    assert standing(due, D(2020, 1, 11), today, Known.CASEWORK, Record.PUBLISHED) is Standing.LATE
    assert standing(due, None, D(2020, 1, 10), Known.CASEWORK, Record.PUBLISHED) is Standing.DUE
    assert standing(due, None, today, Known.PUBLISHED, Record.PUBLISHED) is Standing.OVERDUE
    assert standing(due, None, today, Known.CASEWORK, Record.CASEWORK) is Standing.OVERDUE
    assert standing(due, None, today, Known.CASEWORK, Record.PUBLISHED) is Standing.NOT_RECORDED
    assert standing(due, None, today, Known.PRIVATE, Record.PUBLISHED) is Standing.NOT_RECORDED


def test_a_wsoa_missing_from_a_published_record_is_not_recorded_not_overdue():
    status = evaluate(sourced(KENT, TABLE), D(2026, 1, 1))
    wsoa = one(status, "OF-WSOA-3")
    assert (wsoa.due, wsoa.standing, wsoa.overdue) == (D(2019, 7, 11), Standing.NOT_RECORDED, False)
    assert status.state == "wsoa_due"
    assert status.state_label == UNRECORDED_LABELS["wsoa_due"][1]
    assert "must send" not in status.state_label


def test_the_same_wsoa_missing_from_casework_is_overdue_and_the_area_must_send_it():
    status = evaluate(sourced(KENT, "casework:SEND-2019-0001"), D(2026, 1, 1))
    wsoa = one(status, "OF-WSOA-3")
    assert (wsoa.standing, wsoa.overdue) == (Standing.OVERDUE, True)
    assert status.state_label == STATES["wsoa_due"]


def test_before_its_deadline_a_published_record_still_says_the_wsoa_is_due():
    status = evaluate(sourced(KENT, TABLE), D(2019, 4, 1))
    assert one(status, "OF-WSOA-3").standing is Standing.DUE
    assert status.state_label == STATES["wsoa_due"]


def test_a_letter_missing_from_a_published_record_is_overdue_ofsted_publishes_every_letter():
    history = sourced(KENT[:3], TABLE)
    letter = one(evaluate(history, D(2019, 6, 1)), "OF-LET-5")
    assert (letter.standing, letter.overdue) == (Standing.OVERDUE, True)


def test_a_late_letter_is_late_by_the_days_between_due_and_done():
    medway = [
        notified(D(2017, 11, 27), "m"),
        ev(D(2017, 12, 4), E.FIELDWORK_STARTED, "m"),
        ev(D(2017, 12, 8), E.FIELDWORK_ENDED, "m"),
        published(D(2018, 2, 8), "m", Outcome.WSOA, ("leadership",)),
    ]
    letter = one(evaluate(sourced(medway, TABLE), D(2018, 3, 1)), "OF-LET-5")
    assert (letter.due, letter.met_on) == (D(2018, 1, 29), D(2018, 2, 8))
    assert (letter.standing, letter.late_days) == (Standing.LATE, 10)
    assert letter.to_json()["late_days"] == 10


def test_a_strategic_plan_a_published_record_does_not_hold_is_not_recorded():
    plan = one(evaluate(sourced(NOTTS, TABLE), D(2026, 1, 1)), "NF-PLAN-1")
    assert (plan.standing, plan.overdue) == (Standing.NOT_RECORDED, False)
    assert one(evaluate(sourced(NOTTS, "casework:n"), D(2026, 1, 1)), "NF-PLAN-1").overdue


def test_a_priority_action_plan_missing_from_a_published_record_changes_the_headline():
    status = evaluate(sourced(NOTTS, TABLE), D(2026, 1, 1))
    assert status.state == "pap_due"
    assert status.state_label == UNRECORDED_LABELS["pap_due"][1]


def test_engagement_meetings_are_never_public_and_known_only_to_casework():
    history = [
        notified(D(2023, 1, 16), "n", framework=Framework.F2023),
        ev(D(2023, 1, 30), E.FIELDWORK_STARTED, "n"),
        ev(D(2023, 2, 3), E.FIELDWORK_ENDED, "n"),
        published(D(2023, 5, 16), "n", Outcome.POSITIVE),
    ]
    for source, expected in ((TABLE, Standing.NOT_RECORDED), ("casework:n", Standing.OVERDUE)):
        status = evaluate(sourced(history, source), D(2026, 1, 1))
        meetings = [o for o in status.obligations if o.rule == "NF-ENG-1"]
        assert meetings and all(not o.public for o in meetings)
        assert {o.standing for o in meetings if o.met_on is None} == {expected}
        assert not [o for o in status.public_obligations if o.rule == "NF-ENG-1"]


def test_public_upcoming_holds_only_what_the_record_can_vouch_for():
    status = evaluate(sourced(KENT, TABLE), D(2026, 1, 1))
    upcoming = status.public_upcoming
    assert all(o.standing in (Standing.DUE, Standing.OVERDUE) and o.public for o in upcoming)
    assert "OF-WSOA-3" not in {o.rule for o in upcoming}


def test_fieldwork_after_the_earliest_day_is_not_late_the_notice_sets_no_deadline():
    history = [
        notified(D(2024, 9, 16), "r", framework=Framework.F2023),
        ev(D(2024, 9, 30), E.FIELDWORK_STARTED, "r"),
    ]
    begin = one(evaluate(sourced(history, TABLE), D(2024, 10, 1)), "NF-NOT-2")
    assert (begin.due, begin.met_on) == (D(2024, 9, 26), D(2024, 9, 30))
    assert (begin.standing, begin.late_days) == (Standing.DONE, None)
