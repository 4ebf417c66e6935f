"""Labels once for outcomes: every choice set, filter and form takes the framework's names,
so no raw value ("no wsoa") reaches a user."""

from __future__ import annotations

import datetime as dt

import pytest

from areasend.accounts.models import Person
from areasend.areas.models import OfficialInspectionRecord
from areasend.casework.errors import CaseworkError
from areasend.framework.events import Outcome
from areasend.framework.labels import OUTCOME_NAMES
from areasend.inspections import services as s
from areasend.inspections.models import Inspection
from areasend.letters.forms import ReviewForm
from areasend.register.rows import OUTCOME_LABELS

D = dt.date
NAMES = {o.value: label for o, label in OUTCOME_NAMES.items()}


def test_every_outcome_choice_set_is_the_frameworks_names() -> None:
    casework = dict(Inspection._meta.get_field("outcome").choices)  # type: ignore[arg-type]
    official = dict(OfficialInspectionRecord.Outcome.choices)
    assert casework == official == OUTCOME_LABELS == NAMES
    review = dict(ReviewForm.base_fields["outcome"].choices)  # type: ignore[attr-defined]
    assert {v: label.rsplit(" (", 1)[0] for v, label in review.items() if v} == NAMES
    assert all(label != value.replace("_", " ") for value, label in NAMES.items())


def test_a_second_outcome_names_the_first_in_words_not_its_code(
    notified: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, notified, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, notified, on=D(2021, 7, 9))
    s.do_add_finding(lead, notified, question="outcomes", kind="strength", text="Good")
    s.do_decide_outcome(lead, notified, outcome=Outcome.NO_WSOA, decided_on=D(2021, 7, 12))
    with pytest.raises(CaseworkError, match="'No written statement of action'") as caught:
        s.do_decide_outcome(lead, notified, outcome=Outcome.WSOA, decided_on=D(2021, 7, 13))
    assert "no wsoa" not in str(caught.value)
