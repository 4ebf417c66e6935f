"""Turn a letter file (PDF, HTML or plain text) into normalised text.

Every format ends in the same shape: paragraphs separated by one blank line,
each paragraph on one line. Parsers read only that text, so a letter imports
to the same record whichever format it came in, and every span a parser
reports points into the text the reviewer sees.
"""

from __future__ import annotations

import ctypes
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.conf import settings

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Letters and reports run to a dozen pages; far more is not a letter (or is a page bomb).
MAX_PAGES = 100
_BULLETS = "•●◼▪■◦‣-\u2013*"
_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]+")
#: Every format's bullet becomes "• ", so a list reads the same from PDF, HTML or text.
_BULLET = re.compile(r"^[•●◼▪■◦‣*\u2013-] +|^[•●◼▪■◦‣](?=\S)")


class ExtractionError(ValueError):
    """A file that cannot be read as a letter; the message says why, for a person."""


@dataclass(frozen=True)
class Extracted:
    text: str
    format: str  # "pdf", "html" or "text"
    pages: int


def max_bytes() -> int:
    return int(getattr(settings, "AREASEND_LETTER_MAX_BYTES", DEFAULT_MAX_BYTES))


def extract(data: bytes, filename: str = "") -> Extracted:
    limit = max_bytes()
    if len(data) > limit:
        raise ExtractionError(
            f"the file is {len(data):,} bytes, over the {limit:,}-byte limit "
            "(setting AREASEND_LETTER_MAX_BYTES)"
        )
    if not data.strip():
        raise ExtractionError("the file is empty")
    name = filename.lower()
    if data[:1024].lstrip().startswith(b"%PDF-") or name.endswith(".pdf"):
        return _pdf(data)
    text = _decode(data)
    head = text[:1024].lstrip().lower()
    if name.endswith((".html", ".htm")) or head.startswith(("<!doctype html", "<html")):
        return _finish(_html_paragraphs(text), "html", 1)
    return _finish(_text_paragraphs(text), "text", 1)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExtractionError(
            f"the text is not UTF-8 (byte {error.start} is not valid); save it as UTF-8 and retry"
        ) from None


def _finish(paragraphs: list[str], fmt: str, pages: int) -> Extracted:
    clean = [_BULLET.sub("• ", p) for p in (_SPACE.sub(" ", q).strip() for q in paragraphs)]
    clean = [p for p in clean if p.strip("• ")]
    if sum(len(p) for p in clean) < 200:
        raise ExtractionError(
            "the file has almost no text"
            + (" (a scanned image? it would need OCR)" if fmt == "pdf" else "")
        )
    return Extracted(text="\n\n".join(clean), format=fmt, pages=pages)


def _text_paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in block.split("\n"):
            # A bullet starts a new item even without a blank line before it.
            if line.strip()[:1] in _BULLETS and line.strip()[1:2] == " " and current:
                paragraphs.append(" ".join(current))
                current = []
            current.append(line.strip())
        paragraphs.append(" ".join(current))
    return paragraphs


_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "br", "dt", "dd", "blockquote",
}  # fmt: skip


#: Elements whose content is never letter text.
_SKIPPED = {"script", "style", "template", "noscript", "title", "head", "svg", "iframe", "object"}
#: A URL that runs code when followed (browsers ignore spaces and controls within it), as an
#: attribute's value or as the target of a <meta http-equiv="refresh" content="0; url=...">.
_SCRIPT_URL = re.compile(r"^(javascript|vbscript):")
_REFRESH_URL = re.compile(r"url=['\"]?(javascript|vbscript):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20]+")
#: onload=, onclick=, onerror= and every other inline event handler.
_EVENT_HANDLER = re.compile(r"on[a-z]+")
#: Attributes that hold words, never a URL a browser would follow.
_TEXT_ATTRIBUTES = {"alt", "title", "class", "id", "name", "lang", "dir", "placeholder", "label"}
#: An embedded page (<iframe srcdoc="...">) that itself holds any of the above.
_SCRIPT_IN_SRCDOC = re.compile(r"<script|\son[a-z]+\s*=|(?:java|vb)script\s*:", re.I)
#: How many kinds of executable content a refusal names.
_FINDINGS_SHOWN = 3


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        #: Executable content found, each kind once, with the line it was first seen on.
        self.executable: dict[str, int] = {}
        self._current: list[str] = []
        self._skip = 0
        self._bullet = False

    def _found(self, what: str) -> None:
        self.executable.setdefault(what, self.getpos()[0])

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note scripts, inline event handlers and script URLs: such a page is refused."""
        if tag == "script":
            self._found("a <script> element")
        for name, value in attrs:
            if _EVENT_HANDLER.fullmatch(name):
                self._found(f"an inline event handler ({name}= on <{tag}>)")
            if name in _TEXT_ATTRIBUTES or name.startswith(("data-", "aria-")):
                continue
            url = _IGNORED_IN_URLS.sub("", value or "").lower()
            pattern = _REFRESH_URL if name == "content" else _SCRIPT_URL
            if match := pattern.search(url):
                self._found(f"a {match.group(1)}: URL ({name}= on <{tag}>)")
            if name == "srcdoc" and _SCRIPT_IN_SRCDOC.search(value or ""):
                self._found(f"a script in an embedded page ({name}= on <{tag}>)")

    def _break(self) -> None:
        if self._current:
            self.paragraphs.append("".join(self._current))
            self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)
        if tag in _SKIPPED:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self._break()
            self._bullet = self._bullet or tag == "li"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._bullet and data.strip():
            self._current.append("• ")
            self._bullet = False
        self._current.append(data.replace("\n", " "))


def _html_paragraphs(text: str) -> list[str]:
    """The page's paragraphs; a page with executable content is refused (ADR 0018)."""
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    parser._break()
    if parser.executable:
        found = [f"{what} on line {line}" for what, line in parser.executable.items()]
        more = len(found) - _FINDINGS_SHOWN
        listed = "; ".join(found[:_FINDINGS_SHOWN]) + (f"; and {more} more" if more > 0 else "")
        raise ExtractionError(
            f"the HTML contains executable content ({listed}); pages with scripts are not "
            "imported: supply the letter as the published PDF, or as text saved from the page"
        )
    return parser.paragraphs


@dataclass
class _Line:
    text: str
    left: float
    right: float
    bottom: float
    top: float
    baseline: float


def _pdf(data: bytes) -> Extracted:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        reason = str(error).lower()
        if "password" in reason:
            raise ExtractionError("the PDF is encrypted (password-protected)") from None
        raise ExtractionError(f"the PDF cannot be read (damaged or truncated?): {error}") from None
    if len(document) > MAX_PAGES:
        count = len(document)
        document.close()
        raise ExtractionError(f"the PDF has {count} pages; a letter has at most {MAX_PAGES}")
    try:
        pages = [_page_lines(document[i]) for i in range(len(document))]
    except pdfium.PdfiumError as error:
        raise ExtractionError(f"the PDF cannot be read: {error}") from None
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
    return _finish(paragraphs, "pdf", len(pages))


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
