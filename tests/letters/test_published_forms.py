"""Every published form of letter is read, and what cannot be read is flagged, never guessed.

The letters are SYNTHETIC (tests/letters/synthetic.py), built on the structure of real ones.
"""

import datetime as dt

import pytest

from areasend.letters.extract import extract
from areasend.letters.parsers import parse
from areasend.letters.record import LetterKind, LetterRecord
from tests.letters.synthetic import (
    DIRECTORY,
    NOTTS_WEAKNESSES,
    REVISIT_TITLES_2016,
    TITLES_2016,
    VERDICTS_2016,
    as_text,
    letter_2016_published,
    monitoring_2023,
    revisit_2016_published,
)


def read(paragraphs: list[str]) -> LetterRecord:
    return parse(extract(as_text(paragraphs), "letter.txt").text, DIRECTORY)


@pytest.mark.parametrize("title", TITLES_2016, ids=lambda t: t or "opening sentence only")
@pytest.mark.parametrize("tense", ["is", "was"])
def test_a_2016_initial_letter_is_read_from_any_title_or_its_opening_sentence(title, tense):
    record = read(letter_2016_published(title, tense))
    assert record.kind.value is LetterKind.FULL_2016
    assert record.area_code.value == "E10000024"
    assert (record.inspection_start.value, record.inspection_end.value) == (
        dt.date(2021, 7, 5),
        dt.date(2021, 7, 9),
    )
    assert record.letter_date.value == dt.date(2021, 9, 14)
    assert record.outcome.value == "wsoa"
    assert [w.value for w in record.weaknesses] == NOTTS_WEAKNESSES
    assert record.problems == ()


def test_addressees_are_roles_and_never_the_people_who_hold_them():
    record = read(letter_2016_published())
    roles = [a.value for a in record.addressees]
    assert roles == [
        "Corporate Director, Children and Families, Nottinghamshire County Council",
        "Accountable Officer, NHS Nottingham and Nottinghamshire CCG",
        "Chief Officer, NHS Bassetlaw CCG",
        "Lead Member for Children and Families",
    ]
    for person in ("Pettigrew", "Sullivan", "Griffiths", "Taylor"):
        assert not any(person in str(role) for role in roles)
        assert not any(person in str(body.value) for body in record.nhs_partners)


def test_addressees_run_together_as_a_pdf_joins_address_lines_still_carry_no_name():
    joined = (
        "Mr Colin Pettigrew Corporate Director, Children and Families Nottinghamshire County "
        "Council Dr Amanda Sullivan Accountable Officer NHS Nottingham and Nottinghamshire CCG "
        "Idris Griffiths Chief Officer NHS Bassetlaw CCG"
    )
    letter = letter_2016_published()
    record = read([letter[0], joined, *letter[6:]])
    (role,) = [a.value for a in record.addressees]
    assert role == (
        "Corporate Director, Children and Families Nottinghamshire County Council Accountable "
        "Officer NHS Nottingham and Nottinghamshire CCG Chief Officer NHS Bassetlaw CCG"
    )


def test_nhs_partners_are_the_area_bodies_of_the_day_from_the_reference_data():
    record = read(revisit_2016_published())  # names no CCG: they come from the reference data
    assert sorted(str(p.value) for p in record.nhs_partners) == [
        "NHS Bassetlaw CCG",
        "NHS Nottingham and Nottinghamshire CCG",
    ]
    assert record.problems == ()


def test_a_partner_glued_from_two_bodies_is_a_named_problem():
    letter = [
        p.replace(
            "Idris Griffiths, Chief Officer, NHS Bassetlaw CCG",
            "Idris Griffiths, Chief Officer, NHS Bassetlaw and Doncaster CCG",
        )
        for p in letter_2016_published()
    ]
    record = read(letter)
    assert any(
        "'NHS Bassetlaw and Doncaster Clinical Commissioning Group' is not one of the area's "
        "NHS bodies on 5 July 2021" in problem
        for problem in record.problems
    )


@pytest.mark.parametrize(("stated", "problem"), [("three", False), ("four", True)])
def test_an_initial_letter_weakness_count_is_checked_against_its_own_statement(stated, problem):
    letter = [
        p.replace("the following areas of", f"the following {stated} areas of")
        for p in letter_2016_published()
    ]
    record = read(letter)
    assert len(record.weaknesses) == 3
    flagged = any("speaks of 4 areas of significant weakness but 3" in p for p in record.problems)
    assert flagged is problem


@pytest.mark.parametrize("title", REVISIT_TITLES_2016)
def test_a_2016_revisit_is_read_under_every_published_title(title):
    record = read(revisit_2016_published(title))
    assert record.kind.value is LetterKind.REVISIT_2016
    assert record.area_code.value == "E10000024"
    assert record.inspection_start.value == dt.date(2022, 6, 6)
    assert [p.sufficient for p in record.judgements()] == [True, False, True]
    assert (record.weakness_count.value, record.sufficient_count.value) == (3, 2)
    assert record.problems == ()


@pytest.mark.parametrize("form", VERDICTS_2016)
def test_each_published_verdict_form_is_read_for_its_own_weakness(form):
    record = read(revisit_2016_published(verdicts=["active", form, "active, not"]))
    sufficient = VERDICTS_2016[form][1]
    assert [(p.weakness, p.sufficient) for p in record.judgements()] == [
        (NOTTS_WEAKNESSES[0], True),
        (NOTTS_WEAKNESSES[1], sufficient),
        (NOTTS_WEAKNESSES[2], False),
    ]


