"""Importing, re-importing, confirming and rejecting letters, against the database."""

import datetime as dt
from io import BytesIO

import pytest
from reportlab.pdfgen import canvas

from areasend.areas.event_log import do_import_history
from areasend.areas.models import HistoryEvent
from areasend.casework import clock
from areasend.framework.events import HistoryError
from areasend.letters.models import LetterImport, LetterImportChange
from areasend.letters.record import LetterRecord
from areasend.letters.services import (
    ConfirmError,
    corrected,
    do_confirm_import,
    do_import_letter,
    do_reject_import,
)
from tests.dumps import dump_but_rejections, only_rejection_kept
from tests.letters.synthetic import (
    EXECUTABLE,
    MEDWAY_WEAKNESSES,
    as_html,
    as_pdf,
    as_text,
    letter_2016,
    with_executable,
)

pytestmark = pytest.mark.django_db

MEDWAY = "E06000035"


def counts() -> tuple[int, int, int]:
    return (
        LetterImport.objects.count(),
        LetterImportChange.objects.count(),
        HistoryEvent.objects.count(),
    )


def _encrypted() -> bytes:
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, encrypt="secret")
    pdf.drawString(72, 700, "Joint local area SEND inspection in Medway")
    pdf.save()
    return buffer.getvalue()


def _image_only() -> bytes:
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(72, 72, 400, 600, fill=1)
    pdf.save()
    return buffer.getvalue()


