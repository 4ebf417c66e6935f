"""Writing rows out: CSV (RFC 4180), CSV on the Web metadata, ODS and JSON.

Every writer takes the same columns and row tuples, so the formats of one
dataset cannot disagree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from areasend.register.datasets import LICENCE, LICENCE_URL, Column

Rows = Sequence[Sequence[object]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_csv(columns: Sequence[Column], rows: Rows) -> str:
    """RFC 4180: a header row, CRLF line ends, quotes only where needed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    writer.writerows([_cell(v) for v in row] for row in rows)
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
        cell.addElement(P(text=_cell(value)))
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
    ):
        about.addElement(_ods_row(pair))
    doc.spreadsheet.addElement(about)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)
