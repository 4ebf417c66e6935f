"""What the watcher reads on Ofsted's reports site, and how it knows the site has changed.

The search listing links each provider as ``<a href="/provider/<n>/<urn>">``;
a provider page links each publication as ``<a class="publication-link"
href="https://files.ofsted.gov.uk/v1/file/<id>">`` whose text names the
publication and its date, "Area SEND full inspection - 4 February 2025"
(often repeated in a ``span.nonvisual`` as "Area SEND full inspection, pdf -
4 February 2025"). When a page lacks what it should have, ``StructureError``
names what is missing: the run fails rather than reading a silent zero.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


class StructureError(ValueError):
    """The page no longer has the structure the watcher reads; the message says what is missing."""


@dataclass(frozen=True)
class ProviderLink:
    url: str
    name: str


@dataclass(frozen=True)
class Publication:
    file_id: str
    url: str
    #: What Ofsted calls it, e.g. "Area SEND full inspection".
    kind: str
    published: dt.date


@dataclass(frozen=True)
class _Link:
    href: str
    classes: frozenset[str]
    text: str
    nonvisual: str


class _Links(HTMLParser):
    """Every ``<a href>`` with its classes, its text and the text of its ``span.nonvisual``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[_Link] = []
        self._open: dict[str, str] | None = None
        self._text: list[str] = []
        self._nonvisual: list[str] = []
        self._in_nonvisual = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "a" and values.get("href"):
            self._open, self._text, self._nonvisual = values, [], []
        elif tag == "span" and self._open is not None:
            if self._in_nonvisual or "nonvisual" in values.get("class", "").split():
                self._in_nonvisual += 1
        elif tag == "h1":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._in_nonvisual:
            self._in_nonvisual -= 1
        elif tag == "a" and self._open is not None:
            self.links.append(
                _Link(
                    self._open["href"],
                    frozenset(self._open.get("class", "").split()),
                    _squash("".join(self._text)),
                    _squash("".join(self._nonvisual)),
                )
            )
            self._open = None
        elif tag == "h1":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)
            if self._in_nonvisual:
                self._nonvisual.append(data)
        if self._in_title:
            self.title += data


def _squash(text: str) -> str:
    return " ".join(text.split())


def _links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser


_PROVIDER = re.compile(r"^/provider/\d+/\d+/?$")


def parse_listing(html: str, page_url: str) -> list[ProviderLink]:
    """The providers a search listing page links to, in order, each once."""
    seen: dict[str, ProviderLink] = {}
    for link in _links(html).links:
        url = urljoin(page_url, link.href)
        if _PROVIDER.match(urlsplit(url).path) and url not in seen:
            seen[url] = ProviderLink(url, link.text)
    return list(seen.values())


#: Area SEND publications, whatever the framework: "Area SEND full inspection",
#: "Area SEND monitoring inspection", "Joint local area SEND inspection", "… SEND revisit".
_AREA_SEND = re.compile(r"\bSEND\b", re.IGNORECASE)
_DATED = re.compile(
    r"^(?P<kind>.+?)(?:,\s*pdf)?\s+[-\u2013\u2014]\s+(?P<date>\d{1,2}\s+[A-Za-z]+\s+\d{4})$",
    re.IGNORECASE,
)
_FILE_ID = re.compile(r"/v1/file/(\d+)/?$")


def parse_provider(html: str, page_url: str) -> tuple[str, list[Publication]]:
    """The provider's name and its area SEND publications.

    Raises StructureError when the page has no publication links at all, or an
    area SEND publication whose link has no file id or no readable date.
    """
    parsed = _links(html)
    links = [link for link in parsed.links if "publication-link" in link.classes]
    if not links:
        raise StructureError("no publication links (a.publication-link): has the site changed?")
    publications = []
    for link in links:
        label = link.nonvisual or link.text
        if not _AREA_SEND.search(label):
            continue  # children's services, JTAI and other inspections: not ours
        url = urljoin(page_url, link.href)
        file_id = _FILE_ID.search(urlsplit(url).path)
        if file_id is None:
            raise StructureError(f"publication link {url} has no file id (/v1/file/<id>)")
        dated = _DATED.match(label)
        published = _date(dated.group("date")) if dated else None
        if dated is None or published is None:
            raise StructureError(
                f"publication {url} has no date in the form "
                f"'Area SEND full inspection - 4 February 2025' (read {label!r})"
            )
        kind = _squash(dated.group("kind"))
        publications.append(Publication(file_id.group(1), url, kind, published))
    return _squash(parsed.title), publications


def _date(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(_squash(text), "%d %B %Y").replace(tzinfo=dt.UTC).date()
    except ValueError:
        return None
