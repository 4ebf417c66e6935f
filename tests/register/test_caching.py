"""Public pages are cached only while their data is unchanged, and never for staff."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from areasend.areas.history import do_import_history

pytestmark = pytest.mark.django_db
LETTER = (
    '{"area": "Kent", "date": "2019-01-21", "event": "inspection_notified", "inspection": "k", "kind": "full", "framework": "2016"}\n'
    '{"area": "Kent", "date": "2019-01-28", "event": "fieldwork_started", "inspection": "k"}\n'
)  # fmt: skip
MORE = '{"area": "Kent", "date": "2019-02-01", "event": "fieldwork_ended", "inspection": "k"}\n'


def test_a_repeat_visit_is_served_from_the_cache_with_one_query(
    client: Client, django_assert_num_queries: object
) -> None:
    do_import_history(LETTER)
    first = client.get("/areas/kent/")
    with django_assert_num_queries(1):  # type: ignore[operator]
        again = client.get("/areas/kent/")
    assert again.content == first.content


def test_a_new_event_shows_at_once(client: Client) -> None:
    do_import_history(LETTER)
    before = client.get("/areas/kent/").content.decode()
    assert "finished their work" not in before
    do_import_history(MORE)
    assert "finished their work" in client.get("/areas/kent/").content.decode()


def test_signed_in_staff_are_never_served_a_cached_page(client: Client) -> None:
    do_import_history(LETTER)
    client.get("/areas/kent/")
    client.force_login(User.objects.create_user("staff", password="x" * 12))
    assert "Sign out staff" in client.get("/areas/kent/").content.decode()
