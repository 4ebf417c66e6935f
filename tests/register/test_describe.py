"""The plain-English wording of history events (areasend/register/describe.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from areasend.framework.events import Event, EventType, Framework, InspectionKind
from areasend.framework.history import COVID_PAUSE
from areasend.register.describe import PROGRESS_REVIEW, describe_event, describe_history

D = dt.date
WEAKNESSES = ("The quality of EHC plans", "Waiting times for assessment")


@pytest.mark.parametrize(
    ("kind", "wording"),
    [
        (InspectionKind.FULL, "told of an inspection"),
        (InspectionKind.REVISIT, "told of a revisit"),
        (InspectionKind.MONITORING, "told of a monitoring inspection"),
    ],
)
def test_the_article_before_the_kind_of_inspection_follows_its_sound(
    kind: InspectionKind, wording: str
) -> None:
    event = Event(
        D(2021, 6, 28), EventType.INSPECTION_NOTIFIED, kind=kind, framework=Framework.F2016
    )
    assert wording in describe_event(event)


def test_the_two_resumptions_after_the_covid_pause_read_differently() -> None:
    texts = [describe_event(e) for e in COVID_PAUSE if e.type is EventType.PROGRAMME_RESUMED]
    assert texts == ["Revisits resumed nationally", "Full inspections resumed nationally"]


def _letter(inspection: str, dated_weaknesses: tuple[str, ...], published: bool) -> list[Event]:
    events = [
        Event(D(2021, 7, 12), EventType.LETTER_DATED, inspection=inspection,
              weaknesses=dated_weaknesses),
    ]  # fmt: skip
    if published:
        events.append(
            Event(D(2021, 10, 19), EventType.LETTER_PUBLISHED, inspection=inspection,
                  weaknesses=WEAKNESSES),
        )  # fmt: skip
    return events


@pytest.mark.parametrize("dated_weaknesses", [WEAKNESSES, ()], ids=["both carry", "one carries"])
def test_weaknesses_are_listed_once_under_the_letters_publication(
    dated_weaknesses: tuple[str, ...],
) -> None:
    described = describe_history(_letter("x-2021", dated_weaknesses, published=True))
    assert [(d.text, d.weaknesses) for d in described] == [
        ("Letter dated", ()),
        ("Letter published (2 areas for improvement)", WEAKNESSES),
    ]


def test_weaknesses_published_without_them_on_the_publication_move_to_the_publication() -> None:
    events = [
        Event(D(2021, 7, 12), EventType.LETTER_DATED, inspection="r", weaknesses=WEAKNESSES),
        Event(D(2021, 10, 19), EventType.LETTER_PUBLISHED, inspection="r"),
    ]
    assert [d.weaknesses for d in describe_history(events)] == [(), WEAKNESSES]


def test_weaknesses_of_an_unpublished_letter_stay_under_its_date() -> None:
    described = describe_history(_letter("x-2021", WEAKNESSES, published=False))
    assert [d.weaknesses for d in described] == [WEAKNESSES]


def test_the_first_visit_after_an_insufficient_revisit_is_its_progress_review_meeting() -> None:
    """Medway: revisit published January 2020 with weaknesses not sufficient; DfE and NHS
    England met the area in February 2021 (RV-12), then visited again in September 2021."""
    events = [
        Event(D(2019, 5, 1), EventType.SUPPORT_VISIT, inspection="full"),
        Event(D(2020, 1, 29), EventType.PROGRESS_JUDGED, inspection="rv", weakness="EHC plans",
              sufficient=False),
        Event(D(2020, 1, 29), EventType.LETTER_PUBLISHED, inspection="rv"),
        Event(D(2021, 2, 15), EventType.SUPPORT_VISIT, inspection="full"),
        Event(D(2021, 9, 20), EventType.SUPPORT_VISIT, inspection="full"),
    ]  # fmt: skip
    texts = [d.text for d in describe_history(events) if d.event.type is EventType.SUPPORT_VISIT]
    assert texts == [
        "DfE and NHS England support and challenge visit",
        PROGRESS_REVIEW,
        "DfE and NHS England support and challenge visit",
    ]


def test_a_visit_after_a_sufficient_revisit_stays_a_support_visit() -> None:
    events = [
        Event(D(2020, 1, 29), EventType.PROGRESS_JUDGED, inspection="rv", weakness="EHC plans",
              sufficient=True),
        Event(D(2020, 1, 29), EventType.LETTER_PUBLISHED, inspection="rv"),
        Event(D(2021, 2, 15), EventType.SUPPORT_VISIT, inspection="full"),
    ]  # fmt: skip
    assert describe_history(events)[-1].text == "DfE and NHS England support and challenge visit"
