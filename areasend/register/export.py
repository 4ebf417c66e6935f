"""Writing rows out: CSV (RFC 4180), CSV on the Web metadata, ODS and JSON.

Every writer takes the same columns and row tuples, so the formats of one
dataset cannot disagree. The spreadsheet formats (CSV and ODS) pass every text
cell through ``spreadsheet_text`` so a recorded finding can never run as a
formula (ADR 0023); JSON carries the text exactly as recorded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from areasend.register.catalogue import LICENCE, LICENCE_URL, Column

Rows = Sequence[Sequence[object]]

# OWASP's CSV injection list (= + - @, tab, carriage return), their full-width
# forms (which Excel also reads as formula signs) and a leading line feed.
_FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
NEUTRALISED_NOTE = (
    "A text cell that would begin with =, +, -, @, a tab or a line break is written with an "
    "apostrophe (') in front, so that spreadsheets show it as text and never run it as a "
    "formula; the JSON download gives the text as recorded."
)


def spreadsheet_text(value: str) -> str:
    """``value`` as a spreadsheet shows it as text: an apostrophe before a formula sign.

    A plain signed number ("-3", "+1.5") is left alone: it is a number, not a
    formula, so negative counts in text columns stay numbers. Leading spaces are
    looked through, as spreadsheets trim them before reading a formula.
    """
    stripped = value.lstrip(" ")
    if not stripped or stripped[0] not in _FORMULA_START or _PLAIN_NUMBER.fullmatch(stripped):
        return value
    return "'" + value


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _sheet_cell(value: object) -> str:
    """A cell of a spreadsheet download: typed values as ``_cell``, text neutralised."""
    return spreadsheet_text(value) if isinstance(value, str) else _cell(value)


def to_csv(columns: Sequence[Column], rows: Rows) -> str:
    """RFC 4180: a header row, CRLF line ends, quotes only where needed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    writer.writerows([_sheet_cell(v) for v in row] for row in rows)
    return out.getvalue()


def csvw_metadata(
    url: str, title: str, description: str, columns: Sequence[Column], generated: dt.datetime
) -> dict[str, Any]:
    """CSV on the Web (W3C) metadata describing a CSV download."""
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "url": url,
        "dc:title": title,
        "dc:description": description,
        "dc:license": {"@id": LICENCE_URL},
        "dc:rights": LICENCE,
        "rdfs:comment": NEUTRALISED_NOTE,
        "dc:modified": {"@value": generated.isoformat(), "@type": "xsd:dateTime"},
        "dialect": {"header": True, "encoding": "utf-8", "lineTerminators": ["\r\n"]},
        "tableSchema": {
            "columns": [
                {
                    "name": c.name,
                    "titles": c.title,
                    "datatype": c.datatype,
                    "required": c.required,
                    **({"dc:description": c.description} if c.description else {}),
                }
                for c in columns
            ]
        },
    }


def to_json(
    title: str, columns: Sequence[Column], rows: Rows, generated: dt.datetime
) -> dict[str, Any]:
    return {
        "title": title,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "generated_at": generated.isoformat(),
        "columns": [
            {"name": c.name, "title": c.title, "datatype": c.datatype, "description": c.description}
            for c in columns
        ],
        "rows": [
            {
                c.name: (_cell(v) if isinstance(v, dt.date) else v)
                for c, v in zip(columns, row, strict=True)
            }
            for row in rows
        ],
    }


def _ods_row(values: Sequence[object]) -> TableRow:
    row = TableRow()
    for value in values:
        if isinstance(value, int | float) and not isinstance(value, bool):
            cell = TableCell(valuetype="float", value=value)
        elif isinstance(value, dt.date):
            cell = TableCell(valuetype="date", datevalue=value.isoformat())
        else:
            cell = TableCell(valuetype="string")
        cell.addElement(P(text=_sheet_cell(value)))
        row.addElement(cell)
    return row


def to_ods(title: str, columns: Sequence[Column], rows: Rows, generated: dt.datetime) -> bytes:
    """A spreadsheet: the data sheet, then an "About" sheet with the licence and time."""
    doc = OpenDocumentSpreadsheet()
    data = Table(name="data")
    data.addElement(_ods_row([c.name for c in columns]))
    for row in rows:
        data.addElement(_ods_row(row))
    doc.spreadsheet.addElement(data)
    about = Table(name="About")
    for pair in (
        ("Title", title),
        ("Licence", f"{LICENCE} {LICENCE_URL}"),
        ("Generated at", generated.isoformat()),
        ("Text cells", NEUTRALISED_NOTE),
    ):
        about.addElement(_ods_row(pair))
    doc.spreadsheet.addElement(about)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)
