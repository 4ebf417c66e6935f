"""One clock: the service's day is England's, not the server's UTC date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from areasend.casework import clock
from areasend.casework.errors import CaseworkError
from areasend.casework.guards import not_future

#: 00:30 on 2 July 2026 in London (BST, UTC+1), still 1 July in UTC.
AFTER_MIDNIGHT_BST = dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC)


@pytest.fixture
def half_past_midnight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: AFTER_MIDNIGHT_BST)


@pytest.mark.usefixtures("half_past_midnight")
def test_between_midnight_and_1am_in_summer_today_is_londons_date() -> None:
    assert AFTER_MIDNIGHT_BST.date() == dt.date(2026, 7, 1)
    assert clock.today() == dt.date(2026, 7, 2)


@pytest.mark.usefixtures("half_past_midnight")
def test_between_midnight_and_1am_in_summer_not_future_accepts_today() -> None:
    not_future(dt.date(2026, 7, 2), "The visit's date", "on")
    with pytest.raises(CaseworkError, match=r"cannot be in the future \(3 July 2026\)"):
        not_future(dt.date(2026, 7, 3), "The visit's date", "on")