@pytest.mark.parametrize(
    ("summary", "verdicts", "count", "sufficient"),
    [
        ("all of the significant weaknesses", ["active", "passive", "significant"], None, None),
        ("the three areas of significant weakness", ["active", "passive", "significant"], 3, 3),
        ("two of the three significant weaknesses", ["active", "active, not", "passive"], 3, 2),
        ("two of the significant weaknesses", ["active", "active, not", "passive"], None, 2),
    ],
)
def test_a_revisit_summary_in_each_published_form_gives_its_counts(
    summary, verdicts, count, sufficient
):
    record = read(revisit_2016_published(verdicts=verdicts, summary=summary))
    assert (record.weakness_count.value, record.sufficient_count.value) == (count, sufficient)
    assert record.problems == ()


def test_a_summary_saying_all_were_addressed_when_a_verdict_says_not_needs_review():
    record = read(
        revisit_2016_published(
            verdicts=["active", "active, not", "passive"],
            summary="all of the significant weaknesses",
        )
    )
    assert any("says all weaknesses were addressed" in p for p in record.problems)


def test_a_summary_count_that_disagrees_with_the_verdicts_needs_review():
    record = read(revisit_2016_published(summary="one of the three significant weaknesses"))
    assert any("says 1 weaknesses were addressed sufficiently but 2" in p for p in record.problems)


def test_an_unread_verdict_stays_unread_and_never_moves_onto_the_next_weakness():
    letter = [
        p.replace(
            VERDICTS_2016["active, not"][0], "Progress on this remains uneven across the area."
        )
        for p in revisit_2016_published()
    ]
    record = read(letter)
    assert [p.value for p in record.progress][1] is None
    judged = [(p.weakness, p.sufficient) for p in record.judgements()]
    assert judged == [(NOTTS_WEAKNESSES[0], True), (NOTTS_WEAKNESSES[2], True)]
    assert any("no verdict could be read for weakness 2" in p for p in record.problems)


def _report_2023(previous: str, bodies_end: str = ".", cut: bool = False) -> list[str]:
    """A SYNTHETIC 2023 full report with a priority-action table, Bolton, five actions."""
    actions = [
        f"Leaders should improve the {what} for children and young people with SEND."
        for what in ("timeliness of plans", "quality of plans", "access to therapy",
                     "transition to adulthood", "support in the early years")
    ]  # fmt: skip
    paragraphs = [
        "Area SEND inspection of Bolton Local Area Partnership",
        "Inspection dates: 3 to 7 June 2024",
        previous,
        "The local area partnership's special educational needs and/or disabilities (SEND) "
        "arrangements lead to widespread and/or systemic failings leading to significant concerns "
        "about the experiences and outcomes of children and young people with SEND, which the "
        "local area partnership must address urgently.",
        "Bolton Council and NHS Greater Manchester Integrated Care Board (ICB) are jointly "
        "responsible for the planning and commissioning of services for children and young "
        "people with SEND in Bolton.",
        "Areas for priority action",
        "Responsible body",
        "Areas for priority action",
    ]
    for action in actions:
        paragraphs += [f"Bolton Council and NHS Greater Manchester ICB{bodies_end}", action]
    paragraphs += [
        "Areas for improvement",
        "Leaders should make sure that the local offer is kept up to date.",
    ]
    if not cut:
        paragraphs += [
            "Local area partnership details",
            "Local authority: Bolton Council. Integrated care board: NHS Greater Manchester ICB.",
            "Inspection team",
            "Jan Hill, Ofsted HMI Lead inspector",
            "Ali Khan, CQC Lead inspector",
        ]
    return paragraphs


@pytest.mark.parametrize("bodies_end", ["", "."])
def test_priority_action_rows_stay_apart_when_a_responsible_body_cell_ends_with_a_full_stop(
    bodies_end,
):
    record = read(_report_2023("Date of previous inspection: not previously inspected", bodies_end))
    assert len(record.weaknesses) == 5
    assert record.problems == ()


@pytest.mark.parametrize(
    "previous",
    [
        "Date of previous inspection: 16 May 2016",
        "Dates of previous inspection: 16 to 20 May 2016",
        "The previous full inspection was on 16 May 2016.",
    ],
)
def test_the_previous_inspection_is_read_from_a_single_date_a_range_or_a_sentence(previous):
    assert read(_report_2023(previous)).previous_inspection.value == dt.date(2016, 5, 16)


def test_a_previous_inspection_mentioned_but_not_dated_needs_review():
    record = read(_report_2023("Date of previous inspection: spring 2016"))
    assert record.previous_inspection.value is None
    assert any("previous inspection is mentioned" in p for p in record.problems)


def test_a_report_cut_short_after_its_areas_for_improvement_needs_review():
    record = read(_report_2023("Date of previous inspection: 16 May 2016", cut=True))
    assert any("text cut short" in p for p in record.problems)


@pytest.mark.parametrize(
    "title",
    [
        "Area SEND monitoring inspection of Nottinghamshire Local Area Partnership",
        "Monitoring inspection of the Nottinghamshire local area partnership",
    ],
)
def test_a_2023_monitoring_report_is_read_under_either_title(title):
    report = [title, *monitoring_2023()[1:]]
    record = read(report)
    assert record.kind.value is LetterKind.MONITORING_2023
    assert record.area_code.value == "E10000024"
    assert [p.sufficient for p in record.judgements()] == [True, False]
    assert record.problems == ()
