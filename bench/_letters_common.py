"""Shared set-up for the letter benches: Django settings and a database-free area directory."""

from __future__ import annotations

import csv
import datetime as dt
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("AREASEND_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"

sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.settings_dev")

import django  # noqa: E402

django.setup()

from areasend.areas.resolve import AreaDirectory, AreaRecord  # noqa: E402


def _list(value: str) -> tuple[str, ...]:
    return tuple(v.strip().partition("@")[0] for v in value.split(";") if v.strip())


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value.strip() else None


def area_directory() -> AreaDirectory:
    """The shipped reference areas, read straight from the CSV so no database is needed.

    Falls back to the shared data-to-insight lookup while the shipped CSV is absent.
    """
    shipped = REPO / "areasend" / "areas" / "data" / "local_areas.csv"
    records = []
    if shipped.exists():
        with shipped.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                records.append(
                    AreaRecord(
                        gss_code=row["gss_code"],
                        name=row["name"],
                        valid_from=_date(row["valid_from"]),
                        valid_to=_date(row["valid_to"]),
                        names=_list(row["alternative_names"]),
                        codes=(
                            *_list(row["former_gss_codes"]),
                            *_list(row["former_dfe_codes"]),
                            *((row["dfe_code"],) if row["dfe_code"] else ()),
                        ),
                        predecessors=_list(row["predecessors"]),
                    )
                )
        return AreaDirectory(records)
    with (SHARED / "data" / "reference" / "la_lookup_d2i.csv").open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            records.append(
                AreaRecord(
                    gss_code=row["la_code_new"],
                    name=row["local_authority_ons_name"],
                    valid_from=None,
                    valid_to=None,
                    names=tuple(n for n in (row["also_known_as"], row["utla23nm"]) if n),
                    codes=(row["la_code"],),
                )
            )
    return AreaDirectory(records)
