"""Writing histories: one transaction, refused whole when the rules forbid a step, idempotent."""

import datetime as dt

import pytest

from areasend.areas.event_log import area_status, do_import_history, stored_events
from areasend.areas.models import HistoryEvent, LocalArea
from areasend.framework.events import EventType, HistoryError

pytestmark = pytest.mark.django_db

LINES = [
    '{"area": "Bristol, City of", "date": "2019-03-25", "event": "inspection_notified", "inspection": "b", "kind": "full", "framework": "2016"}',
    '{"area": "Bristol", "date": "2019-04-01", "event": "fieldwork_started", "inspection": "b"}',
    '{"area": "E06000023", "date": "2019-04-05", "event": "fieldwork_ended", "inspection": "b"}',
]  # fmt: skip


def test_names_and_codes_are_stored_against_one_resolved_area():
    result = do_import_history("\n".join(LINES), source="test")
    assert result.added == 3
    assert result.areas == ("E06000023",)
    bristol = LocalArea.objects.get(gss_code="E06000023")
    assert [e.type for e in stored_events(bristol) if e.area] == [
        EventType.INSPECTION_NOTIFIED,
        EventType.FIELDWORK_STARTED,
        EventType.FIELDWORK_ENDED,
    ]


def test_importing_the_same_history_twice_changes_nothing():
    do_import_history("\n".join(LINES))
    again = do_import_history("\n".join(LINES))
    assert (again.added, again.unchanged) == (0, 3)
    assert HistoryEvent.objects.count() == 3


def test_a_forbidden_step_stores_nothing_at_all():
    do_import_history("\n".join(LINES[:1]))
    before = list(HistoryEvent.objects.values_list("pk", "event"))
    bad_end = LINES[2].replace("2019-04-05", "2019-03-29")  # ends before it started
    with pytest.raises(HistoryError) as caught:
        do_import_history("\n".join([*LINES[1:2], bad_end]))
    assert caught.value.problems[0].line == 2
    assert list(HistoryEvent.objects.values_list("pk", "event")) == before


def test_a_malformed_line_stores_nothing():
    with pytest.raises(HistoryError):
        do_import_history("\n".join([*LINES, "{not json"]))
    assert HistoryEvent.objects.count() == 0


def test_status_of_a_stored_history_comes_from_the_engine():
    do_import_history("\n".join(LINES))
    status = area_status(LocalArea.objects.get(gss_code="E06000023"), dt.date(2019, 4, 8))
    assert status.state
    assert any(o.rule == "OF-LET-5" for o in status.obligations)


def test_a_deployment_override_of_a_framework_parameter_reaches_the_engine(settings):
    do_import_history("\n".join(LINES))
    bristol = LocalArea.objects.get(gss_code="E06000023")

    def letter_due() -> dt.date:
        status = area_status(bristol, dt.date(2019, 4, 8))
        return next(o.due for o in status.obligations if o.rule == "OF-LET-5")

    # 33 working days after Fri 5 Apr 2019, skipping Easter and both May bank holidays
    assert letter_due() == dt.date(2019, 5, 28)
    settings.AREASEND_FRAMEWORK_OVERRIDES = {"letter.publication_target_wd": 40}
    assert letter_due() == dt.date(2019, 6, 6)


def test_an_unknown_override_is_refused_by_name(settings):
    settings.AREASEND_FRAMEWORK_OVERRIDES = {"letter.publication_target_days": 40}
    with pytest.raises(ValueError, match=r"letter\.publication_target_days"):
        do_import_history("\n".join(LINES))
