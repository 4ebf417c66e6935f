"""The watcher against a fake Ofsted site on loopback: what it imports, what it leaves,
how it asks, and how it fails."""

from __future__ import annotations

import datetime as dt

import pytest

from areasend.accounts.models import AuditEntry
from areasend.areas.models import HistoryEvent
from areasend.letters.models import LetterImport
from areasend.letters.record import LetterRecord
from areasend.watcher.client import PoliteClient
from areasend.watcher.models import SeenPublication, WatchRun
from areasend.watcher.service import do_watch_ofsted
from tests.watcher.conftest import FakeClock, ilacs, medway_letter
from tests.watcher.fake_ofsted import FakeOfsted, File, Provider

pytestmark = pytest.mark.django_db


def test_a_new_publication_lands_in_the_review_queue_with_its_address_type_and_date(
    site: FakeOfsted, client: PoliteClient
) -> None:
    events = HistoryEvent.objects.count()
    run = do_watch_ofsted(client=client)
    assert (run.status, run.imported, run.failed, run.seen) == ("succeeded", 1, 0, 1)
    letter = LetterImport.objects.get()
    assert letter.source_url == f"{site.base}/v1/file/50000001"
    assert letter.ofsted_file_id == "50000001"
    assert letter.publication_type == "Local area SEND inspection"
    assert letter.publication_date == dt.date(2018, 2, 5)
    assert letter.status == LetterImport.Status.NEEDS_REVIEW
    assert letter.area is not None and letter.area.name == "Medway"
    record = LetterRecord.from_json(letter.record)
    assert record.publication_date.value == dt.date(2018, 2, 5)
    assert not [p for p in record.problems if "listing" in p]
    # Nothing published: the history the register shows is as it was.
    assert HistoryEvent.objects.count() == events
    # The children's services report on the same page is not ours: never downloaded.
    assert "/v1/file/50000002" not in site.paths()
    assert SeenPublication.objects.get().letter == letter


def test_a_second_run_imports_nothing_and_asks_for_unchanged_pages_conditionally(
    site: FakeOfsted, client: PoliteClient
) -> None:
    do_watch_ofsted(client=client)
    first = len(site.requests)
    second = do_watch_ofsted(client=client)
    assert (second.status, second.imported, second.pages, second.unchanged_pages) == (
        "succeeded", 0, 0, 2,
    )  # fmt: skip
    asked = site.requests[first:]
    pages = [r for r in asked if r.path in ("/search", "/provider/44/80522")]
    assert len(pages) == 2
    for request in pages:
        assert request.headers.get("If-None-Match") and request.headers.get("If-Modified-Since")
        assert request.status == 304
    assert not [r for r in asked if r.path.startswith("/v1/file/")]
    assert LetterImport.objects.count() == 1


