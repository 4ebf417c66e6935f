"""The personal-data detector: what it finds in casework writing, and the wording of
published letters and of the national history that it must leave alone."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from areasend.casework.personal_data import (
    CHILD_DETAILS,
    DATE_OF_BIRTH,
    EMAIL,
    NAME_AND_AGE,
    NHS_NUMBER,
    PHONE,
    POSTCODE,
    find_personal_data,
    is_nhs_number,
    personal_data_problem,
)

HISTORIES = Path("areasend/areas/data/histories")


def kinds(text: str) -> set[str]:
    return {f.kind for f in find_personal_data(text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Jane Smith (aged 9) waited two years for her assessment.", NAME_AND_AGE),
        ("Tom, 7, has no EHC plan.", NAME_AND_AGE),
        ("Inspectors met Tom aged 7 and his mother.", NAME_AND_AGE),
        ("We spoke to Aisha Khan, aged 14, about her transport.", NAME_AND_AGE),
        ("Jane Smith (9) is out of school.", NAME_AND_AGE),
        ("Mary-Jane O'Neill (aged 12) is on a reduced timetable.", NAME_AND_AGE),
        ("In Rotherham Jane (aged nine) waited too long.", NAME_AND_AGE),
        ("However, Liam, 15, was excluded twice.", NAME_AND_AGE),
        ("A 9-year-old called Oliver has no school place.", NAME_AND_AGE),
        ("Case CS-004: 11-year-old Jake waited 40 weeks.", NAME_AND_AGE),
        ("Ben is 6 years old and not in school.", NAME_AND_AGE),
        ("Jane Smith, age 16, was not consulted.", NAME_AND_AGE),
        ("Tom, aged 7, and Ben, aged 9, share a taxi.", NAME_AND_AGE),
        ("Chloe (aged 9 years) has been out of school since Easter.", NAME_AND_AGE),
        ("DOB 12/03/2015", DATE_OF_BIRTH),
        ("d.o.b. 12.3.15", DATE_OF_BIRTH),
        ("Date of birth: 3 March 2015", DATE_OF_BIRTH),
        ("the child (born on 3rd March 2015) has autism", DATE_OF_BIRTH),
        ("born 2015-03-12 in the county", DATE_OF_BIRTH),
        ("her birthday is March 3, 2015", DATE_OF_BIRTH),
        ("a girl (b. 04/11/2012) was missed", DATE_OF_BIRTH),
        ("NHS number 943 476 5919", NHS_NUMBER),
        ("NHS no. 9434765919 on the plan", NHS_NUMBER),
        ("ref 943-476-5919", NHS_NUMBER),
        ("lives at S60 1AE with her father", POSTCODE),
        ("lives at s60 1ae", POSTCODE),
        ("moved to SW1A 1AA last year", POSTCODE),
        ("call mum on 07700 900123", PHONE),
        ("phone 0114 273 4567", PHONE),
        ("on (0114) 273 4567", PHONE),
        ("tel. +44 7700 900123", PHONE),
        ("+44 (0)20 7946 0018", PHONE),
        ("the parent, jane.smith@example.org, complained", EMAIL),
    ],
)
def test_it_finds_personal_data(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Children and young people aged 0 to 25 with SEND wait too long.",
        "Children aged 5 to 11 are excluded more often than their peers.",
        "Young people aged 16-25 lack post-16 options.",
        "Those aged 18 and over move to adult services late.",
        "Pupils aged 11 or under are rarely on reduced timetables.",
        "Children aged under 5 wait for speech and language therapy.",
        "Inspectors met 12 parents and carers, 481 responded to the survey.",
        "The inspection took place from 5 July 2021 to 9 July 2021.",
        "Fieldwork: 28 June 2021; letter published 19 October 2021.",
        "The plan dated 01/04/2023 sets out 7 priorities.",
        "Rotherham (2021) and Sheffield (2019) were both revisited.",
        "Priority action (1): joint commissioning.",
        "In 2021, 12, then 15 schools joined the programme.",
        "Key stage 2 results; KS2 4th in the region; Year 6 2nd cohort.",
        "Dave Gilkerson, HMI, Ofsted Lead inspector; David Roberts, CQC Lead inspector.",
        "Leaders' date of birth records were often missing from EHC plans.",
        "Children born in 2015 were the first cohort with EHC plans from birth.",
        "481 parent responses, 0 young people, 2 practitioners.",
        "Waiting times fell from 52 weeks to 18 weeks; 1,234 referrals in 2023.",
        "Section 19 duties; the 20-week timescale was met in 45% of cases.",
        "The SEND Code of Practice: 0 to 25 years (2015).",
        "The council's number 4 priority is sufficiency.",
        "A 7-year-old boy waited 40 weeks for an assessment.",
        "young people aged 14, 15 and 16 were interviewed",
        "In Barnsley, 12, of the 40 schools joined the trial.",
        "Schools in Barnsley, 12, joined the trial.",
    ],
)
def test_it_leaves_casework_wording_alone(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("9434765919", True), ("4010232137", True), ("9434765918", False), ("1234567890", False)],
)
def test_nhs_numbers_need_a_valid_mod_11_check_digit(digits: str, valid: bool) -> None:
    assert is_nhs_number(digits) is valid
    assert (NHS_NUMBER in kinds(f"number {digits[:3]} {digits[3:6]} {digits[6:]}")) is valid


def test_the_message_names_what_was_found_and_asks_to_leave_it_out() -> None:
    problem = personal_data_problem("Jane Smith (aged 9), DOB 12/03/2015, NHS 943 476 5919")
    assert problem is not None
    assert "a person's name next to an age (\u201cJane Smith (aged 9)\u201d)" in problem
    assert "a date of birth (\u201cDOB 12/03/2015\u201d)" in problem
    assert "an NHS number (\u201c943 476 5919\u201d)" in problem
    assert "Leave it out" in problem
    assert personal_data_problem("Joint commissioning is weak.") is None


def test_a_letter_check_allows_organisation_contacts_but_not_a_childs_details() -> None:
    contacts = "Ofsted, Piccadilly Gate, Manchester M1 2WD; 0300 123 1231; enquiries@ofsted.gov.uk"
    assert kinds(contacts) == {POSTCODE, PHONE, EMAIL}
    assert personal_data_problem(contacts, CHILD_DETAILS) is None
    assert personal_data_problem(contacts + "; Jane Smith (aged 9)", CHILD_DETAILS) is not None


def test_the_labelled_reports_priorities_and_improvements_are_not_refused(
    shared_dir: Path,
) -> None:
    labels = [
        json.loads(line)
        for line in (shared_dir / "corpus" / "labels.jsonl").read_text().splitlines()
        if line.strip()
    ]
    sentences = [s for label in labels for s in label["priority_actions"] + label["improvements"]]
    assert len(sentences) > 100
    assert [(s, find_personal_data(s)) for s in sentences if find_personal_data(s)] == []


def test_the_published_reports_findings_are_not_refused_and_whole_reports_pass_as_letters(
    shared_dir: Path,
) -> None:
    reports = sorted((shared_dir / "corpus" / "pdf").glob("*.pdf"))
    assert len(reports) == 24
    for path in reports:
        pdf = pdfium.PdfDocument(str(path))
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        findings, details = text.split("Local area partnership details", 1)
        assert find_personal_data(findings) == [], path.name
        assert personal_data_problem(text, CHILD_DETAILS) is None, path.name
        # The contact blocks after the findings are real addresses: the detector sees them.
        assert POSTCODE in kinds(details) and EMAIL in kinds(details)


def test_the_national_history_wording_is_not_refused() -> None:
    texts = []
    for path in sorted(HISTORIES.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                event = json.loads(line)
                texts += [*event.get("weaknesses", []), event.get("weakness", "")]
                texts += [event.get("note", ""), event.get("reason", "")]
    assert len([t for t in texts if t]) > 50
    assert [(t, find_personal_data(t)) for t in texts if find_personal_data(t)] == []
