"""People for every role and real histories loaded up to a chosen day."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

from areasend.accounts.models import Person
from areasend.areas.event_log import do_import_history
from areasend.areas.models import LocalArea

HISTORIES = Path(__file__).resolve().parents[2] / "areasend" / "areas" / "data" / "histories"

Load = Callable[[str, dt.date, dt.date | None], LocalArea]


@pytest.fixture
def people(db: None) -> dict[str, Person]:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    return {p.user.username: p for p in Person.objects.select_related("user", "organisation")}


@pytest.fixture
def load(db: None) -> Load:
    """Import the lines of a demonstration history dated from ``start`` (if given) to ``end``."""

    def go(file: str, end: dt.date, start: dt.date | None = None) -> LocalArea:
        lines = [
            line
            for line in (HISTORIES / file).read_text(encoding="utf-8").splitlines()
            if (start is None or json.loads(line)["date"] >= start.isoformat())
            and json.loads(line)["date"] <= end.isoformat()
        ]
        result = do_import_history("\n".join(lines), source="test")
        return LocalArea.objects.get(gss_code=result.areas[0])

    return go
