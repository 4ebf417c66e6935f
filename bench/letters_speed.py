"""Letters per second over the corpus, beside bare pypdfium2 text extraction of the same files.

    .venv/bin/python bench/letters_speed.py [--rounds N]

"Import" here is what the command does before storing: extraction with
layout, recognition, parsing and resolving the area (on a directory read
from the shipped CSV, so no database is involved). Each figure is the best
of N rounds, files read into memory first.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import pypdfium2 as pdfium
from _letters_common import CORPUS, area_directory

from areasend.letters.extract import extract
from areasend.letters.parsers import parse


def bare(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    return text


def best(run: Callable[[], None], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    files = [(p.name, p.read_bytes()) for p in sorted((CORPUS / "pdf").glob("*.pdf"))]
    if not files:
        print(
            f"No corpus PDFs in {CORPUS / 'pdf'}: speed not measured. "
            "Set AREASEND_SHARED to the shared folder that holds corpus/pdf."
        )
        return 0
    directory = area_directory()

    def bare_all() -> None:
        for _, data in files:
            bare(data)

    def import_all() -> None:
        for name, data in files:
            parse(extract(data, name).text, directory)

    bare_s = best(bare_all, rounds)
    import_s = best(import_all, rounds)
    n = len(files)
    print(f"{n} reports, best of {rounds} rounds\n")
    print(f"| {'step':<42} | {'seconds':>7} | {'letters/s':>9} | {'ms/letter':>9} |")
    print(f"|{'-' * 44}|{'-' * 9}|{'-' * 11}|{'-' * 11}|")
    for label, seconds in (
        ("bare pypdfium2 text extraction", bare_s),
        ("import: extract, recognise, parse, resolve", import_s),
    ):
        print(
            f"| {label:<42} | {seconds:>7.3f} | {n / seconds:>9.1f} | {1000 * seconds / n:>9.1f} |"
        )
    print(f"\nimport / bare extraction: {import_s / bare_s:.2f}x (target: at most 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
