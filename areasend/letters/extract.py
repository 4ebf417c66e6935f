"""Turn a letter file (PDF, HTML or plain text) into normalised text.

Every format ends in the same shape: paragraphs separated by one blank line,
each paragraph on one line. Parsers read only that text, so a letter imports
to the same record whichever format it came in, and every span a parser
reports points into the text the reviewer sees.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import charset_normalizer
from django.conf import settings

from areasend.letters import sandbox
from areasend.letters.clean import clean
from areasend.letters.pdftext import MAX_CHARS, MAX_PAGES, PdfTextError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
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
    blank_pages: tuple[int, ...] = ()  # pages with no text layer (scanned?), 1-based
    encoding: str = "utf-8"  # as detected, for text and HTML
    created: dt.date | None = None  # a PDF's own creation date, from its metadata


def max_bytes() -> int:
    return int(getattr(settings, "AREASEND_LETTER_MAX_BYTES", DEFAULT_MAX_BYTES))


def _pdf(data: bytes) -> Extracted:
    """The PDF read in the bounded worker (ADR 0026): memory and time are capped."""
    try:
        text = sandbox.read_pdf_bounded(
            data,
            memory_mb=int(
                getattr(settings, "AREASEND_LETTER_EXTRACT_MB", sandbox.DEFAULT_MEMORY_MB)
            ),
            seconds=float(
                getattr(settings, "AREASEND_LETTER_EXTRACT_SECONDS", sandbox.DEFAULT_SECONDS)
            ),
            max_pages=MAX_PAGES,
            max_chars=MAX_CHARS,
        )
    except (PdfTextError, sandbox.SandboxError) as error:
        raise ExtractionError(str(error)) from None
    return _finish(
        text.paragraphs, "pdf", text.pages, text.blank_pages, created=_pdf_date(text.created)
    )


def _pdf_date(value: str) -> dt.date | None:
    """A PDF date string ("D:20240325094512+00'00'") as a date; None when absent or malformed."""
    match = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", value)
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def size_problem(size: int) -> str:
    """Why a file of this size is refused, or "" when it is within the limit."""
    limit = max_bytes()
    if size <= limit:
        return ""
    return (
        f"the file is {size:,} bytes, over the {limit:,}-byte limit "
        "(setting AREASEND_LETTER_MAX_BYTES)"
    )


def extract(data: bytes, filename: str = "") -> Extracted:
    if problem := size_problem(len(data)):
        raise ExtractionError(problem)
    if not data.strip():
        raise ExtractionError("the file is empty")
    name = filename.lower()
    if data[:1024].lstrip().startswith(b"%PDF-") or name.endswith(".pdf"):
        return _pdf(data)
    text, encoding = _decode(data)
    head = text[:1024].lstrip().lower()
    if name.endswith((".html", ".htm")) or head.startswith(("<!doctype html", "<html")):
        return _finish(_html_paragraphs(text), "html", 1, encoding=encoding)
    return _finish(_text_paragraphs(text), "text", 1, encoding=encoding)


def _decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 when it is valid, else what the bytes show."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ExtractionError(
            "the text is in no encoding that could be recognised (is it a text file?); "
            "save it as UTF-8 and retry"
        )
    return str(best), best.encoding


def _finish(
    paragraphs: list[str],
    fmt: str,
    pages: int,
    blank_pages: tuple[int, ...] = (),
    encoding: str = "utf-8",
    created: dt.date | None = None,
) -> Extracted:
    tidy = [_BULLET.sub("• ", p) for p in (_SPACE.sub(" ", q).strip() for q in paragraphs)]
    tidy = clean([p for p in tidy if p.strip("• ")])
    if sum(len(p) for p in tidy) < 200:
        raise ExtractionError(
            "the file has almost no text"
            + (" (a scanned image? it would need OCR)" if fmt == "pdf" else "")
        )
    return Extracted("\n\n".join(tidy), fmt, pages, blank_pages, encoding, created)


#: Hard-wrapped text: lines this long or longer were wrapped to a width, not ended by the writer.
_WRAPPED = 50


def _text_paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        width = _wrap_width(lines)
        current: list[str] = []
        for line in lines:
            # A bullet starts a new item even without a blank line before it.
            bullet = line[:1] in _BULLETS and line[1:2] == " "
            if current and (bullet or _ended_early(current[-1], line, width)):
                paragraphs.append(" ".join(current))
                current = []
            current.append(line)
        paragraphs.append(" ".join(current))
    return paragraphs


def _wrap_width(lines: list[str]) -> int:
    """The width a block was wrapped to, or 0 when it is not hard-wrapped prose."""
    if len(lines) < 4:
        return 0
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(len(lengths) * 0.9) - 1]
    return width if width >= _WRAPPED else 0


def _ended_early(line: str, following: str, width: int) -> bool:
    """In wrapped text, a line ends before the width only where its paragraph ends.

    A short line without a full stop after a sentence's end is a heading.
    """
    if not width:
        return False
    heading = (
        line[-1:] in ".:?!" and len(following) < 0.6 * width and following[-1:] not in ".:?!;,"
    )
    return heading or len(line) + 1 + len(following.split(" ", 1)[0]) < width - 2


_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "br", "dt", "dd", "blockquote",
}  # fmt: skip


#: Elements whose content is never letter text.
_SKIPPED = {"script", "style", "template", "noscript", "title", "head", "svg", "iframe", "object"}
#: A URL that runs code when followed (browsers ignore spaces and controls within it), as an
#: attribute's value or as the target of a <meta http-equiv="refresh" content="0; url=...">.
#: A data: URL carries a whole document (data:text/html,<script>...) into a frame, an
#: <object>, an <embed>, a link or a refresh; only a raster picture in an <img> is inert.
_SCRIPT_URL = re.compile(r"^(javascript|vbscript|data):")
_REFRESH_URL = re.compile(r"url=['\"]?(javascript|vbscript|data):")
_INERT_DATA = re.compile(r"data:image/(?:png|jpeg|jpg|gif|webp|avif|bmp)[;,]")
_IMAGE_SOURCES = {("img", "src"), ("img", "srcset"), ("source", "srcset")}
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
            if (tag, name) in _IMAGE_SOURCES and _INERT_DATA.match(url):
                continue
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
