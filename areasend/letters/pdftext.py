"""Lay a PDF's text out as paragraphs, with PDFium; no Django, so a worker process can run it.

``areasend.letters.sandbox`` runs this in a child process with a memory and a
time limit: PDFium decodes every content stream in full, so a small file can
ask for gigabytes (a flate bomb).
"""

from __future__ import annotations

import ctypes
import itertools
import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

#: Letters and reports run to a dozen pages; far more is not a letter (or is a page bomb).
MAX_PAGES = 100
#: A long report holds about 40,000 characters; fifty times that is not a letter.
MAX_CHARS = 2_000_000

_BULLETS = "•●◼▪■◦‣-\u2013*"


class PdfTextError(ValueError):
    """A PDF that cannot be read as a letter; the message says why, for a person."""


@dataclass(frozen=True)
class PdfText:
    paragraphs: list[str]
    pages: int
    blank_pages: tuple[int, ...]  # 1-based numbers of pages with no text layer
    created: str = ""  # the PDF's CreationDate as written ("D:20240325094512Z"), or ""


@dataclass
class _Line:
    text: str
    left: float
    right: float
    bottom: float
    top: float
    baseline: float


def read_pdf(data: bytes, max_pages: int = MAX_PAGES, max_chars: int = MAX_CHARS) -> PdfText:
    """The PDF's paragraphs, laid out as a reader sees them; raises PdfTextError."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        reason = str(error).lower()
        if "password" in reason:
            raise PdfTextError("the PDF is encrypted (password-protected)") from None
        raise PdfTextError(f"the PDF cannot be read (damaged or truncated?): {error}") from None
    try:
        count = len(document)
        created = str(document.get_metadata_value("CreationDate") or "")
        if count > max_pages:
            raise PdfTextError(f"the PDF has {count} pages; a letter has at most {max_pages}")
        pages: list[list[_Line]] = []
        chars = 0
        for i in range(count):
            lines = _page_lines(document[i])
            chars += sum(len(line.text) for line in lines)
            if chars > max_chars:
                raise PdfTextError(
                    f"the PDF holds over {max_chars:,} characters of text by page {i + 1}; "
                    "a letter holds far fewer"
                )
            pages.append(lines)
    except pdfium.PdfiumError as error:
        raise PdfTextError(f"the PDF cannot be read: {error}") from None
    finally:
        document.close()
    repeated = _running_lines(pages)
    paragraphs: list[str] = []
    for lines in pages:
        page = _pdf_paragraphs([ln for ln in lines if _shape(ln.text) not in repeated])
        # A paragraph that runs over the page break continues in lower case.
        if paragraphs and page and page[0][:1].islower() and paragraphs[-1][-1:] not in ".:?!":
            paragraphs[-1] = _join([paragraphs[-1], page.pop(0)])
        paragraphs += page
    blank = tuple(number for number, lines in enumerate(pages, 1) if not lines)
    return PdfText(paragraphs, len(pages), blank, created)


def _page_lines(page: pdfium.PdfPage) -> list[_Line]:
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    lines: list[_Line] = []
    position = 0
    x, y = ctypes.c_double(), ctypes.c_double()
    # PDFium's text carries one character per text-page index, so a line's
    # offset is its first glyph's index: three look-ups per line (first and
    # last glyph boxes, first baseline) give its place at little cost.
    for raw in text.split("\r\n"):
        stripped = raw.lstrip()
        if stripped.strip():
            # A bullet glyph's box is set in another font; measure the words after it.
            words = stripped[1:].lstrip() if stripped[:1] in _BULLETS else stripped
            index = position + len(raw) - len(words or stripped)
            left, bottom, _, top = textpage.get_charbox(index, loose=True)
            last = position + len(raw.rstrip()) - 1
            right = textpage.get_charbox(last, loose=True)[2]
            pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
            lines.append(_Line(stripped.strip(), left, right, bottom, top, y.value))
        position += len(raw) + 2
    textpage.close()
    page.close()
    return lines


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def _running_lines(pages: list[list[_Line]]) -> set[str]:
    """Headers and footers: lines that recur, numbers aside, on several pages."""
    if len(pages) < 3:
        return set()
    seen = Counter(shape for lines in pages for shape in {_shape(ln.text) for ln in lines})
    return {shape for shape, count in seen.items() if count >= max(3, len(pages) // 2)}


def _pdf_paragraphs(lines: list[_Line]) -> list[str]:
    pitches = Counter(
        round(a.baseline - b.baseline, 1)
        for a, b in itertools.pairwise(lines)
        if abs(a.left - b.left) < 3 and b.baseline < a.baseline
    )
    pitch = pitches.most_common(1)[0][0] if pitches else 0.0
    paragraphs: list[str] = []
    current: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and current:
            height = max(previous.top - previous.bottom, 1.0)
            gap = previous.bottom - line.top
            new = (
                gap > 0.4 * height  # more space than between the lines of a paragraph
                or line.baseline > previous.baseline + 1  # back up the page: the next column
                or abs(line.left - previous.left) > 40  # another column
                or (line.text[:1] in _BULLETS and line.text[1:2] == " ")
                or (
                    _ends_sentence(previous, line)
                    and (
                        _ends_early(previous, line, lines)
                        # Rows of a table sit a little further apart than lines of a paragraph.
                        or previous.baseline - line.baseline > pitch + 0.3
                    )
                )
            )
            if new:
                paragraphs.append(_join(current))
                current = []
        current.append(line.text)
        previous = line
    if current:
        paragraphs.append(_join(current))
    return paragraphs


def _ends_sentence(line: _Line, following: _Line) -> bool:
    return line.text[-1:] in ".?!:" and following.text[:1].isupper()


def _ends_early(line: _Line, following: _Line, lines: list[_Line]) -> bool:
    """A line that ends although the next word would have fitted ends its paragraph.

    Some reports set their lists as table rows with no extra space between
    items; the ragged right edge still shows where each item stops.
    """
    edge = max(ln.right for ln in lines if abs(ln.left - line.left) < 3)
    per_char = (line.right - line.left) / max(len(line.text), 1)
    word = len(following.text.split(" ", 1)[0]) + 1
    return line.right + word * per_char < edge - per_char


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        # A word broken by a hyphen at the line's end is one word.
        if text.endswith("-") and not text.endswith(" -") and line[:1].islower():
            text = text[:-1] + line
        else:
            text += " " + line
    return text
