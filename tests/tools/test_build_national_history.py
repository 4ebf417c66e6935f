"""The national history build (tools/build_national_history.py) on the shared evidence, and
on a copy whose peer table gives an area a second 2023-framework inspection."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_national_history.py"
PEER = Path("data/ofsted/area_send_2023_framework_latest_per_la_d2i_2026-06.csv")


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_national_history", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _copy(shared: Path, into: Path, extra: dict[str, str]) -> Path:
    """The shared folder with one more row in the peer's table (the rest linked, not copied)."""
    (into / "data").mkdir()
    (into / "corpus").symlink_to(shared / "corpus")
    (into / "data" / "ofsted").mkdir()
    for path in (shared / "data" / "ofsted").iterdir():
        (into / "data" / "ofsted" / path.name).symlink_to(path)
    (into / PEER).unlink()
    shutil.copy(shared / PEER, into / PEER)
    with (into / PEER).open("a", newline="", encoding="utf-8") as f:
        fields = (shared / PEER).read_text(encoding="utf-8").splitlines()[0].split(",")
        csv.DictWriter(f, fields).writerow(extra)
    return into


def test_the_shipped_data_is_what_the_build_makes_of_the_shared_evidence(
    tool: ModuleType, shared_dir: Path
) -> None:
    built = tool.build(shared_dir)
    shipped = (tool.OUT / "official_records.csv").read_text(encoding="utf-8")
    with (tool.OUT / "official_records.csv").open(newline="", encoding="utf-8") as f:
        assert list(csv.DictReader(f)) == built.records, "rebuild: tools/build_national_history.py"
    assert shipped
    with (tool.OUT / "conflicts.csv").open(newline="", encoding="utf-8") as f:
        assert list(csv.DictReader(f)) == built.conflicts


def test_every_conflict_is_listed_in_the_national_history_document(
    tool: ModuleType, shared_dir: Path
) -> None:
    doc = (TOOL.parents[1] / "docs" / "data" / "national-history.md").read_text(encoding="utf-8")
    for c in tool.build(shared_dir).conflicts:
        assert f"`{c['inspection']}`" in doc and c["fact"] in doc, c


def test_an_mi_row_and_a_later_report_are_both_held_in_order(
    tool: ModuleType, shared_dir: Path, tmp_path: Path
) -> None:
    # Hertfordshire: in the MI (on site 10 Jul 2023, systemic failings); a made-up later report.
    later = {
        "urn": "80475", "la_code": "919", "gss_code": "E10000015",
        "local_authority": "hertfordshire", "inspection_start": "2026-01-12",
        "inspection_end": "2026-01-16", "publication_date": "2026-03-20",
        "outcome": "inconsistent", "previous_inspection_end": "2023-07-14",
        "next_inspection": "3 years", "report_url": "https://files.ofsted.gov.uk/v1/file/1",
        "in_corpus": "no", "outcome_text": "",
    }  # fmt: skip
    built = tool.build(_copy(shared_dir, tmp_path, later))
    mine = [r for r in built.records if r["area"] == "E10000015" and r["framework"] == "2023"]
    assert [(r["inspection"], r["start_date"], r["outcome"]) for r in mine] == [
        ("hertfordshire-2023", "2023-07-10", "systemic_failings"),
        ("hertfordshire-2026", "2026-01-12", "inconsistent"),
    ]
    assert [r["in_history"] for r in mine] == ["yes", "yes"]
    events = built.events["hertfordshire"]
    letters = [e for e in events if e["event"] == "letter_published" and e["date"] >= "2023"]
    assert [(e["inspection"], e["outcome"]) for e in letters] == [
        ("hertfordshire-2023", "systemic_failings"),
        ("hertfordshire-2026", "inconsistent"),
    ]
    assert mine[1]["report_url"] == later["report_url"] and mine[0]["report_url"] == ""


def test_the_peers_unreadable_rows_are_records_without_events_and_say_so(
    tool: ModuleType, shared_dir: Path
) -> None:
    built = tool.build(shared_dir)
    by_id = {r["inspection"]: r for r in built.records}
    cambridgeshire, slough = by_id["cambridgeshire-2025"], by_id["slough-2025"]
    assert (cambridgeshire["start_date"], cambridgeshire["outcome"]) == ("", "inconsistent")
    assert (slough["start_date"], slough["outcome"]) == ("2025-07-07", "")
    for record in (cambridgeshire, slough):
        assert record["in_history"] == "no" and "not recorded here" in record["note"]
        assert not any(
            e["inspection"] == record["inspection"]
            for e in built.events.get(record["inspection"].rsplit("-", 1)[0], [])
        )
