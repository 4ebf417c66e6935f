"""Many areas' open obligations at once: what each area's status says, evaluated once per log
state."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from areasend.areas.event_log import area_status, do_import_history
from areasend.areas.models import LocalArea
from areasend.areas.statuses import open_obligations

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 3)
BRISTOL = [
    '{"area": "E06000023", "date": "2019-03-25", "event": "inspection_notified", "inspection": "b", "kind": "full", "framework": "2016"}',
    '{"area": "E06000023", "date": "2019-04-01", "event": "fieldwork_started", "inspection": "b"}',
    '{"area": "E06000023", "date": "2019-04-05", "event": "fieldwork_ended", "inspection": "b"}',
]  # fmt: skip


@pytest.fixture
def demo() -> None:
    call_command("load_demo", stdout=io.StringIO())


def test_each_areas_status_is_what_area_status_says(demo):
    areas = list(LocalArea.objects.filter(events__isnull=False).distinct())
    assert len(areas) >= 6
    found = open_obligations([a.pk for a in areas], TODAY)
    assert set(found) == {a.pk for a in areas}
    for area in areas:
        assert found[area.pk] == area_status(area, TODAY).open_obligations, area.name


def test_a_second_read_evaluates_nothing_and_reads_only_the_row_ids(
    demo, django_assert_num_queries
):
    ids = list(LocalArea.objects.filter(events__isnull=False).values_list("pk", flat=True))
    first = open_obligations(ids, TODAY)
    with django_assert_num_queries(1):
        assert open_obligations(ids, TODAY) == first


def test_a_new_event_is_seen_at_once_and_another_day_is_evaluated_afresh(db):
    bristol = LocalArea.objects.get(gss_code="E06000023")
    do_import_history("\n".join(BRISTOL[:1]))
    notified = open_obligations([bristol.pk], TODAY)[bristol.pk]
    do_import_history("\n".join(BRISTOL))
    ended = open_obligations([bristol.pk], TODAY)[bristol.pk]
    assert ended != notified
    assert ended == area_status(bristol, TODAY).open_obligations
    earlier = dt.date(2019, 4, 8)
    assert open_obligations([bristol.pk], earlier)[bristol.pk] == (
        area_status(bristol, earlier).open_obligations
    )


def test_an_area_without_a_history_of_its_own_owes_nothing(db):
    bristol = LocalArea.objects.get(gss_code="E06000023")
    assert open_obligations([bristol.pk], TODAY) == {}
