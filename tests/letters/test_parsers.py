"""Reading each kind of letter; SYNTHETIC letters (see synthetic.py) for the 2016 and monitoring kinds."""

import datetime as dt
from dataclasses import replace

import pytest

from areasend.letters.events import to_events
from areasend.letters.extract import extract
from areasend.letters.parsers import parse
from areasend.letters.record import LetterKind, LetterRecord
from tests.letters.synthetic import (
    DIRECTORY,
    MEDWAY_WEAKNESSES,
    as_text,
    letter_2016,
    monitoring_2023,
    revisit_2016,
)


def read(paragraphs: list[str]) -> LetterRecord:
    return parse(extract(as_text(paragraphs), "letter.txt").text, DIRECTORY)


def test_2016_outcome_letter_gives_area_dates_outcome_and_each_weakness_in_its_own_words():
    record = read(letter_2016())
    assert record.kind.value is LetterKind.FULL_2016
    assert record.area_code.value == "E06000035"
    assert record.letter_date.value == dt.date(2018, 2, 2)
    assert (record.inspection_start.value, record.inspection_end.value) == (
        dt.date(2017, 12, 4),
        dt.date(2017, 12, 8),
    )
    assert record.outcome.value == "wsoa"
    assert [w.value for w in record.weaknesses] == MEDWAY_WEAKNESSES
    assert [p.value for p in record.nhs_partners] == ["NHS Medway Clinical Commissioning Group"]
    assert [t.value for t in record.team] == [
        "Pat Morgan (HMI Lead Inspector)",
        "Lee Reviewer (CQC Lead inspector)",
    ]
    assert record.problems == ()


def test_every_span_points_at_the_words_it_was_read_from():
    text = extract(as_text(letter_2016()), "letter.txt").text
    record = parse(text, DIRECTORY)
    weakness, area = record.weaknesses[2].span, record.area_name.span
    assert weakness is not None and area is not None
    assert text[slice(*weakness)] == "• " + MEDWAY_WEAKNESSES[2]
    assert text[slice(*area)] == "Medway"


def test_2016_letter_without_a_determination_but_signed_off_had_no_wsoa_flagged_as_weak():
    record = read(letter_2016(weaknesses=[]))
    assert record.outcome.value == "no_wsoa"
    assert record.outcome.weak
    assert record.weaknesses == ()


def test_2016_letter_cut_off_before_sign_off_leaves_the_outcome_unknown_and_needs_review():
    paragraphs = letter_2016(weaknesses=[])
    record = read(paragraphs[: paragraphs.index("Yours sincerely")])
    assert record.outcome.value is None
    assert "incomplete" in " ".join(record.problems)


def test_letter_for_a_former_council_resolves_to_the_council_of_its_day():
    record = read(letter_2016(area="Northamptonshire"))
    assert record.area_code.value == "E10000021"


def test_area_that_cannot_be_resolved_needs_review_and_names_candidates():
    record = read(letter_2016(area="Northampton"))
    assert record.area_code.value is None
    assert any("could not be resolved" in p for p in record.problems)


def test_revisit_letter_gives_a_progress_judgement_per_weakness():
    verdicts = [True] * 5 + [False] * 3
    record = read(revisit_2016(verdicts))
    assert record.kind.value is LetterKind.REVISIT_2016
    assert [p.sufficient for p in record.judgements()] == verdicts
    assert [p.weakness for p in record.judgements()] == MEDWAY_WEAKNESSES
    assert record.weakness_count.value == 8
    assert record.problems == ()


def test_revisit_whose_judgements_disagree_with_its_own_count_needs_review():
    record = read(revisit_2016([True] * 5 + [False] * 3, count_words=("five", "nine")))
    assert any("9 weaknesses but 8 judgements" in p for p in record.problems)


def test_monitoring_report_gives_progress_per_area_for_priority_action():
    record = read(monitoring_2023())
    assert record.kind.value is LetterKind.MONITORING_2023
    assert record.inspection_start.value == dt.date(2025, 7, 7)
    assert [p.sufficient for p in record.judgements()] == [True, False]
    assert record.judgements()[1].weakness.startswith("Leaders should act urgently")


def test_dates_the_letter_does_not_give_stay_unknown_never_a_placeholder():
    paragraphs = [p for p in monitoring_2023() if not p.startswith("Inspection dates")]
    record = read(paragraphs)
    assert record.inspection_start.value is None
    assert record.inspection_start.confidence == 0
    assert record.letter_date.value is None
    assert any("dates" in p for p in record.problems)


def test_text_that_is_no_known_letter_is_not_recognised():
    record = read(["Minutes of the SEND improvement board, 3 March 2024."] * 5)
    assert record.kind.value is None
    assert record.problems


def test_events_carry_only_dates_the_letter_gives_and_ask_for_the_notification_date():
    record = read(letter_2016())
    translated = to_events(record)
    assert [e["event"] for e in translated.events] == [
        "fieldwork_started",
        "fieldwork_ended",
        "letter_dated",
    ]
    assert translated.events[-1]["weaknesses"] == MEDWAY_WEAKNESSES
    assert translated.events[-1]["outcome"] == "wsoa"
    assert any("notified" in m for m in translated.missing)


def test_events_of_a_revisit_judge_each_weakness_on_the_letter_date():
    record = read(revisit_2016([True, False]))
    translated = to_events(record, notified=dt.date(2019, 11, 25))
    judged = [e for e in translated.events if e["event"] == "progress_judged"]
    assert [(e["date"], e["sufficient"]) for e in judged] == [
        ("2020-01-10", True),
        ("2020-01-10", False),
    ]
    assert translated.events[0] == {
        "area": "E06000035", "date": "2019-11-25", "event": "inspection_notified",
        "inspection": "E06000035-2016-revisit-2019-12-09", "kind": "revisit", "framework": "2016",
    }  # fmt: skip
    assert translated.missing == ()


def test_record_survives_a_round_trip_through_json():
    record = read(revisit_2016([True] * 5 + [False] * 3))
    assert LetterRecord.from_json(record.as_json()) == record


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The next full area SEND inspection will be within approximately five years.",
            "approximately 5 years",
        ),
        (
            "The next full reinspection will be within approximately 3 years.",
            "approximately 3 years",
        ),
        ("The next full area SEND inspection will be within five years.", "5 years"),
    ],
)
def test_next_inspection_expectation_is_read_as_written(sentence, expected):
    paragraphs = [
        "Area SEND inspection of Bolton Local Area Partnership",
        "Inspection dates: 17 to 21 June 2024",
        "The local area partnership\u2019s arrangements typically lead to positive experiences and outcomes for children.",
        sentence,
    ]
    record = read(paragraphs)
    assert record.next_inspection.value == expected
    assert replace(record, problems=()).outcome.value == "positive"


def test_team_spans_point_at_each_person():
    text = extract(as_text(monitoring_2023()), "letter.txt").text
    record = parse(text, DIRECTORY)
    spans = [found.span for found in record.team]
    assert [text[slice(*s)] for s in spans if s] == [
        "Alex Turner, Ofsted HMI Lead inspector",
        "Robin Care, CQC Lead inspector",
    ]
