"""Score the letter importer against the hand labels of the real corpus, field by field.

    .venv/bin/python bench/letters_accuracy.py

Exact fields: kind, area, dates, outcome, expectations. Lists (areas for
priority action, areas for improvement, ICBs, team): precision, recall and F1
with one-to-one fuzzy matching of each item's opening words, since the labels
cut long items short with "…".
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from _letters_common import CORPUS, area_directory
from rapidfuzz import fuzz

from areasend.areas.resolve import AreaDirectory
from areasend.letters.extract import extract
from areasend.letters.parsers import parse
from areasend.letters.record import Found, LetterRecord
from tests.letters import synthetic

OPENING = 80  # characters of an item compared


def _norm(text: str) -> str:
    text = text.replace("…", " ").replace("\u2019", "'").lower()
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text).split())


def _same_item(label: str, found: str) -> bool:
    a, b = _norm(label), _norm(found)
    n = min(len(a), len(b), OPENING)
    return n > 0 and fuzz.ratio(a[:n], b[:n]) >= 90


def _run_on(found: list[str], labels: list[str]) -> list[str]:
    """Items that swallowed the opening of another labelled item: each counts as wrong."""
    openings = [_norm(label)[:40] for label in labels]
    return [f for f in found if any(o and o in _norm(f)[1:] for o in openings)]


def _match(
    labels: list[str], found: list[str], same: Callable[[str, str], bool]
) -> tuple[int, int, int]:
    """True positives, found, labelled: each label matches at most one item."""
    unused = list(found)
    hits = 0
    for label in labels:
        for item in unused:
            if same(label, item):
                unused.remove(item)
                hits += 1
                break
    return hits, len(found), len(labels)


def _same_board(label: str, found: str) -> bool:
    return _norm(label).removeprefix("nhs ") == _norm(found).removeprefix("nhs ")


def _same_person(label: str, found: str) -> bool:
    return _norm(label) == _norm(found.split(" (")[0])


def _expectation(value: str | None) -> str | None:
    return _norm(value) if value else None


def _synthetic_cases() -> list[tuple[str, list[str], dict[str, object]]]:
    """SYNTHETIC letters in every published 2016 form and the 2023 monitoring report, with truth."""
    notts_2021 = {
        "kind": "2016_full",
        "area": "E10000024",
        "inspection_start": dt.date(2021, 7, 5),
        "outcome": "wsoa",
        "weaknesses": synthetic.NOTTS_WEAKNESSES,
    }
    cases: list[tuple[str, list[str], dict[str, object]]] = [
        ("2016 initial (handbook form, Medway)", synthetic.letter_2016(), {
            "kind": "2016_full", "area": "E06000035", "inspection_start": dt.date(2017, 12, 4),
            "outcome": "wsoa", "weaknesses": synthetic.MEDWAY_WEAKNESSES,
        }),
    ]  # fmt: skip
    for title in synthetic.TITLES_2016:
        for tense in ("is", "was"):
            letter = synthetic.letter_2016_published(title, tense)
            cases.append(
                (f"2016 initial: {title or 'opening sentence'} ({tense})", letter, notts_2021)
            )
    verdicts = [True] * 5 + [False] * 3
    cases.append(("2016 revisit (handbook form, Medway)", synthetic.revisit_2016(verdicts), {
        "kind": "2016_revisit", "area": "E06000035", "inspection_start": dt.date(2019, 12, 9),
        "progress": verdicts,
    }))  # fmt: skip
    forms = list(synthetic.VERDICTS_2016)
    for title in synthetic.REVISIT_TITLES_2016:
        for i in range(len(forms)):
            chosen = [forms[(i + k) % len(forms)] for k in range(3)]
            truth = [synthetic.VERDICTS_2016[f][1] for f in chosen]
            summary = f"{sum(truth)} of the three significant weaknesses"
            letter = synthetic.revisit_2016_published(title, chosen, summary)
            cases.append((f"2016 revisit: {title}, {'/'.join(chosen)}", letter, {
                "kind": "2016_revisit", "area": "E10000024",
                "inspection_start": dt.date(2022, 6, 6), "progress": truth,
            }))  # fmt: skip
    cases.append(("2023 monitoring (Nottinghamshire)", synthetic.monitoring_2023(), {
        "kind": "2023_monitoring", "area": "E10000024", "inspection_start": dt.date(2025, 7, 7),
        "progress": [True, False],
    }))  # fmt: skip
    return cases


def _synthetic_scores(directory: AreaDirectory) -> tuple[dict[str, list[bool]], list[str]]:
    """Field by field on each synthetic letter as text, HTML and PDF; and the silent errors."""
    exact: dict[str, list[bool]] = {}
    silent: list[str] = []
    for label, paragraphs, truth in _synthetic_cases():
        for name, data in (
            ("letter.txt", synthetic.as_text(paragraphs)),
            ("letter.html", synthetic.as_html(paragraphs)),
            ("letter.pdf", synthetic.as_pdf(paragraphs)),
        ):
            record = parse(extract(data, name).text, directory)
            got: dict[str, object] = {
                "kind": str(record.kind.value) if record.kind.value else None,
                "area": record.area_code.value,
                "inspection_start": record.inspection_start.value,
                "outcome": record.outcome.value,
                "weaknesses": [w.value for w in record.weaknesses],
                "progress": [p.value.sufficient if p.value else None for p in record.progress],
            }
            for field, want in truth.items():
                ok = got[field] == want
                exact.setdefault(field, []).append(ok)
                if not ok and not record.problems:
                    silent.append(f"  {label} [{name}]: {field}: {got[field]!r} != {want!r}")
    return exact, silent


def main() -> int:
    directory = area_directory()
    labelled = CORPUS / "labels.jsonl"
    labels = (
        [json.loads(line) for line in labelled.read_text().splitlines()]
        if labelled.exists()
        else []
    )
    exact: dict[str, list[bool]] = {}
    lists: dict[str, list[int]] = {}
    failures: list[str] = []

    silent: list[str] = []
    quiet = False  # the record in hand has no problem: it would be imported without review

    def score(field: str, ok: bool, file: str, detail: str) -> None:
        exact.setdefault(field, []).append(ok)
        if not ok:
            failures.append(f"  {file}: {field}: {detail}")
            if quiet:
                silent.append(f"  {file}: {field}: {detail}")

    for label in labels:
        path: Path = CORPUS / "pdf" / label["file"]
        record: LetterRecord = parse(extract(path.read_bytes(), path.name).text, directory)
        file = label["file"]
        quiet = not record.problems
        want_kind = "2023_full"
        score("kind", record.kind.value == want_kind, file, str(record.kind.value))
        want_area = directory.resolve(label["local_area"]).gss_code
        score(
            "area",
            record.area_code.value == want_area,
            file,
            f"{record.area_code.value} != {want_area}",
        )
        for field in ("inspection_start", "inspection_end", "previous_inspection"):
            got = getattr(record, field).value
            got_text = got.isoformat() if got else None
            score(field, got_text == label[field], file, f"{got_text} != {label[field]}")
        score("outcome", record.outcome.value == label["outcome"], file, str(record.outcome.value))
        score(
            "next_full_inspection",
            _expectation(record.next_inspection.value)
            == _expectation(label["next_full_inspection"]),
            file,
            str(record.next_inspection.value),
        )
        score(
            "monitoring_inspection",
            _expectation(record.monitoring_inspection.value)
            == _expectation(label["monitoring_inspection"]),
            file,
            str(record.monitoring_inspection.value),
        )

        def values(found: tuple[Found[str], ...]) -> list[str]:
            return [f.value or "" for f in found]

        pairs: list[tuple[str, list[str], list[str], Callable[[str, str], bool]]] = [
            ("priority_actions", label["priority_actions"], values(record.weaknesses), _same_item),
            ("improvements", label["improvements"], values(record.improvements), _same_item),
            ("icbs", label["icbs"], values(record.nhs_partners), _same_board),
            (
                "team",
                [p["name"] for p in label["lead_inspectors"]],
                values(record.team),
                _same_person,
            ),
        ]
        every_item = label["priority_actions"] + label["improvements"]
        for field, want, got, same in pairs:
            if same is _same_item:
                got = [g if g not in _run_on(got, every_item) else "(run-on) " + g for g in got]
            hits, n_found, n_label = _match(want, got, same)
            totals = lists.setdefault(field, [0, 0, 0])
            totals[0] += hits
            totals[1] += n_found
            totals[2] += n_label
            if hits != n_label or hits != n_found:
                detail = f"  {file}: {field}: {hits} matched, {n_found} found, {n_label} labelled"
                failures.append(detail)
                if quiet:
                    silent.append(detail)

    if labels:
        print(f"Letter import accuracy on {len(labels)} labelled reports ({CORPUS})\n")
        print(f"| {'field':<24} | {'exact':>11} | {'rate':>6} |")
        print(f"|{'-' * 26}|{'-' * 13}|{'-' * 8}|")
        dates = [
            ok
            for f in ("inspection_start", "inspection_end", "previous_inspection")
            for ok in exact[f]
        ]
        for field, oks in [*exact.items(), ("dates (all three)", dates)]:
            print(f"| {field:<24} | {sum(oks):>4} / {len(oks):<4} | {sum(oks) / len(oks):>6.1%} |")
        print(f"| {'publication_date':<24} | {'not in text':>11} | {'-':>6} |")
        print()
        print(f"| {'list':<24} | {'precision':>9} | {'recall':>6} | {'F1':>5} |")
        print(f"|{'-' * 26}|{'-' * 11}|{'-' * 8}|{'-' * 7}|")
        for field, (hits, n_found, n_label) in lists.items():
            precision = hits / n_found if n_found else 1.0
            recall = hits / n_label if n_label else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            print(f"| {field:<24} | {precision:>9.3f} | {recall:>6.3f} | {f1:>5.3f} |")
        print(f"\nSilent errors (wrong on a record that has no problem): {len(silent)}")
        if silent:
            print("\n".join(silent))
    else:
        print(f"No labelled corpus in {CORPUS}: only the synthetic letters are scored.")
    synthetic_exact, synthetic_silent = _synthetic_scores(directory)
    cases = len(_synthetic_cases())
    print(
        f"\nSYNTHETIC letters: {cases} letters in the published 2016 forms and the 2023 monitoring"
        " report, each as text, HTML and PDF\n"
    )
    print(f"| {'field':<24} | {'exact':>11} | {'rate':>6} |")
    print(f"|{'-' * 26}|{'-' * 13}|{'-' * 8}|")
    for field, oks in synthetic_exact.items():
        print(f"| {field:<24} | {sum(oks):>4} / {len(oks):<4} | {sum(oks) / len(oks):>6.1%} |")
    print(f"\nSilent errors on the synthetic letters: {len(synthetic_silent)}")
    if synthetic_silent:
        print("\n".join(synthetic_silent))
    print(
        "\nPublication dates are printed on Ofsted's web page, not in the report: they come from"
        "\nthe import manifest (import_letters --manifest) or are left for the reviewer."
    )
    if failures and "-v" in sys.argv:
        print("\nDifferences:")
        print("\n".join(failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
