"""The polite client on its own: robots.txt edge cases and pacing across retries."""

from __future__ import annotations

import pytest

from areasend.watcher.client import FetchError, PoliteClient
from tests.watcher.conftest import FakeClock
from tests.watcher.fake_ofsted import FakeOfsted

pytestmark = pytest.mark.django_db


def test_no_robots_txt_allows_everything(site: FakeOfsted, client: PoliteClient) -> None:
    site.statuses["/robots.txt"] = 404
    fetched = client.get(f"{site.base}/search", max_bytes=100_000)
    assert b"Medway Council" in fetched.body


def test_an_unreadable_robots_txt_closes_the_site(
    site: FakeOfsted, client: PoliteClient, clock: FakeClock
) -> None:
    site.statuses["/robots.txt"] = 503
    with pytest.raises(FetchError, match=r"robots.txt could not be read .*503.*treated as closed"):
        client.get(f"{site.base}/search", max_bytes=100_000)
    assert site.paths() == ["/robots.txt"] * 3
    assert site.paths("/search") == []


def test_robots_txt_is_read_once_per_site(site: FakeOfsted, client: PoliteClient) -> None:
    for _ in range(3):
        client.get(f"{site.base}/search", max_bytes=100_000)
    assert site.paths("/robots.txt") == ["/robots.txt"]


def test_a_4xx_is_not_retried(site: FakeOfsted, client: PoliteClient) -> None:
    with pytest.raises(FetchError, match="the server answered 404"):
        client.get(f"{site.base}/v1/file/99999999", max_bytes=100_000)
    assert site.paths("/v1/file/") == ["/v1/file/99999999"]


def test_an_unconditional_get_sends_no_validators(site: FakeOfsted, client: PoliteClient) -> None:
    client.get(f"{site.base}/search", max_bytes=100_000, conditional=True)
    client.get(f"{site.base}/search", max_bytes=100_000)
    last = site.requests[-1]
    assert (last.status, "If-None-Match" in last.headers) == (200, False)
