"""Reading files: every format to the same text, and every hostile file refused with a reason."""

from io import BytesIO

import pytest
from reportlab.pdfgen import canvas

from areasend.letters.extract import ExtractionError, extract
from areasend.letters.parsers import parse
from tests.letters.synthetic import (
    DIRECTORY,
    EXECUTABLE,
    as_html,
    as_pdf,
    as_text,
    letter_2016,
    monitoring_2023,
    revisit_2016,
    with_executable,
)

LETTERS = {
    "2016 full": letter_2016(),
    "2016 revisit": revisit_2016([True] * 5 + [False] * 3),
    "2023 monitoring": monitoring_2023(),
}


@pytest.mark.parametrize("name", LETTERS)
def test_the_same_letter_as_text_html_and_pdf_imports_to_the_same_record(name):
    paragraphs = LETTERS[name]
    read = {
        fmt: extract(data, f"letter.{fmt}")
        for fmt, data in (
            ("txt", as_text(paragraphs)),
            ("html", as_html(paragraphs)),
            ("pdf", as_pdf(paragraphs)),
        )
    }
    assert [r.format for r in read.values()] == ["text", "html", "pdf"]
    records = {fmt: parse(r.text, DIRECTORY).as_json() for fmt, r in read.items()}
    assert records["txt"] == records["html"] == records["pdf"]
    assert records["txt"]["kind"]["value"] is not None
    assert records["txt"]["problems"] == []


def test_html_styles_title_and_noscript_are_not_letter_text():
    text = extract(as_html(letter_2016()), "letter.html").text
    assert "color: red" not in text
    assert "turn on scripts" not in text
    assert "Letter\n" not in text
    assert text.startswith("2 February 2018")


@pytest.mark.parametrize("case", EXECUTABLE)
def test_html_with_executable_content_is_refused_naming_what_was_found(case):
    page = with_executable(as_html(letter_2016()), case)
    with pytest.raises(ExtractionError) as refused:
        extract(page, "letter.html")
    message = str(refused.value)
    assert EXECUTABLE[case][2] in message
    assert message.startswith("the HTML contains executable content (")
    assert "supply the letter as the published PDF, or as text saved from the page" in message


def test_html_is_recognised_as_html_by_its_doctype_whatever_the_file_is_called():
    page = with_executable(as_html(letter_2016()), "onload on body")
    with pytest.raises(ExtractionError, match="onload="):
        extract(page, "")


def test_a_refusal_names_at_most_three_findings_and_counts_the_rest():
    page = as_html(letter_2016())
    for case in (
        "script in the head",
        "onload on body",
        "javascript link",
        "onclick on a paragraph",
    ):
        page = with_executable(page, case)
    with pytest.raises(ExtractionError) as refused:
        extract(page, "letter.html")
    message = str(refused.value)
    assert message.count(" on line ") == 3
    assert "; and 1 more)" in message


def test_harmless_markup_that_only_mentions_scripts_imports_as_before():
    plain = as_html(letter_2016())
    harmless = (
        plain.replace(b"<body>", b"<body><!-- <script>alert(1)</script> -->", 1)
        .replace(b"<p>", b'<p class="online" data-note="javascript: not needed">', 1)
        .replace(b"</body>", b"<noscript><p onclick-free>no</p></noscript></body>", 1)
    )
    assert extract(harmless, "letter.html") == extract(plain, "letter.html")


def test_html_list_items_read_as_bullets():
    text = extract(as_html(letter_2016()), "letter.html").text
    assert "\n\n• the poor quality and timeliness of education, health and care plans\n\n" in text


def _reportlab(**kwargs) -> tuple[BytesIO, canvas.Canvas]:
    buffer = BytesIO()
    return buffer, canvas.Canvas(buffer, **kwargs)


def test_encrypted_pdf_is_refused_as_password_protected():
    buffer, pdf = _reportlab(encrypt="secret")
    pdf.drawString(72, 700, "Joint local area SEND inspection in Medway")
    pdf.save()
    with pytest.raises(ExtractionError, match="encrypted"):
        extract(buffer.getvalue(), "letter.pdf")


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_pdf_is_refused_as_damaged(cut):
    pdf = as_pdf(letter_2016())
    with pytest.raises(ExtractionError, match="damaged or truncated"):
        extract(pdf[: int(len(pdf) * cut)], "letter.pdf")


def test_image_only_pdf_is_refused_as_needing_ocr():
    buffer, pdf = _reportlab()
    pdf.rect(72, 72, 400, 600, fill=1)  # a page with marks but no text layer, like a scan
    pdf.save()
    with pytest.raises(ExtractionError, match="OCR"):
        extract(buffer.getvalue(), "scan.pdf")


def test_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.AREASEND_LETTER_MAX_BYTES = 1000
    with pytest.raises(ExtractionError, match="over the 1,000-byte limit"):
        extract(as_pdf(letter_2016()), "letter.pdf")


def test_size_limit_defaults_to_twenty_megabytes(settings):
    del settings.AREASEND_LETTER_MAX_BYTES
    with pytest.raises(ExtractionError, match="20,971,520-byte limit"):
        extract(b"x" * (20 * 1024 * 1024 + 1), "big.txt")


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_text_in_another_encoding_is_detected_and_reads_as_the_utf8_text(encoding):
    letter = "\n\n".join(letter_2016()).replace("Ofsted", "Ofsted café")
    read = extract(letter.encode(encoding), "letter.txt")
    assert read.text == extract(letter.encode("utf-8"), "letter.txt").text
    assert "café" in read.text
    assert read.encoding != "utf-8"


def test_empty_file_is_refused():
    with pytest.raises(ExtractionError, match="empty"):
        extract(b"  \n", "letter.txt")


def test_lines_of_a_text_paragraph_are_joined_and_bullets_start_new_paragraphs():
    body = (
        "Areas for development\nToo few schools identify\nneeds accurately.\n- first item\n- second item\n"
        * 4
    )
    text = extract(body.encode(), "letter.txt").text
    assert "Too few schools identify needs accurately." in text
    assert "\n\n• first item\n\n• second item" in text


def test_pdf_with_far_more_pages_than_a_letter_is_refused():
    buffer, pdf = _reportlab()
    for _ in range(101):
        pdf.drawString(72, 700, "page")
        pdf.showPage()
    pdf.save()
    with pytest.raises(ExtractionError, match="101 pages"):
        extract(buffer.getvalue(), "many.pdf")
