"""A fake Ofsted site on loopback, the settings pointed at it, and a client that never waits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from areasend.watcher.client import PoliteClient
from areasend.watcher.service import DatabaseValidators
from tests.letters.synthetic import as_pdf, letter_2016
from tests.watcher.fake_ofsted import FakeOfsted, File, Provider, Serving


@dataclass
class FakeClock:
    """Time that passes only when the client sleeps, so pacing is seen without waiting."""

    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def medway_letter() -> File:
    """The synthetic 2016 Medway letter (on site 4 to 8 December 2017, dated 2 February 2018)."""
    return File("50000001", "Local area SEND inspection - 5 February 2018", as_pdf(letter_2016()))


def ilacs(file_id: str) -> File:
    """A children's services report: on the same page, not an area SEND publication."""
    return File(file_id, "Children's services inspection - 1 March 2019", b"%PDF-1.4 not ours")


@pytest.fixture
def site(settings: pytest.FixtureRequest) -> Iterator[FakeOfsted]:
    fake = FakeOfsted(
        providers=[Provider("80522", "Medway Council", [medway_letter(), ilacs("50000002")])]
    )
    with Serving(fake) as served:
        settings.AREASEND_OFSTED_WATCHER = True  # type: ignore[attr-defined]
        settings.AREASEND_OFSTED_REPORTS_URL = served.base + "/"  # type: ignore[attr-defined]
        settings.AREASEND_OFSTED_FILES_URL = served.base + "/"  # type: ignore[attr-defined]
        settings.AREASEND_OFSTED_CONTACT = "https://areasend.example/contact"  # type: ignore[attr-defined]
        yield served


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(site: FakeOfsted, clock: FakeClock) -> PoliteClient:
    return PoliteClient(
        [site.base],
        contact="https://areasend.example/contact",
        timeout=0.5,
        validators=DatabaseValidators(),
        clock=clock,
        sleep=clock.sleep,
    )
