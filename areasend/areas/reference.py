"""Load the shipped reference CSVs (areasend/areas/data/) into the database.

Called by data migrations with the historical app registry, so it touches
models only through ``apps.get_model``. Loading is an upsert keyed on codes:
running it again after a CSV correction updates rows in place.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps.registry import Apps
from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value.strip() else None


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def _code_and_end(value: str) -> tuple[str, dt.date | None]:
    code, _, end = value.partition("@")
    return code.strip(), _date(end)


def load_reference(apps: Apps) -> None:
    _load_areas(apps)
    _load_nhs(apps)


def _load_areas(apps: Apps) -> None:
    area_model: Any = apps.get_model("areas", "LocalArea")
    code_model: Any = apps.get_model("areas", "AreaCode")
    name_model: Any = apps.get_model("areas", "AreaName")
    # Current areas first so they get the plain slug; a former area with the
    # same name (Dorset County Council, say) gets its end year appended.
    rows = sorted(_rows("local_areas.csv"), key=lambda r: (bool(r["valid_to"]), r["name"]))
    areas: dict[str, Any] = {}
    for row in rows:
        slug = slugify(row["name"])
        clash = area_model.objects.filter(slug=slug).exclude(gss_code=row["gss_code"])
        if clash.exists():
            slug = f"{slug}-until-{row['valid_to'][:4]}"
        area, _ = area_model.objects.update_or_create(
            gss_code=row["gss_code"],
            defaults={
                "dfe_code": row["dfe_code"],
                "ofsted_urn": row["ofsted_urn"],
                "name": row["name"],
                "slug": slug,
                "region": row["region"],
                "la_type": row["la_type"],
                "valid_from": _date(row["valid_from"]),
                "valid_to": _date(row["valid_to"]),
                "source": row["source"],
            },
        )
        areas[row["gss_code"]] = area
        codes: list[tuple[str, str, dt.date | None]] = [("gss", row["gss_code"], None)]
        codes += [("gss", *_code_and_end(c)) for c in _list(row["former_gss_codes"])]
        if row["dfe_code"]:
            codes.append(("dfe", row["dfe_code"], None))
        codes += [("dfe", *_code_and_end(c)) for c in _list(row["former_dfe_codes"])]
        for scheme, code, end in codes:
            code_model.objects.update_or_create(
                scheme=scheme, code=code, defaults={"area": area, "valid_to": end}
            )
        for name in {row["name"], *_list(row["alternative_names"])}:
            name_model.objects.get_or_create(area=area, name=name)
    for row in rows:
        area = areas[row["gss_code"]]
        area.predecessors.set([areas[c] for c in _list(row["predecessors"])])
        area.statistical_neighbours.set(
            [areas[c] for c in _list(row["statistical_neighbours"]) if c in areas]
        )


def _load_nhs(apps: Apps) -> None:
    area_model: Any = apps.get_model("areas", "LocalArea")
    body_model: Any = apps.get_model("areas", "NhsBody")
    link_model: Any = apps.get_model("areas", "NhsPartnership")
    bodies: dict[str, Any] = {}
    for row in _rows("nhs_bodies.csv"):
        body, _ = body_model.objects.update_or_create(
            name=row["name"],
            defaults={
                "ods_code": row["ods_code"],
                "gss_code": row["gss_code"],
                "kind": row["kind"],
                "valid_from": _date(row["valid_from"]),
                "valid_to": _date(row["valid_to"]),
                "source": row["source"],
            },
        )
        bodies[row["name"]] = body
        if row["ods_code"]:
            bodies[row["ods_code"]] = body
    areas = {a.gss_code: a for a in area_model.objects.all()}
    for row in _rows("area_nhs_partners.csv"):
        body = bodies.get(row["nhs_ods_code"]) or bodies[row["nhs_name"]]
        link_model.objects.update_or_create(
            area=areas[row["area_gss_code"]],
            body=body,
            valid_from=_date(row["valid_from"]),
            defaults={"valid_to": _date(row["valid_to"]), "source": row["source"]},
        )
