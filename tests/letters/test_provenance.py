"""The listing's publication date on an imported letter, and the cross-check against the
letter's own dates."""

from __future__ import annotations

import datetime as dt

import pytest

from areasend.letters.models import LetterImport
from areasend.letters.provenance import LATEST_WD, Listing, with_listing
from areasend.letters.record import Found, LetterRecord
from areasend.letters.services import do_import_letter
from tests.letters.synthetic import as_text, letter_2016

D = dt.date


def _record() -> LetterRecord:
    """On site 4 to 8 December 2017, letter dated 2 February 2018."""
    return LetterRecord(
        inspection_start=Found(D(2017, 12, 4), 0.9),
        inspection_end=Found(D(2017, 12, 8), 0.9),
        letter_date=Found(D(2018, 2, 2), 0.9),
    )


def test_a_plausible_listing_date_becomes_the_publication_date_with_no_problem() -> None:
    record = with_listing(_record(), Listing(publication_date=D(2018, 2, 5)))
    assert record.publication_date == Found(D(2018, 2, 5), 1.0, None)
    assert record.problems == ()


def test_a_listing_date_before_the_last_on_site_day_is_a_named_problem() -> None:
    record = with_listing(_record(), Listing(publication_date=D(2017, 12, 6)))
    assert any("before the last on-site day, 8 December 2017" in p for p in record.problems)
    assert any("before the date on the letter, 2 February 2018" in p for p in record.problems)


def test_a_listing_date_long_after_the_letter_is_a_named_problem() -> None:
    record = with_listing(_record(), Listing(publication_date=D(2018, 9, 3)))
    assert [p for p in record.problems if f"more than {LATEST_WD} working days" in p]
    near = with_listing(_record(), Listing(publication_date=D(2018, 5, 1)))
    assert near.problems == ()


def test_a_listing_date_that_differs_from_the_letter_is_a_problem_and_not_overwritten() -> None:
    own = LetterRecord(publication_date=Found(D(2018, 2, 9), 0.9))
    record = with_listing(own, Listing(publication_date=D(2018, 2, 5)))
    assert record.publication_date.value == D(2018, 2, 9)
    assert record.problems == (
        "the letter gives publication date 9 February 2018, the Ofsted listing 5 February 2018",
    )


@pytest.mark.django_db
def test_the_import_stores_where_the_letter_was_found_and_a_hand_import_keeps_it() -> None:
    url = "https://files.ofsted.gov.uk/v1/file/50000001"
    outcome = do_import_letter(
        as_text(letter_2016()), "medway.txt", source_url=url, publication_date=D(2017, 12, 1),
        publication_type="Local area SEND inspection", ofsted_file_id="50000001",
    )  # fmt: skip
    assert outcome.letter_id is not None
    letter = LetterImport.objects.get(pk=outcome.letter_id)
    assert (letter.source_url, letter.publication_date, letter.ofsted_file_id) == (
        url, D(2017, 12, 1), "50000001",
    )  # fmt: skip
    assert "before the last on-site day, 8 December 2017" in letter.reason
    # A corrected version imported by hand later: what the listing said stays.
    do_import_letter(as_text([*letter_2016(), "A corrected paragraph."]), "medway-v2.txt")
    letter.refresh_from_db()
    assert (letter.version, letter.source_url, letter.ofsted_file_id) == (2, url, "50000001")


@pytest.mark.django_db
def test_a_hand_import_has_no_provenance() -> None:
    outcome = do_import_letter(as_text(letter_2016()), "medway.txt")
    assert outcome.letter_id is not None
    letter = LetterImport.objects.get(pk=outcome.letter_id)
    assert (letter.source_url, letter.publication_date, letter.publication_type) == ("", None, "")
    assert "listing" not in letter.reason
