"""Public pages are cached only while their data is unchanged, and never for staff."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from areasend.areas.event_log import do_import_history
from areasend.register import caching

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


def test_a_cached_answer_carries_the_same_headers_as_a_fresh_one_but_its_own_request_id(
    client: Client,
) -> None:
    do_import_history(LETTER)
    fresh = client.get("/areas/kent/")
    cached = client.get("/areas/kent/")
    assert cached.content == fresh.content
    for name in ("Content-Security-Policy", "X-Frame-Options", "Content-Type", "Vary"):
        assert cached[name] == fresh[name]
    assert cached["X-Request-ID"] != fresh["X-Request-ID"]


def test_a_host_outside_allowed_hosts_is_refused_even_for_a_cached_page(
    client: Client, settings: object
) -> None:
    settings.ALLOWED_HOSTS = ["testserver"]  # type: ignore[attr-defined]
    client.get("/areas/kent/")
    assert client.get("/areas/kent/", HTTP_HOST="evil.example").status_code == 400


def test_within_the_reuse_window_a_process_reads_the_data_version_once(
    client: Client, settings: object, monkeypatch: pytest.MonkeyPatch,
    django_assert_num_queries: object,
) -> None:  # fmt: skip
    settings.AREASEND_DATA_STATE_SECONDS = 1  # type: ignore[attr-defined]
    clock = [1000.0]
    monkeypatch.setattr(caching, "_clock", lambda: clock[0])
    monkeypatch.setattr(caching, "_recent", caching._Recent())
    do_import_history(LETTER)
    client.get("/areas/kent/")
    with django_assert_num_queries(0):  # type: ignore[operator]
        client.get("/areas/kent/")
    do_import_history(MORE)
    clock[0] += 0.5
    assert "finished their work" not in client.get("/areas/kent/").content.decode()
    clock[0] += 0.6
    assert "finished their work" in client.get("/areas/kent/").content.decode()


@pytest.mark.parametrize(("sets_cookie", "views_run"), [(False, 1), (True, 2)])
def test_an_answer_that_sets_a_cookie_is_not_stored(sets_cookie: bool, views_run: int) -> None:
    runs = []

    def view(request: HttpRequest) -> HttpResponse:
        runs.append(request)
        caching.data_state(request)
        response = HttpResponse("page")
        response.areasend_public = True  # type: ignore[attr-defined]
        if sets_cookie:
            response.set_cookie("csrftoken", "each visitor's own")
        return response

    middleware = caching.PublicPageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(RequestFactory().get("/areas/kent/"))
        assert isinstance(response, HttpResponse) and response.content == b"page"
    assert len(runs) == views_run


def test_a_visitor_with_a_session_cookie_gets_a_fresh_page(
    client: Client, settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.AREASEND_DATA_STATE_SECONDS = 60  # type: ignore[attr-defined]
    monkeypatch.setattr(caching, "_clock", lambda: 1000.0)
    monkeypatch.setattr(caching, "_recent", caching._Recent())
    do_import_history(LETTER)
    client.get("/areas/kent/")
    do_import_history(MORE)
    assert "finished their work" not in client.get("/areas/kent/").content.decode()
    client.cookies[settings.SESSION_COOKIE_NAME] = "an ended session"  # type: ignore[attr-defined]
    assert "finished their work" in client.get("/areas/kent/").content.decode()


def test_a_query_parameter_the_page_does_not_read_still_hits_the_cache(
    client: Client, django_assert_num_queries: object
) -> None:
    do_import_history(LETTER)
    first = client.get("/areas/kent/")
    with django_assert_num_queries(1):  # type: ignore[operator]
        tagged = client.get("/areas/kent/?utm_source=newsletter&fbclid=abc")
    assert tagged.content == first.content


def test_the_area_list_is_keyed_on_the_filters_it_reads_in_any_order(
    client: Client, django_assert_num_queries: object
) -> None:
    do_import_history(LETTER)
    first = client.get("/areas/?region=South+East&q=kent")
    with django_assert_num_queries(1):  # type: ignore[operator]
        again = client.get("/areas/?q=kent&utm_campaign=x&region=South+East")
    assert again.content == first.content
    other = client.get("/areas/?q=leeds")
    assert other.content != first.content


def test_an_api_read_keeps_its_whole_query_string_in_the_key(client: Client) -> None:
    do_import_history(LETTER)
    request = RequestFactory().get("/api/areas?limit=1&offset=2")
    assert caching._keyed_path(request) == "/api/areas?limit=1&offset=2"
