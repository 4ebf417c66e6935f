"""What the open-data downloads say of each dataset: its title, description, columns and
licence (CSV on the Web metadata, the ODS front sheet, the JSON envelope and the API)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from areasend.register.datasets import (
    area_rows,
    coverage_rows,
    inspection_rows,
    outcome_rows,
    progress_rows,
    source_rows,
    weakness_rows,
)
from areasend.register.rows import (
    AreaRow,
    CoverageRow,
    InspectionRow,
    OutcomeRow,
    ProgressRow,
    SourceRow,
    WeaknessRow,
)

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    datatype: str  # a CSV on the Web (XML Schema) datatype
    required: bool
    description: str = ""


_DATATYPES: dict[object, str] = {
    str: "string",
    int: "integer",
    bool: "boolean",
    dt.date: "date",
    float: "decimal",
}
_TITLES = {"area_code": "ONS code", "la_type": "Type", "year": "Year published"}
#: What a column holds where its name alone could mislead (CSVW dc:description, JSON, API).
DESCRIPTIONS = {
    "notified": "The day the area was told of the inspection; computed from the rules where "
    "no source gives it (the event's note says so).",
    "reported_start": "The first inspection date as the report prints it ('Inspection dates'), "
    "or where no report was read the first day on site as Ofsted's table gives it.",
    "reported_end": "The last inspection date as the report prints it; blank where no report "
    "was read.",
    "fieldwork_started": "The start of fieldwork as the framework engine counts it: for 2023-"
    "framework inspections notified from 11 Dec 2023, the Thursday of week 2, 8 working days "
    "after notification (NF-NOT-2), which is before the on-site week the report prints.",
    "fieldwork_ended": "The end of fieldwork as the engine counts it (the last day on site); "
    "computed where no source gives it.",
    "published": "The day the letter or report was published.",
    "year": "The calendar year of publication, as Ofsted's statistics count.",
    "outcome": "The outcome; blank where no source the register holds records it.",
    "weakness_count": "Significant weaknesses (2016) or areas for priority action (2023); "
    "blank where no source the register holds counts them.",
    "report_url": "The report on Ofsted's file service, where a source gives its address.",
    "source": "Every source of this inspection's facts, best first (labelled report, official "
    "statistics, management information, the peer's table).",
}
#: Text columns never empty; other text columns use "" for "not known" (a CSVW null).
_IDENTIFIERS = {
    "area_code", "area_name", "area_slug", "region", "inspection", "weakness", "period", "title",
}  # fmt: skip


@functools.cache  # a row type's columns are fixed when it is defined
def columns_of(row_type: type) -> tuple[Column, ...]:
    hints = typing.get_type_hints(row_type)
    columns = []
    for f in dataclasses.fields(row_type):
        hint = hints[f.name]
        args = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        base = next(a for a in args if a is not type(None))
        title = _TITLES.get(f.name, f.name.replace("_", " ").capitalize())
        required = type(None) not in args and (base is not str or f.name in _IDENTIFIERS)
        description = DESCRIPTIONS.get(f.name, "")
        columns.append(Column(f.name, title, _DATATYPES[base], required, description))
    return tuple(columns)


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    row_type: type
    rows: Callable[[], Sequence[object]]

    @property
    def columns(self) -> tuple[Column, ...]:
        return columns_of(self.row_type)


DATASETS: dict[str, Dataset] = {
    d.slug: d
    for d in (
        Dataset(
            "areas",
            "Local areas",
            "Every local area since May 2016, current and former, with its latest outcome.",
            AreaRow,
            area_rows,
        ),
        Dataset(
            "inspections",
            "Inspections",
            "Every full inspection, revisit and monitoring inspection: dates, outcome, "
            "weakness count, revisit result and working days from on-site end to publication.",
            InspectionRow,
            inspection_rows,
        ),
        Dataset(
            "outcomes",
            "Outcomes",
            "The judgement of every published full inspection under either framework.",
            OutcomeRow,
            outcome_rows,
        ),
        Dataset(
            "weaknesses",
            "Weaknesses",
            "Every significant weakness or area for priority action whose wording is recorded, "
            "its theme and the latest judgement of progress on it.",
            WeaknessRow,
            weakness_rows,
        ),
        Dataset(
            "coverage",
            "Coverage",
            "How many full inspections the register holds for each framework and calendar year "
            "of publication, against the count Ofsted's statistics publish.",
            CoverageRow,
            coverage_rows,
        ),
        Dataset(
            "sources",
            "Sources",
            "The published sources the register's national history draws on, with their dates "
            "and licences, best first.",
            SourceRow,
            source_rows,
        ),
        Dataset(
            "progress",
            "Progress judgements",
            "Every judgement of progress on a weakness made at a revisit or monitoring inspection.",
            ProgressRow,
            progress_rows,
        ),
    )
}


def as_tuples(rows: Iterable[object]) -> list[tuple[object, ...]]:
    """Each row's values in column order: ``dataclasses.astuple`` without its deep copy of
    every value, which the rows (strings, numbers, dates) do not need."""
    found = list(rows)
    if not found:
        return []
    values = operator.attrgetter(*(f.name for f in dataclasses.fields(found[0])))  # type: ignore[arg-type]
    return [values(r) for r in found]
