"""The outcome letter: drafted from the findings, rendered as a page and a PDF.

The body is plain text: a line starting with ``## `` is a heading, ``- `` a
bullet and ``1. `` a numbered item; everything else is a paragraph. Drafting
follows the framework's structure (areasend/framework/findings.py); the lead
inspector then edits the wording before marking it reviewed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import Flowable

from areasend.framework.events import Framework, Outcome
from areasend.framework.findings import OUTCOME_LABELS, VOCABULARY, FindingKind
from areasend.inspections.models import Inspection


def draft_body(inspection: Inspection) -> str:
    framework = Framework(inspection.framework)
    vocabulary = VOCABULARY[framework]
    kinds = dict(vocabulary.kinds)
    findings = list(inspection.findings.all())
    area = inspection.area.name
    lines: list[str] = []
    if framework is Framework.F2016:
        lines += [
            f"## Joint local area SEND inspection in {area}",
            f"Ofsted and the Care Quality Commission inspected the local area of {area} to "
            "judge the effectiveness of the area in implementing the disability and special "
            "educational needs reforms as set out in the Children and Families Act 2014.",
        ]
    else:
        partners = (
            ", ".join(p.body.name for p in inspection.area.nhs_partners.all()) or "its NHS partners"
        )
        lines += [
            f"## Area SEND inspection of {area} Local Area Partnership",
            "## Information about the local area partnership",
            f"{area} Council and {partners} are jointly responsible for the planning and "
            "commissioning of services for children and young people with special educational "
            "needs and/or disabilities (SEND) in the area.",
        ]
    if inspection.outcome:
        lines += ["## Outcome", OUTCOME_LABELS[Outcome(inspection.outcome)] + "."]
    for code, question in vocabulary.questions:
        lines.append(f"## {question}")
        for kind in (FindingKind.STRENGTH, FindingKind.DEVELOPMENT):
            items = [f for f in findings if f.question == code and f.kind == kind]
            if items:
                lines.append(f"### {kinds[kind]}s")
                lines += [f"- {f.text}" for f in items]
    significant = [f for f in findings if f.kind == FindingKind.SIGNIFICANT]
    if significant:
        lines.append(f"## {vocabulary.significant_heading}")
        if framework is Framework.F2016:
            lines.append(
                "Inspectors have determined that a Written Statement of Action (WSOA) is required "
                "because of significant areas of weakness in the area's practice. The local "
                "authority and the area's clinical commissioning group(s) are jointly "
                "responsible for submitting the written statement to Ofsted."
            )
        lines += [f"{n}. {f.text}" for n, f in enumerate(significant, 1)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Block:
    kind: str  # "h2", "h3", "p", "ul", "ol"
    text: str = ""
    items: tuple[str, ...] = ()


def blocks(body: str) -> list[Block]:
    """The body as headings, paragraphs and lists, for the page and the PDF alike."""
    out: list[Block] = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("### "):
            out.append(Block("h3", line[4:]))
        elif line.startswith("## "):
            out.append(Block("h2", line[3:]))
        elif line.startswith("- ") or (line.split(". ", 1)[0].isdigit() and ". " in line):
            kind = "ul" if line.startswith("- ") else "ol"
            item = line[2:] if kind == "ul" else line.split(". ", 1)[1]
            if out and out[-1].kind == kind:
                out[-1] = Block(kind, items=(*out[-1].items, item))
            else:
                out.append(Block(kind, items=(item,)))
        else:
            out.append(Block("p", line))
    return out


def render_pdf(inspection: Inspection, body: str, dated_text: str) -> bytes:
    styles = getSampleStyleSheet()
    story: list[Flowable] = [
        Paragraph(escape(f"{inspection.area.name}: inspection letter"), styles["Title"]),
        Paragraph(escape(dated_text), styles["Normal"]),
        Spacer(1, 6 * mm),
    ]
    for block in blocks(body):
        if block.kind in ("h2", "h3"):
            style = styles["Heading2" if block.kind == "h2" else "Heading3"]
            story.append(Paragraph(escape(block.text), style))
        elif block.kind == "p":
            story.append(Paragraph(escape(block.text), styles["BodyText"]))
        else:
            items = [ListItem(Paragraph(escape(i), styles["BodyText"])) for i in block.items]
            bullet = "bullet" if block.kind == "ul" else "1"
            story.append(ListFlowable(list[Any](items), bulletType=bullet, start=None))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{inspection.area.name} inspection letter",
        author="Ofsted and the Care Quality Commission",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
    )
    document.build(story)
    return buffer.getvalue()