HOSTILE = {
    "encrypted.pdf": (_encrypted, "encrypted"),
    "truncated.pdf": (lambda: as_pdf(letter_2016())[:3000], "damaged or truncated"),
    "scan.pdf": (_image_only, "OCR"),
    "minutes.txt": (
        lambda: b"Minutes of the SEND board meeting held on 3 March 2024.\n\n" * 10,
        "not recognised",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_is_rejected_with_a_reason_and_nothing_is_stored(name):
    make, reason = HOSTILE[name]
    before = counts()
    outcome = do_import_letter(make(), name)
    assert outcome.result == "rejected"
    assert reason in outcome.reason
    assert counts() == before


def test_oversized_file_is_rejected_and_nothing_is_stored(settings):
    settings.AREASEND_LETTER_MAX_BYTES = 2000
    outcome = do_import_letter(as_pdf(letter_2016()), "big.pdf")
    assert (outcome.result, counts()) == ("rejected", (0, 0, 0))
    assert "limit" in outcome.reason


@pytest.mark.parametrize("case", EXECUTABLE)
def test_html_with_executable_content_is_rejected_and_only_the_refusal_is_kept(case):
    before = dump_but_rejections()
    outcome = do_import_letter(with_executable(as_html(letter_2016()), case), "letter.html")
    assert (outcome.result, outcome.letter_id, outcome.record) == ("rejected", None, None)
    assert EXECUTABLE[case][2] in outcome.reason
    assert "supply the letter as the published PDF, or as text saved from the page" in (
        outcome.reason
    )
    assert dump_but_rejections() == before
    assert only_rejection_kept(EXECUTABLE[case][2])


def test_a_scripted_page_of_a_letter_already_imported_is_rejected_not_matched():
    first = do_import_letter(as_text(letter_2016()), "medway.txt")
    assert first.result == "imported"
    before = dump_but_rejections()
    page = with_executable(as_html(letter_2016()), "script in the head")
    outcome = do_import_letter(page, "medway.html")
    assert (outcome.result, outcome.letter_id) == ("rejected", None)
    assert "a <script> element" in outcome.reason
    assert dump_but_rejections() == before
    assert only_rejection_kept("a <script> element")
    assert do_import_letter(page, "medway.html", dry_run=True).result == "rejected"


def test_html_without_scripts_imports_as_before():
    outcome = do_import_letter(as_html(letter_2016()), "letter.html")
    letter = LetterImport.objects.get()
    assert (outcome.result, letter.format, letter.area and letter.area.gss_code) == (
        "imported",
        "html",
        MEDWAY,
    )
    assert letter.text.startswith("2 February 2018")
    assert "color: red" not in letter.text


def test_a_send_document_in_an_unknown_layout_is_kept_for_review_with_its_kind_unknown():
    text = "Ofsted and CQC: area SEND visit to Medway, a new kind of letter.\n\n" * 10
    outcome = do_import_letter(text.encode(), "new-layout.txt")
    letter = LetterImport.objects.get()
    assert (outcome.result, letter.kind, letter.status) == ("needs_review", "", "needs_review")
    assert "not recognised" in letter.reason


def test_import_stores_a_record_for_review_and_writes_no_history():
    outcome = do_import_letter(as_text(letter_2016()), "medway.txt")
    letter = LetterImport.objects.get()
    assert outcome.result == "imported"
    assert letter.area is not None
    assert (letter.status, letter.kind, letter.area.gss_code) == (
        "needs_review",
        "2016_full",
        MEDWAY,
    )
    assert letter.record == letter.extracted
    assert HistoryEvent.objects.count() == 0


def test_importing_the_same_file_twice_changes_nothing():
    do_import_letter(as_text(letter_2016()), "medway.txt")
    before = counts()
    again = do_import_letter(as_text(letter_2016()), "medway-copy.txt")
    assert again.result == "unchanged"
    assert again.record is not None
    assert counts() == before


def test_a_corrected_version_updates_the_import_and_keeps_its_history():
    do_import_letter(as_text(letter_2016()), "medway.txt")
    fixed = letter_2016(weaknesses=MEDWAY_WEAKNESSES[:7])
    outcome = do_import_letter(as_text(fixed), "medway-corrected.txt")
    letter = LetterImport.objects.get()
    assert outcome.result == "updated"
    assert (letter.version, letter.file_name, len(letter.record["weaknesses"])) == (
        2,
        "medway-corrected.txt",
        7,
    )
    assert list(letter.changes.values_list("action", "file_name")) == [
        ("imported", "medway.txt"),
        ("new_version", "medway-corrected.txt"),
    ]
    first = letter.changes.first()
    assert first is not None
    assert first.record["weaknesses"][7]["value"] == MEDWAY_WEAKNESSES[7]
    assert do_import_letter(as_text(letter_2016()), "medway.txt").result == "unchanged"


def test_the_same_letter_from_another_format_changes_nothing():
    first = do_import_letter(as_text(letter_2016()), "medway.txt")
    before = counts()
    again = do_import_letter(as_html(letter_2016()), "medway.html")
    assert (again.result, again.letter_id) == ("unchanged", first.letter_id)
    assert "same letter" in again.reason
    assert counts() == before


def test_a_file_stored_by_another_run_meanwhile_is_reported_unchanged(monkeypatch):
    from areasend.letters import services

    do_import_letter(as_text(letter_2016()), "medway.txt")
    # Simulate the race: our look-up misses the row another run has just written.
    monkeypatch.setattr(services, "_same_letter", lambda record: None)
    monkeypatch.setattr(
        LetterImportChange.objects,
        "filter",
        lambda **kw: LetterImportChange.objects.none(),
    )
    before = counts()
    outcome = do_import_letter(as_text(letter_2016()), "medway.txt")
    assert outcome.result == "unchanged"
    assert counts() == before


def test_dry_run_reads_but_stores_nothing():
    outcome = do_import_letter(as_text(letter_2016()), "medway.txt", dry_run=True)
    assert outcome.result == "imported"
    assert outcome.record is not None and outcome.record.area_code.value == MEDWAY
    assert counts() == (0, 0, 0)


def _imported() -> tuple[LetterImport, LetterRecord]:
    do_import_letter(as_text(letter_2016()), "medway.txt")
    letter = LetterImport.objects.get()
    return letter, LetterRecord.from_json(letter.record)


def test_confirming_writes_the_letters_events_to_the_areas_history():
    letter, record = _imported()
    record = corrected(record, publication_date=dt.date(2018, 2, 8))
    result = do_confirm_import(letter, record, by=None, notified=dt.date(2017, 11, 27))
    assert result.added == 5
    events = list(
        HistoryEvent.objects.filter(area__gss_code=MEDWAY).values_list("event", flat=True)
    )
    assert events == [
        "inspection_notified",
        "fieldwork_started",
        "fieldwork_ended",
        "letter_dated",
        "letter_published",
    ]
    published = HistoryEvent.objects.get(event="letter_published")
    assert published.fields == {"outcome": "wsoa", "weaknesses": MEDWAY_WEAKNESSES}
    letter.refresh_from_db()
    assert letter.status == "confirmed"
    assert list(letter.changes.values_list("action", flat=True))[-1] == "confirmed"


def test_confirming_an_inspection_the_history_holds_adds_only_the_letter():
    do_import_history(
        '{"area": "E06000035", "date": "2017-11-27", "event": "inspection_notified", "inspection": "medway-2017", "kind": "full", "framework": "2016"}\n'
        '{"area": "E06000035", "date": "2017-12-04", "event": "fieldwork_started", "inspection": "medway-2017"}\n'
    )
    letter, record = _imported()
    result = do_confirm_import(letter, record, by=None)
    assert result.added == 2  # fieldwork_ended and letter_dated; the start was already there
    assert set(HistoryEvent.objects.values_list("inspection", flat=True)) == {"medway-2017"}


def test_confirming_without_the_notification_date_stores_nothing():
    letter, record = _imported()
    before = counts()
    with pytest.raises(ConfirmError, match="notified"):
        do_confirm_import(letter, record, by=None)
    assert counts() == before
    letter.refresh_from_db()
    assert letter.status == "needs_review"


def test_events_the_framework_refuses_store_nothing():
    letter, record = _imported()
    before = counts()
    with pytest.raises(HistoryError):
        # Notified after fieldwork began: the rules forbid it.
        do_confirm_import(letter, record, by=None, notified=dt.date(2017, 12, 6))
    assert counts() == before


def test_rejecting_keeps_the_import_with_the_reason():
    letter, _ = _imported()
    do_reject_import(letter, "not a letter for this service", by=None)
    letter.refresh_from_db()
    assert (letter.status, letter.reason) == ("rejected", "not a letter for this service")
    assert HistoryEvent.objects.count() == 0


def test_provenance_is_kept_with_the_import():
    data = as_pdf(letter_2016())
    outcome = do_import_letter(
        data,
        "medway.pdf",
        source_url="https://reports.ofsted.gov.uk/provider/44/80500",
        publication_date=dt.date(2018, 2, 8),
        publication_type="Joint local area SEND inspection letter",
    )
    assert outcome.letter_id is not None
    letter = LetterImport.objects.get(pk=outcome.letter_id)
    assert (letter.file_size, letter.source_url, letter.publication_date) == (
        len(data),
        "https://reports.ofsted.gov.uk/provider/44/80500",
        dt.date(2018, 2, 8),
    )
    assert letter.publication_date_source == "caller"
    assert letter.publication_type == "Joint local area SEND inspection letter"
    assert LetterRecord.from_json(letter.record).publication_date.value == dt.date(2018, 2, 8)


def test_without_a_publication_date_the_pdf_creation_date_is_kept_as_a_hint_only():
    outcome = do_import_letter(as_pdf(letter_2016()), "medway.pdf")
    assert outcome.letter_id is not None
    letter = LetterImport.objects.get(pk=outcome.letter_id)
    assert letter.publication_date_source == "pdf_metadata"
    assert letter.publication_date == clock.today()  # reportlab stamps the day it ran
    assert LetterRecord.from_json(letter.record).publication_date.value is None


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"source_url": "javascript:alert(1)"}, "is not a web address"),
        ({"publication_date": clock.today() + dt.timedelta(days=1)}, "is in the future"),
    ],
)
def test_bad_provenance_is_rejected_and_only_the_refusal_is_kept(kwargs, reason):
    before = dump_but_rejections()
    outcome = do_import_letter(as_pdf(letter_2016()), "medway.pdf", **kwargs)
    assert outcome.result == "rejected"
    assert reason in outcome.reason
    assert dump_but_rejections() == before
    assert only_rejection_kept(reason)
