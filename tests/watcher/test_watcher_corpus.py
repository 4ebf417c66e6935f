"""The real published reports in ../shared/corpus, served as Ofsted serves them: each lands
in the review queue with its area and its listing's publication date, and the date
cross-check finds nothing wrong with any of them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from areasend.areas.models import HistoryEvent
from areasend.letters.models import LetterImport
from areasend.letters.record import LetterRecord
from areasend.watcher.client import PoliteClient
from areasend.watcher.service import do_watch_ofsted
from tests.watcher.fake_ofsted import FakeOfsted, File, Provider

pytestmark = pytest.mark.django_db


def test_every_corpus_report_is_imported_with_its_area_and_publication_date(
    shared_dir: Path, site: FakeOfsted, client: PoliteClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("areasend.watcher.service.ROWS", 10)
    labels = [
        json.loads(line) for line in (shared_dir / "corpus/labels.jsonl").read_text().splitlines()
    ]
    site.providers = []
    for number, label in enumerate(labels):
        urn = label["file"].split("_")[0]
        published = dt.date.fromisoformat(label["publication_date"])
        body = (shared_dir / "corpus/pdf" / label["file"]).read_bytes()
        text = f"Area SEND full inspection - {published.day} {published:%B %Y}"
        site.providers.append(
            Provider(urn, label["local_area"], [File(str(60000000 + number), text, body)])
        )
    events = HistoryEvent.objects.count()
    run = do_watch_ofsted(client=client)
    assert (run.status, run.imported, run.failed) == ("succeeded", len(labels), 0)
    assert len(site.paths("/search")) == -(-len(labels) // 10)
    by_date = {
        (letter.area.name if letter.area else None, letter.publication_date)
        for letter in LetterImport.objects.select_related("area")
    }
    assert by_date == {
        (label["local_area"], dt.date.fromisoformat(label["publication_date"])) for label in labels
    }
    for letter in LetterImport.objects.all():
        record = LetterRecord.from_json(letter.record)
        assert record.publication_date.value == letter.publication_date
        assert [p for p in record.problems if "listing" in p] == [], letter.file_name
    assert HistoryEvent.objects.count() == events
