"""Atom feeds cannot carry live markup: weakness wording reaches a feed reader as text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.test import Client

from areasend.areas.event_log import do_import_history

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SCRIPT = "<script>alert('feed')</script> joint commissioning"
IMAGE = '<img src="x" onerror="alert(1)"> the quality of EHC plans'


def _history() -> str:
    """Kent: a 2016 inspection whose two weaknesses carry markup, then a revisit judging them."""
    full = {"area": "Kent", "inspection": "k"}
    revisit = {"area": "Kent", "inspection": "k-revisit"}
    lines = [
        {**full, "date": "2019-01-21", "event": "inspection_notified", "kind": "full",
         "framework": "2016"},
        {**full, "date": "2019-01-28", "event": "fieldwork_started"},
        {**full, "date": "2019-02-01", "event": "fieldwork_ended"},
        {**full, "date": "2019-03-29", "event": "letter_published", "outcome": "wsoa",
         "weaknesses": [SCRIPT, IMAGE]},
        {**revisit, "date": "2021-05-04", "event": "inspection_notified", "kind": "revisit",
         "framework": "2016"},
        {**revisit, "date": "2021-05-18", "event": "fieldwork_started"},
        {**revisit, "date": "2021-05-20", "event": "fieldwork_ended"},
        {**revisit, "date": "2021-07-27", "event": "letter_published"},
        {**revisit, "date": "2021-07-27", "event": "progress_judged", "weakness": SCRIPT,
         "sufficient": True},
        {**revisit, "date": "2021-07-27", "event": "progress_judged", "weakness": IMAGE,
         "sufficient": False},
    ]  # fmt: skip
    return "".join(json.dumps(line) + "\n" for line in lines)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def rendered_tags(element: ET.Element) -> list[str]:
    """The HTML elements a feed reader would build from an Atom text construct."""
    if element.get("type", "text") == "text":
        return []
    parser = _Tags()
    parser.feed(element.text or "")
    return parser.tags


@pytest.mark.parametrize("url", ["/feed.atom", "/areas/kent/feed.atom"])
def test_weakness_markup_reaches_a_feed_reader_as_literal_text(client: Client, url: str) -> None:
    do_import_history(_history())
    response = client.get(url)
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    summaries = [e.find(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")]
    texts = [s.text or "" for s in summaries if s is not None]
    assert any(SCRIPT in t for t in texts) and any(IMAGE in t for t in texts)
    for element in feed.iter():
        assert element.tag.startswith(ATOM), f"markup became XML: {element.tag}"
        assert rendered_tags(element) == [], f"{element.tag} renders {rendered_tags(element)}"
