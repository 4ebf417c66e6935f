"""required_plans(): every plan each letter of an area's history required, with its due
dates and the steps the history records, on the worked examples' histories."""

import datetime as dt
from pathlib import Path

import pytest

from areasend.framework.evaluate import evaluate, required_plans
from areasend.framework.events import Event, EventType, HistoryError, PlanKind
from areasend.framework.history import parse_history

D = dt.date
HISTORIES = Path(__file__).resolve().parents[2] / "areasend" / "areas" / "data" / "histories"


def history(name: str) -> list[Event]:
    return parse_history((HISTORIES / f"{name}.jsonl").read_text(encoding="utf-8"))


def test_southend_lists_its_2018_wsoa_its_2021_app_and_its_2023_strategic_plan():
    found = required_plans(history("southend"), D(2026, 12, 1))
    assert [(p.inspection, p.kind, p.letter, p.required_on) for p in found] == [
        ("southend-2018", PlanKind.WSOA, "southend-2018", D(2018, 12, 12)),
        ("southend-2018", PlanKind.ACCELERATED_PROGRESS_PLAN, "southend-revisit-2021",
         D(2021, 6, 22)),
        ("southend-2023", PlanKind.STRATEGIC_PLAN, "southend-2023", D(2023, 6, 9)),
    ]  # fmt: skip
    wsoa = found[0]
    assert wsoa.superseded_on == D(2023, 2, 20) and not wsoa.recorded
    assert wsoa.answers == ("joint commissioning and strategic leadership",)
    # OF-WSOA-3: 70 working days from the letter's publication, over Christmas.
    submit = next(o for o in wsoa.due if o.rule == "OF-WSOA-3")
    assert submit.due == D(2019, 3, 25) and submit.met_on is None


def test_a_recorded_plan_shows_its_steps_and_meets_its_due_date():
    events = [
        *history("southend"),
        Event(date=D(2019, 3, 20), type=EventType.PLAN_SUBMITTED, area="E06000033",
              inspection="southend-2018", plan=PlanKind.WSOA),
        Event(date=D(2019, 4, 10), type=EventType.PLAN_JUDGED, area="E06000033",
              inspection="southend-2018", plan=PlanKind.WSOA, fit=True),
    ]  # fmt: skip
    wsoa = required_plans(events, D(2026, 12, 1))[0]
    assert wsoa.recorded and wsoa.submitted == (D(2019, 3, 20),)
    assert wsoa.judged == ((D(2019, 4, 10), True),)
    assert next(o for o in wsoa.due if o.rule == "OF-WSOA-3").met_on == D(2019, 3, 20)
    assert any(o.rule == "OF-WSOA-7" for o in wsoa.due)  # publication is due once judged fit


def test_rotherhams_2021_wsoa_is_recorded_and_medways_app_answers_the_three_left():
    rotherham = required_plans(history("rotherham"), D(2026, 12, 1))
    wsoa = next(p for p in rotherham if p.kind is PlanKind.WSOA)
    assert wsoa.inspection == "rotherham-2021" and wsoa.recorded
    assert wsoa.judged == ((D(2022, 1, 28), True),)
    medway = required_plans(history("medway"), D(2026, 12, 1))
    app = next(p for p in medway if p.kind is PlanKind.ACCELERATED_PROGRESS_PLAN)
    assert app.letter == "medway-revisit-2019" and app.required_on == D(2020, 2, 19)
    # What the revisit found insufficient, though all three are released by now.
    assert len(app.answers) == 3 and app.answers[-1].startswith("the quality of education")
    assert [o.rule for o in app.due] == ["RV-12"]


def test_no_plan_before_the_letter_is_published():
    events = [e for e in history("medway") if e.date <= D(2018, 1, 1)]
    assert required_plans(events, D(2018, 1, 1)) == []


def test_a_plan_step_dated_after_the_next_full_inspection_is_notified_is_refused():
    late = Event(date=D(2023, 7, 3), type=EventType.PLAN_PUBLISHED, area="E06000033",
                 inspection="southend-2018", plan=PlanKind.WSOA, line=99)  # fmt: skip
    with pytest.raises(HistoryError) as error:
        evaluate([*history("southend"), late], D(2026, 12, 1))
    assert [p.line for p in error.value.problems] == [99]
    assert "latest full inspection is 'southend-2023'" in error.value.problems[0].message
