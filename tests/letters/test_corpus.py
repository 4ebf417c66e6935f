"""The real published 2023-framework reports in ../shared/corpus against their hand labels."""

import csv
import datetime as dt
import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from areasend.areas.resolve import AreaDirectory, AreaRecord
from areasend.letters.extract import extract
from areasend.letters.parsers import parse
from areasend.letters.record import LetterRecord
from tests.letters.synthetic import MEDWAY_WEAKNESSES, as_pdf, letter_2016, revisit_2016

REPO = Path(__file__).resolve().parents[2]


def _directory() -> AreaDirectory:
    with (REPO / "areasend/areas/data/local_areas.csv").open(encoding="utf-8") as f:
        return AreaDirectory(
            [
                AreaRecord(
                    row["gss_code"], row["name"],
                    dt.date.fromisoformat(row["valid_from"]) if row["valid_from"] else None,
                    dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
                    names=tuple(n for n in row["alternative_names"].split(";") if n),
                )
                for row in csv.DictReader(f)
            ]
        )  # fmt: skip


@functools.cache
def _read_corpus(shared: Path) -> list[tuple[dict[str, Any], LetterRecord, AreaDirectory]]:
    directory = _directory()
    labels = [
        json.loads(line) for line in (shared / "corpus/labels.jsonl").read_text().splitlines()
    ]
    return [
        (
            label,
            parse(
                extract((shared / "corpus/pdf" / label["file"]).read_bytes(), label["file"]).text,
                directory,
            ),
            directory,
        )
        for label in labels
    ]


@pytest.fixture
def corpus(shared_dir):
    return _read_corpus(shared_dir)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.replace("…", "").lower()).split())


def _opening(text: str) -> str:
    return _words(text)[:60]


def test_kind_area_and_outcome_are_read_exactly_from_every_report(corpus):
    for label, record, directory in corpus:
        assert record.kind.value == "2023_full", label["file"]
        assert record.area_code.value == directory.resolve(label["local_area"]).gss_code, label[
            "file"
        ]
        assert record.outcome.value == label["outcome"], label["file"]


def test_inspection_and_previous_inspection_dates_match_the_labels(corpus):
    wrong = [
        (label["file"], field)
        for label, record, _ in corpus
        for field in ("inspection_start", "inspection_end", "previous_inspection")
        if (getattr(record, field).value.isoformat() if getattr(record, field).value else None)
        != label[field]
    ]
    assert len(wrong) <= 0.05 * 3 * len(corpus), wrong


def test_priority_actions_and_improvements_reach_f1_of_0_9(corpus):
    for field, labelled in (("weaknesses", "priority_actions"), ("improvements", "improvements")):
        hits = found = wanted = 0
        for label, record, _ in corpus:
            got = [_opening(f.value) for f in getattr(record, field)]
            want = [_opening(w) for w in label[labelled]]
            found += len(got)
            wanted += len(want)
            hits += sum(1 for w in want if any(g[: len(w)] == w[: len(g)] for g in got))
        precision, recall = hits / found, hits / wanted
        assert 2 * precision * recall / (precision + recall) >= 0.9, field


def test_no_item_runs_on_into_the_next_item_or_section(corpus):
    for label, record, _ in corpus:
        openings = [
            _opening(item)[:40] for item in label["priority_actions"] + label["improvements"]
        ]
        for found in (*record.weaknesses, *record.improvements):
            whole = _words(found.value or "")
            assert "areas for improvement" not in whole, (label["file"], whole[:60])
            assert not any(o in whole[1:] for o in openings), (label["file"], whole[:60])


def test_the_publication_date_which_reports_do_not_print_stays_unknown(corpus):
    assert all(record.publication_date.value is None for _, record, _ in corpus)


def test_a_synthetic_2016_letter_and_revisit_agree_with_the_official_table(shared_dir):
    """Medway in Ofsted's table: WSOA with 8 weaknesses; revisit 5 sufficient, 3 not."""
    with (shared_dir / "data/ofsted/area_send_inspections_2016_to_2022.csv").open(
        encoding="utf-8"
    ) as f:
        row = next(r for r in csv.DictReader(f) if r["Area name"] == "Medway")
    directory = _directory()
    letter = parse(extract(as_pdf(letter_2016()), "medway.pdf").text, directory)
    assert letter.area_code.value == row["Local authority code"]
    assert str(letter.inspection_start.value) == row["Inspection start date"]
    assert letter.outcome.value == (
        "wsoa"
        if row["Inspection outcome: written statement of action required?"] == "Yes"
        else "no_wsoa"
    )
    assert len(letter.weaknesses) == int(
        float(row["Number significant weaknesses identified in written statement of action"])
    )
    assert [w.value for w in letter.weaknesses] == MEDWAY_WEAKNESSES
    revisit = parse(
        extract(as_pdf(revisit_2016([True] * 5 + [False] * 3)), "r.pdf").text, directory
    )
    assert str(revisit.inspection_start.value) == row["Revisit start date"]
    assert sum(p.sufficient for p in revisit.judgements()) == int(
        float(row["Number significant weaknesses where sufficient progress has been made"])
    )
    assert sum(not p.sufficient for p in revisit.judgements()) == int(
        float(row["Number significant weaknesses where sufficient progress has not been made"])
    )
