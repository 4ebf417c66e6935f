"""Real follow-up cases for the casework tests: Medway's revisit (framework.md §8.1) and
Nottinghamshire's monitoring inspection (§8.4), with the weaknesses of their real letters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from areasend.framework.events import Framework, Outcome
from areasend.inspections.models import Inspection
from areasend.inspections.services import (
    do_add_finding,
    do_decide_outcome,
    do_draft_letter,
    do_end_fieldwork,
    do_publish_letter,
    do_revise_letter,
    do_start_fieldwork,
)

HISTORIES = Path(__file__).resolve().parents[2] / "areasend" / "areas" / "data" / "histories"


def published_weaknesses(file: str, inspection: str) -> tuple[str, ...]:
    """The weaknesses of a real letter, as the demo history records them."""
    for line in (HISTORIES / file).read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        if event["event"] == "letter_published" and event["inspection"] == inspection:
            return tuple(event["weaknesses"])
    raise AssertionError(f"{inspection} has no letter in {file}")


MEDWAY_WEAKNESSES = published_weaknesses("medway.jsonl", "medway-2017")
#: The three Medway's revisit found insufficient (§8.1).
MEDWAY_INSUFFICIENT = frozenset(
    w
    for w in MEDWAY_WEAKNESSES
    if w.startswith(("joint strategic", "a clearly", "the quality of e"))
)
NOTTS_PRIORITIES = published_weaknesses("nottinghamshire.jsonl", "notts-2023")


def publish_full(
    lead: Any,
    inspection: Inspection,
    *,
    started: dt.date,
    ended: dt.date,
    significant: tuple[str, ...],
    outcome: Outcome,
    dated: dt.date,
    published: dt.date,
) -> Inspection:
    question = "assess_meet" if inspection.framework == Framework.F2016 else "better"
    do_start_fieldwork(lead, inspection, on=started)
    do_end_fieldwork(lead, inspection, on=ended)
    for text in significant:
        do_add_finding(lead, inspection, question=question, kind="significant", text=text)
    do_decide_outcome(lead, inspection, outcome=outcome, decided_on=dated)
    letter = do_draft_letter(lead, inspection)
    do_revise_letter(lead, letter, body=letter.body, version=letter.version, reviewed=True)
    return do_publish_letter(lead, inspection, dated=dated, published_on=published)
