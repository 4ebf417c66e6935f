"""Fuzzing the letter importer: whatever bytes arrive (text, HTML, PDF or noise), read_letter
returns a record or raises ExtractionError with a reason; never any other exception."""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from areasend.letters.extract import ExtractionError
from areasend.letters.services import read_letter
from tests.letters.synthetic import (
    DIRECTORY,
    as_html,
    as_pdf,
    as_text,
    letter_2016,
    monitoring_2023,
    revisit_2016,
)

LETTERS = [letter_2016(), revisit_2016([True] * 5 + [False] * 3), monitoring_2023()]
PDF = as_pdf(LETTERS[0])
# Bounded: each property runs at most this many examples (AREASEND_FUZZ_EXAMPLES to hunt
# longer), so the suite's time stays fixed.
FUZZ = settings(
    max_examples=int(os.environ.get("AREASEND_FUZZ_EXAMPLES", 100)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
NAMES = st.sampled_from(["", "letter.txt", "letter.html", "letter.pdf", "LETTER.HTM", "x"])


def survives(data: bytes, name: str) -> None:
    try:
        extracted, record = read_letter(data, name, DIRECTORY)
    except ExtractionError as error:
        assert str(error), "a refusal always says why"
    else:
        assert extracted.text and record is not None


@FUZZ
@given(st.binary(max_size=5000), NAMES)
def test_arbitrary_bytes_are_read_or_refused(data, name):
    survives(data, name)


@FUZZ
@given(st.text(max_size=5000), NAMES)
def test_arbitrary_text_is_read_or_refused(text, name):
    survives(text.encode("utf-8", "surrogatepass"), name)


TAGS = [
    "<p>", "</p>", "<br>", "<li>", "</li>", "<ul>", "</ul>", "<table><tr><td>", "</td></tr></table>",
    "<script>", "</script>", "<style>", "</style>", "<svg>", "</svg>", "<!-- ", " -->", "<![CDATA[",
    "]]>", "&#0;", "&#xD800;", "&#99999999;", "&amp;", "&nbsp;", "<h2>", "</h2>", "<", ">", "</",
    "<p class='a", "\r", "\n\n", "\u00a0", "• ",
]  # fmt: skip


@FUZZ
@given(st.lists(st.sampled_from(TAGS) | st.text(max_size=80), max_size=80))
def test_arbitrary_html_is_read_or_refused(parts):
    survives(("<!DOCTYPE html><html><body>" + "".join(parts)).encode("utf-8", "surrogatepass"), "")


@FUZZ
@given(
    st.sampled_from(LETTERS),
    st.lists(st.tuples(st.integers(0, 60), st.text(max_size=200)), max_size=6),
    st.sampled_from([as_text, as_html]),
)
def test_a_letter_with_paragraphs_replaced_is_read_or_refused(letter, edits, render):
    paragraphs = list(letter)
    for index, text in edits:
        if index < len(paragraphs):
            paragraphs[index] = text
        else:
            del paragraphs[index % len(paragraphs)]
        if not paragraphs:
            break
    survives(render(paragraphs), "")


@FUZZ
@given(st.binary(max_size=3000))
def test_pdf_headed_noise_is_read_or_refused(noise):
    survives(b"%PDF-1.4\n" + noise, "letter.pdf")


@FUZZ
@given(
    st.lists(st.tuples(st.integers(0, len(PDF) - 1), st.integers(0, 255)), min_size=1, max_size=20),
    st.integers(1, len(PDF)),
)
def test_a_damaged_real_pdf_is_read_or_refused(flips, length):
    damaged = bytearray(PDF[:length])
    for position, value in flips:
        if position < len(damaged):
            damaged[position] = value
    survives(bytes(damaged), "letter.pdf")
