"""Text repaired as extraction leaves it: hyphens, ligatures, quotes, hard wraps, blank pages."""

from io import BytesIO

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from areasend.letters.clean import clean
from areasend.letters.extract import extract
from areasend.letters.services import do_import_letter
from tests.letters.synthetic import letter_2016


def test_a_line_end_hyphen_pdfium_marks_is_the_word_own_hyphen_unless_the_letter_writes_it_whole():
    paragraphs = [
        "Leaders in Stoke-on\ufffeTrent improved ser\ufffevices and co\ufffeproduction.",
        "Health services and well-being are improving; co-production is strong.",
    ]
    assert clean(paragraphs)[0] == (
        "Leaders in Stoke-on-Trent improved services and co-production."
    )


def test_a_line_end_hyphen_with_no_evidence_either_way_stays_a_hyphen():
    assert clean(["a six\ufffeweek wait"]) == ["a six-week wait"]


def test_soft_hyphens_vanish_ligatures_are_spelt_out_and_quotes_made_plain():
    assert clean(["e\u00adﬀective \ufb01nance, the area\u2019s \u201cLocal Offer\u201d"]) == [
        'effective finance, the area\'s "Local Offer"'
    ]


def test_no_text_reaches_a_parser_with_a_line_end_marker():
    text = "\n\n".join(letter_2016()).replace("services", "ser\ufffevices")
    read = extract(text.encode(), "letter.txt").text
    assert "\ufffe" not in read
    assert "services" in read


def test_hard_wrapped_text_is_re_flowed_into_its_paragraphs():
    paragraphs = letter_2016()
    wrapped = "\n".join(
        "\n".join(_wrap(p, 72)) for p in paragraphs
    )  # one newline between paragraphs, as a pasted e-mail gives it
    read = extract(wrapped.encode(), "letter.txt").text
    as_typed = extract("\n\n".join(paragraphs).encode(), "letter.txt").text
    assert read.split("\n\n") == as_typed.split("\n\n")


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def _pdf_with_a_blank_page() -> bytes:
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for page in (letter_2016(), None):
        if page is None:
            pdf.rect(72, 72, 400, 600, fill=1)  # a scanned page: marks, no text layer
        else:
            y = 800
            for para in page:
                for line in _wrap(para, 95):
                    pdf.drawString(40, y, line)
                    y -= 12
                y -= 8
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_page_without_text_is_reported_by_number():
    assert extract(_pdf_with_a_blank_page(), "letter.pdf").blank_pages == (2,)


@pytest.mark.django_db
def test_a_letter_with_a_page_without_text_goes_to_review_naming_the_page():
    outcome = do_import_letter(_pdf_with_a_blank_page(), "letter.pdf")
    assert outcome.result == "needs_review"
    assert "page 2 of 2 has no text (scanned?)" in outcome.reason
