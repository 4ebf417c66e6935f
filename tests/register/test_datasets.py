"""How the datasets combine the event log with Ofsted's official table."""

import datetime as dt

import pytest

from areasend.areas.event_log import do_import_history
from areasend.areas.models import LocalArea, OfficialInspectionRecord
from areasend.register.datasets import inspection_rows
from areasend.register.rows import InspectionRow

pytestmark = pytest.mark.django_db

HISTORY = "\n".join(
    [
        '{"area": "Essex", "date": "2019-09-23", "event": "inspection_notified", "inspection": "e", "kind": "full", "framework": "2016"}',
        '{"area": "Essex", "date": "2019-09-30", "event": "fieldwork_started", "inspection": "e"}',
        '{"area": "Essex", "date": "2019-10-04", "event": "fieldwork_ended", "inspection": "e"}',
        '{"area": "Essex", "date": "2019-12-23", "event": "letter_published", "inspection": "e", "outcome": "wsoa", "weaknesses": ["Joint commissioning"]}',
        '{"area": "Essex", "date": "2022-05-03", "event": "inspection_notified", "inspection": "r", "kind": "revisit", "framework": "2016"}',
        '{"area": "Essex", "date": "2022-05-17", "event": "fieldwork_started", "inspection": "r"}',
        '{"area": "Essex", "date": "2022-05-19", "event": "fieldwork_ended", "inspection": "r"}',
        '{"area": "Essex", "date": "2022-07-27", "event": "letter_published", "inspection": "r"}',
        '{"area": "Essex", "date": "2022-07-27", "event": "progress_judged", "inspection": "r", "weakness": "Joint commissioning", "sufficient": false}',
    ]
)  # fmt: skip


def official(area: LocalArea, inspection: str, kind: str, **fields: object) -> None:
    OfficialInspectionRecord.objects.create(
        area=area, inspection=inspection, framework="2016", kind=kind,
        start_date=dt.date(2019, 9, 30), source="test", **fields,
    )  # fmt: skip


@pytest.fixture
def essex() -> LocalArea:
    do_import_history(HISTORY)
    return LocalArea.objects.get(name="Essex")


def rows(area: LocalArea) -> dict[str, InspectionRow]:
    return {r.inspection: r for r in inspection_rows(area)}


def test_events_alone_give_the_result_and_count(essex):
    r = rows(essex)
    assert (r["r"].revisit_result, r["r"].sufficient_count, r["r"].insufficient_count) == (
        "none",
        0,
        1,
    )
    assert (r["e"].weakness_count, r["e"].weaknesses_worded) == (1, 1)
    assert r["e"].working_days_to_publication == 56


def test_the_official_table_wins_where_the_events_are_partial(essex):
    official(essex, "e", "full", outcome="wsoa", weakness_count=3)
    official(essex, "r", "revisit", revisit_result="some", sufficient_count=2, insufficient_count=1)
    r = rows(essex)
    assert (r["r"].revisit_result, r["r"].sufficient_count, r["r"].insufficient_count) == (
        "some",
        2,
        1,
    )
    assert (r["e"].weakness_count, r["e"].weaknesses_worded) == (3, 1)


def test_complete_events_win_over_the_official_table(essex):
    official(essex, "r", "revisit", revisit_result="all", sufficient_count=1, insufficient_count=0)
    assert rows(essex)["r"].revisit_result == "none"


def test_an_inspection_only_the_table_knows_is_listed(essex):
    official(essex, "e-2016", "full", outcome="no_wsoa", publication_date=dt.date(2016, 12, 1))
    r = rows(essex)["e-2016"]
    assert (r.kind, r.outcome, r.year, r.weakness_count) == ("full", "no_wsoa", 2016, 0)