def test_every_listing_page_is_read(
    site: FakeOfsted, client: PoliteClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("areasend.watcher.service.ROWS", 2)
    site.providers += [
        Provider("80431", "Blackpool Council", [ilacs("50000011")]),
        Provider("80432", "Bolton Council", [ilacs("50000012")]),
    ]
    run = do_watch_ofsted(client=client)
    assert run.status == "succeeded"
    assert site.paths("/search") == ["/search", "/search"]
    assert set(site.paths("/provider/")) == {p.path for p in site.providers}


def test_a_listing_without_provider_links_fails_the_run_and_imports_nothing(
    site: FakeOfsted, client: PoliteClient
) -> None:
    site.pages["/search"] = '<html><body><div data-urn="80522">Medway Council</div></body></html>'
    run = do_watch_ofsted(client=client)
    assert run.status == "failed"
    assert "no provider links" in run.message and "/search" in run.message
    assert run.failed == 1
    assert site.paths("/provider/") == []
    assert LetterImport.objects.count() == 0


def test_a_provider_page_without_publication_links_fails_and_the_others_still_import(
    site: FakeOfsted, client: PoliteClient
) -> None:
    site.providers.append(Provider("80431", "Blackpool Council", []))
    site.pages["/provider/44/80431"] = (
        "<html><body><h1>Blackpool</h1><a href='/x'>x</a></body></html>"
    )
    run = do_watch_ofsted(client=client)
    assert run.status == "failed"
    assert "/provider/44/80431: no publication links (a.publication-link)" in run.message
    assert (run.imported, run.failed) == (1, 1)


def test_an_unreadable_date_fails_the_page_and_imports_nothing_from_it(
    site: FakeOfsted, client: PoliteClient
) -> None:
    medway = site.providers[0]
    medway.files.append(File("50000003", "Area SEND full inspection - spring 2025", b"%PDF-"))
    run = do_watch_ofsted(client=client)
    assert run.status == "failed"
    assert "/v1/file/50000003 has no date" in run.message
    assert "spring 2025" in run.message
    # The page's readable publication is not imported either: the page is not trusted.
    assert LetterImport.objects.count() == 0
    assert site.paths("/v1/file/") == []


def test_a_time_out_a_500_and_a_non_pdf_fail_with_their_reasons_and_are_tried_again(
    site: FakeOfsted, client: PoliteClient, clock: FakeClock
) -> None:
    site.providers[0].files = [
        File("50000021", "Area SEND full inspection - 2 April 2024", b"%PDF-slow"),
        File("50000022", "Area SEND full inspection - 3 April 2024", b"%PDF-broken"),
        File("50000023", "Area SEND monitoring inspection - 4 April 2024",
             b"<html>Sorry, this file is not available</html>", "text/html"),
        medway_letter(),
    ]  # fmt: skip
    site.delays["/v1/file/50000021"] = 1.0  # the client waits 0.5 s
    site.statuses["/v1/file/50000022"] = 500
    run = do_watch_ofsted(client=client)
    assert (run.status, run.imported, run.failed) == ("failed", 1, 3)
    assert "/v1/file/50000021: no answer within 0.5 s, 3 attempts" in run.message
    assert "/v1/file/50000022: the server answered 500" in run.message
    assert "/v1/file/50000023: not a PDF (text/html" in run.message
    # Each retried with backoff: three tries each, waiting 2 s then 4 s.
    assert site.paths("/v1/file/50000022") == ["/v1/file/50000022"] * 3
    assert [s for s in clock.sleeps if s >= 2] == [2.0, 4.0, 2.0, 4.0]
    # Not marked seen: the next run tries them again.
    assert set(SeenPublication.objects.values_list("file_id", flat=True)) == {"50000001"}
    del site.delays["/v1/file/50000021"]
    site.statuses.clear()
    again = do_watch_ofsted(client=client)
    assert again.failed == 1  # the non-PDF still is one
    assert set(SeenPublication.objects.values_list("file_id", flat=True)) == {
        "50000001", "50000021", "50000022",
    }  # fmt: skip


def test_robots_txt_is_honoured(site: FakeOfsted, client: PoliteClient) -> None:
    site.robots = "User-agent: *\nDisallow: /provider/\n"
    run = do_watch_ofsted(client=client)
    assert run.status == "failed"
    assert "robots.txt" in run.message and "disallows" in run.message
    assert site.paths("/provider/") == []
    assert LetterImport.objects.count() == 0


def test_requests_are_a_second_apart_and_say_who_is_asking(
    site: FakeOfsted, client: PoliteClient, clock: FakeClock
) -> None:
    do_watch_ofsted(client=client)
    # robots.txt, the listing, the provider page, the file: three waits of a second.
    assert len(site.requests) == 4
    assert clock.sleeps == [1.0, 1.0, 1.0]
    agents = {r.headers["User-Agent"] for r in site.requests}
    assert agents == {"areasend-watcher/1.0 (+https://areasend.example/contact)"}


def test_only_the_configured_site_is_fetched(site: FakeOfsted, client: PoliteClient) -> None:
    elsewhere = site.base.replace("127.0.0.1", "localhost")
    site.pages["/provider/44/80522"] = (
        f'<a class="publication-link" href="{elsewhere}/v1/file/50000031">'
        "Area SEND full inspection - 2 April 2024</a>"
    )
    run = do_watch_ofsted(client=client)
    assert "not on the configured Ofsted site" in run.message
    assert site.paths("/v1/file/") == []


def test_a_redirect_is_not_followed(site: FakeOfsted, client: PoliteClient) -> None:
    site.statuses["/v1/file/50000001"] = 302
    site.headers["/v1/file/50000001"] = {"Location": "http://169.254.169.254/latest/"}
    run = do_watch_ofsted(client=client)
    assert "redirected (302) to 'http://169.254.169.254/latest/'; redirects not followed" in (
        run.message
    )
    assert LetterImport.objects.count() == 0


def test_a_file_over_the_size_limit_is_not_read(
    site: FakeOfsted, client: PoliteClient, settings: pytest.FixtureRequest
) -> None:
    settings.AREASEND_LETTER_MAX_BYTES = 1000  # type: ignore[attr-defined]
    run = do_watch_ofsted(client=client)
    assert "over the 1,000-byte limit" in run.message
    assert LetterImport.objects.count() == 0


def test_a_run_is_recorded_with_what_it_saw(site: FakeOfsted, client: PoliteClient) -> None:
    run = WatchRun.objects.get(pk=do_watch_ofsted(client=client).pk)
    results = [(e["what"], e["result"]) for e in run.log]
    assert results == [
        ("listing page", "fetched"),
        ("provider page", "fetched"),
        ("Local area SEND inspection - 5 February 2018", "imported"),
    ]
    assert run.finished_at is not None and run.finished_at >= run.started_at
    audited = AuditEntry.objects.filter(object_type="watcher.WatchRun", object_id=str(run.pk))
    assert list(audited.order_by("pk").values_list("action", flat=True)) == [
        "watcher.run_started",
        "watcher.run_finished",
    ]
    assert not audited.exclude(actor=None).exists()  # the command's runs: no person acted


def test_a_letter_imported_by_hand_gets_where_and_when_ofsted_published_it(
    site: FakeOfsted, client: PoliteClient
) -> None:
    from areasend.letters.services import do_import_letter

    medway = site.providers[0].files[0]
    by_hand = do_import_letter(medway.body, "medway.pdf")
    run = do_watch_ofsted(client=client)
    assert (run.status, run.imported, run.skipped) == ("succeeded", 0, 1)
    letter = LetterImport.objects.get()
    assert letter.pk == by_hand.letter_id
    assert (letter.file_name, letter.publication_date, letter.ofsted_file_id) == (
        "medway.pdf", dt.date(2018, 2, 5), "50000001",
    )  # fmt: skip
    assert LetterRecord.from_json(letter.record).publication_date.value == dt.date(2018, 2, 5)
    assert letter.changes.last().action == "listed"  # type: ignore[union-attr]
    assert "added where and when Ofsted published it" in run.log[-1]["reason"]
