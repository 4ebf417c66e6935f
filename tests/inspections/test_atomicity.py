"""All or nothing: a failure injected inside a multi-record transition leaves the
database exactly as before, compared as a full dump taken before and after."""

from __future__ import annotations

import datetime as dt

import pytest

from areasend.accounts.models import Person
from areasend.framework.events import Outcome
from areasend.inspections import services as s
from areasend.inspections.models import Inspection
from areasend.letters import services as letters
from areasend.letters.models import LetterImport
from areasend.letters.record import LetterRecord
from tests.dumps import Injected, database_dump, fail_audit_of
from tests.inspections.follow_ups import MEDWAY_WEAKNESSES
from tests.letters.synthetic import as_text, letter_2016

D = dt.date


def test_publishing_a_letter_is_all_or_nothing(
    notified: Inspection, people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, notified, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, notified, on=D(2021, 7, 9))
    s.do_add_finding(lead, notified, question="outcomes", kind="significant", text="Outcomes")
    s.do_decide_outcome(lead, notified, outcome=Outcome.WSOA, decided_on=D(2021, 7, 12))
    letter = s.do_draft_letter(lead, notified)
    s.do_revise_letter(lead, letter, body=letter.body, version=letter.version, reviewed=True)
    before = database_dump()
    fail_audit_of(monkeypatch, s, "publish_letter")
    with pytest.raises(Injected):
        s.do_publish_letter(lead, notified, dated=D(2021, 7, 12), published_on=D(2021, 10, 19))
    # The history events and the letter's status were written before the failure.
    assert database_dump() == before


def test_confirming_an_imported_letter_is_all_or_nothing(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    letters.do_import_letter(as_text(letter_2016()), "medway.txt")
    letter = LetterImport.objects.get()
    record = letters.corrected(
        LetterRecord.from_json(letter.record), publication_date=D(2018, 2, 8)
    )
    before = database_dump()

    def failing_log(*args: object, **kwargs: object) -> None:
        raise Injected("injected failure after the events were stored")

    monkeypatch.setattr(letters, "_log", failing_log)
    with pytest.raises(Injected):
        letters.do_confirm_import(letter, record, by=None, notified=D(2017, 11, 27))
    assert database_dump() == before


def test_publishing_a_revisit_letter_with_its_judgements_is_all_or_nothing(
    medway_revisited: Inspection, people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = people["lead"].user
    for weakness in MEDWAY_WEAKNESSES:
        s.do_judge_progress(
            lead, medway_revisited, weakness=weakness, sufficient=True, commentary="Better."
        )
    letter = s.do_draft_letter(lead, medway_revisited)
    s.do_revise_letter(lead, letter, body=letter.body, version=letter.version, reviewed=True)
    before = database_dump()
    fail_audit_of(monkeypatch, s, "publish_letter")
    with pytest.raises(Injected):
        s.do_publish_letter(
            lead, medway_revisited, dated=D(2020, 1, 10), published_on=D(2020, 2, 19)
        )
    assert database_dump() == before


@pytest.mark.parametrize("action", ["judge_progress", "request_deferral", "decide_deferral"])
def test_judging_and_deferral_steps_are_all_or_nothing(
    action: str,
    medway_revisit: Inspection,
    people: dict[str, Person],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if action == "decide_deferral":
        s.do_request_deferral(
            people["medway"].user, medway_revisit, requested_on=D(2019, 11, 26), reason="Why"
        )
    before = database_dump()
    fail_audit_of(monkeypatch, s, action)
    with pytest.raises(Injected):
        if action == "judge_progress":
            s.do_judge_progress(
                people["lead"].user, medway_revisit, weakness=MEDWAY_WEAKNESSES[0],
                sufficient=False, commentary="Not yet.",
            )  # fmt: skip
        elif action == "request_deferral":
            s.do_request_deferral(
                people["medway"].user, medway_revisit, requested_on=D(2019, 11, 26), reason="Why"
            )
        else:
            s.do_decide_deferral(
                people["planner"].user, medway_revisit, decided_on=D(2019, 11, 27), granted=True,
                reason="Exceptional.",
            )  # fmt: skip
    assert database_dump() == before
