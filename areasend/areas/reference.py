"""Load the shipped reference CSVs (areasend/areas/data/) into the database.

Called by data migrations with the historical app registry, so it touches
models only through ``apps.get_model``. Loading is an upsert keyed on codes:
running it again after a CSV correction updates rows in place. Each table is read once and
written in bulk: row by row, the load took about ten seconds on PostgreSQL, paid by every
migration and by every browser test that puts the reference rows back after a flush.
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


def _upsert(
    model: Any, key: tuple[str, ...], rows: list[dict[str, Any]]
) -> dict[tuple[Any, ...], Any]:
    """Create or update one row per dict, matched on the ``key`` fields (attribute names,
    so ``area_id`` for a foreign key); returns every row by its key, saved."""
    found = {tuple(getattr(obj, f) for f in key): obj for obj in model.objects.all()}
    new, changed, fields = [], [], set()
    for row in rows:
        obj = found.get(tuple(row[f] for f in key))
        if obj is None:
            obj = model(**row)
            new.append(obj)
            found[tuple(row[f] for f in key)] = obj
            continue
        differ = [f for f, value in row.items() if getattr(obj, f) != value]
        for f in differ:
            setattr(obj, f, row[f])
        if differ:
            changed.append(obj)
            fields.update(differ)
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(changed, sorted(fields))
    return found


def _set_links(through: Any, source: str, target: str, pairs: set[tuple[int, int]]) -> None:
    """Make a many-to-many table hold exactly ``pairs`` of (source id, target id)."""
    found = {(getattr(t, f"{source}_id"), getattr(t, f"{target}_id")): t.pk
             for t in through.objects.all()}  # fmt: skip
    through.objects.filter(pk__in=[pk for pair, pk in found.items() if pair not in pairs]).delete()
    through.objects.bulk_create(
        [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs - found.keys()]
    )


def _load_areas(apps: Apps) -> None:
    area_model: Any = apps.get_model("areas", "LocalArea")
    code_model: Any = apps.get_model("areas", "AreaCode")
    name_model: Any = apps.get_model("areas", "AreaName")
    # Current areas first so they get the plain slug; a former area with the
    # same name (Dorset County Council, say) gets its end year appended.
    rows = sorted(_rows("local_areas.csv"), key=lambda r: (bool(r["valid_to"]), r["name"]))
    slug_of = {a.gss_code: a.slug for a in area_model.objects.all()}
    for row in rows:
        slug = slugify(row["name"])
        if any(taken == slug and gss != row["gss_code"] for gss, taken in slug_of.items()):
            slug = f"{slug}-until-{row['valid_to'][:4]}"
        slug_of[row["gss_code"]] = slug
    areas = _upsert(
        area_model,
        ("gss_code",),
        [
            {
                "gss_code": row["gss_code"],
                "dfe_code": row["dfe_code"],
                "ofsted_urn": row["ofsted_urn"],
                "name": row["name"],
                "slug": slug_of[row["gss_code"]],
                "region": row["region"],
                "la_type": row["la_type"],
                "valid_from": _date(row["valid_from"]),
                "valid_to": _date(row["valid_to"]),
                "source": row["source"],
            }
            for row in rows
        ],
    )
    area_id = {gss: area.pk for (gss,), area in areas.items()}
    codes, names = [], {}
    for row in rows:
        found: list[tuple[str, str, dt.date | None]] = [("gss", row["gss_code"], None)]
        found += [("gss", *_code_and_end(c)) for c in _list(row["former_gss_codes"])]
        if row["dfe_code"]:
            found.append(("dfe", row["dfe_code"], None))
        found += [("dfe", *_code_and_end(c)) for c in _list(row["former_dfe_codes"])]
        area = area_id[row["gss_code"]]
        codes += [
            {"scheme": scheme, "code": code, "area_id": area, "valid_to": end}
            for scheme, code, end in found
        ]
        for name in {row["name"], *_list(row["alternative_names"])}:
            names[(area, name)] = {"area_id": area, "name": name}
    _upsert(code_model, ("scheme", "code"), codes)
    _upsert(name_model, ("area_id", "name"), list(names.values()))
    _set_links(
        area_model.predecessors.through,
        "from_localarea",
        "to_localarea",
        {(area_id[r["gss_code"]], area_id[c]) for r in rows for c in _list(r["predecessors"])},
    )
    _set_links(
        area_model.statistical_neighbours.through,
        "from_localarea",
        "to_localarea",
        {
            (area_id[r["gss_code"]], area_id[c])
            for r in rows
            for c in _list(r["statistical_neighbours"])
            if c in area_id
        },
    )


def _load_nhs(apps: Apps) -> None:
    area_model: Any = apps.get_model("areas", "LocalArea")
    body_model: Any = apps.get_model("areas", "NhsBody")
    link_model: Any = apps.get_model("areas", "NhsPartnership")
    rows = list(_rows("nhs_bodies.csv"))
    by_name = _upsert(
        body_model,
        ("name",),
        [
            {
                "name": row["name"],
                "ods_code": row["ods_code"],
                "gss_code": row["gss_code"],
                "kind": row["kind"],
                "valid_from": _date(row["valid_from"]),
                "valid_to": _date(row["valid_to"]),
                "source": row["source"],
            }
            for row in rows
        ],
    )
    bodies = {row["name"]: by_name[(row["name"],)].pk for row in rows}
    bodies.update({row["ods_code"]: bodies[row["name"]] for row in rows if row["ods_code"]})
    areas = dict(area_model.objects.values_list("gss_code", "pk"))
    _upsert(
        link_model,
        ("area_id", "body_id", "valid_from"),
        [
            {
                "area_id": areas[row["area_gss_code"]],
                "body_id": bodies.get(row["nhs_ods_code"]) or bodies[row["nhs_name"]],
                "valid_from": _date(row["valid_from"]),
                "valid_to": _date(row["valid_to"]),
                "source": row["source"],
            }
            for row in _rows("area_nhs_partners.csv")
        ],
    )
