"""The outcome letter: drafted from the findings, rendered as a page and a PDF.

The body is plain text: a line starting with ``## `` is a heading, ``- `` a
bullet and ``1. `` a numbered item; everything else is a paragraph. Drafting
follows the framework's structure (areasend/framework/findings.py); the lead
inspector then edits the wording before marking it reviewed.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import Flowable

from areasend.casework import clock
from areasend.framework.events import Framework, Outcome
from areasend.framework.findings import OUTCOME_LABELS, VOCABULARY, FindingKind, plural_label
from areasend.inspections.follow_up import follow_up_of
from areasend.inspections.models import Evidence, Inspection

#: Queen Elizabeth II died on 8 September 2022; from then the Chief Inspector is His Majesty's.
ACCESSION_OF_CHARLES_III = dt.date(2022, 9, 8)


def majesty(on: dt.date) -> str:
    """The sovereign's possessive in titles (HMCI, HMI) for a letter dated ``on``."""
    return "His Majesty's" if on >= ACCESSION_OF_CHARLES_III else "Her Majesty's"


def draft_body(inspection: Inspection, on: dt.date | None = None) -> str:
    """The letter drafted ``on`` a day (today by default), which decides its wording of
    the Chief Inspector's title."""
    if inspection.is_follow_up:
        return _follow_up_body(inspection, on or clock.today())
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
    considered = _responses_considered(inspection)
    if considered:
        lines.append(considered)
    if inspection.outcome:
        lines += ["## Outcome", OUTCOME_LABELS[Outcome(inspection.outcome)] + "."]
    for code, question in vocabulary.questions:
        lines.append(f"## {question}")
        for kind in (FindingKind.STRENGTH, FindingKind.DEVELOPMENT):
            items = [f for f in findings if f.question == code and f.kind == kind]
            if items:
                lines.append(f"### {plural_label(kinds[kind])}")
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


def _responses(n: int, who: str) -> str:
    return f"{n:,} response{'' if n == 1 else 's'} from {who}"


def _responses_considered(inspection: Inspection) -> str:
    """The sentence citing the evidence record's survey counts, as the letters do ("Inspectors
    considered 481 responses from parents and carers"); empty when no count is recorded."""
    evidence = Evidence.objects.filter(inspection=inspection).first()
    if evidence is None:
        return ""
    counts = [
        (evidence.parent_responses, "parents and carers"),
        (evidence.young_people_responses, "children and young people"),
        (evidence.practitioner_responses, "practitioners"),
    ]
    parts = [_responses(n, who) for n, who in counts if n]
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Inspectors considered {listed} to the surveys."


_NUMBERS = (
    *("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)


def _count(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def _day(day: dt.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else "[date]"


#: The sentence closing each weakness's block, as the letters word it (RV-9; NF-MON-2).
VERDICTS: dict[Framework, dict[bool, str]] = {
    Framework.F2016: {
        True: "The area has made sufficient progress in addressing this significant weakness.",
        False: "The area has not made sufficient progress in addressing this significant weakness.",
    },
    Framework.F2023: {
        True: "The local area partnership has made sufficient progress in addressing this area "
        "for priority action.",
        False: "The local area partnership has not made sufficient progress in addressing this "
        "area for priority action.",
    },
}


def _follow_up_body(inspection: Inspection, on: dt.date) -> str:
    """A revisit letter (2016, §2) or monitoring inspection report (2023, §4.6): each weakness
    of the full inspection's letter, what inspectors found and the judgement on it."""
    framework = Framework(inspection.framework)
    area = inspection.area.name
    found = follow_up_of(inspection)
    judges = found.judges if found else ()
    judged = {j.weakness: j for j in inspection.judgements.all()}
    rows = [(w, judged[w]) for w in judges if w in judged]
    sufficient = sum(1 for _, j in rows if j.sufficient)
    start, end = inspection.fieldwork_started_on, inspection.fieldwork_ended_on
    lines: list[str] = []
    if framework is Framework.F2016:
        published = found.full_published if found else None
        lines += [
            f"## Joint local area SEND revisit in {area}",
            f"Between {_day(start)} and {_day(end)}, Ofsted and the Care Quality Commission "
            f"(CQC) revisited the area of {area} to decide whether sufficient progress has been "
            "made in addressing each of the areas of significant weakness detailed in the "
            f"inspection report letter published on {_day(published)}.",
            f"As a result of the findings of this revisit, {majesty(on)} Chief Inspector (HMCI) "
            "has determined that the area has made sufficient progress in addressing "
            f"{_count(sufficient)} of the {_count(len(judges))} significant weaknesses "
            "identified at the initial inspection.",
            "## Main findings",
            "The initial inspection raised significant concerns about:",
        ]
    else:
        partners = (
            ", ".join(p.body.name for p in inspection.area.nhs_partners.all()) or "its NHS partners"
        )
        previous = f"{_day(found.full_started)} to {_day(found.full_ended)}" if found else "[dates]"
        lines += [
            f"## Area SEND monitoring inspection of {area} Local Area Partnership",
            f"Inspection dates: {_day(start)} to {_day(end)}",
            f"Date of previous inspection: {previous}",
            f"{area} Council and {partners} are jointly responsible for the planning and "
            "commissioning of services for children and young people with special educational "
            "needs and/or disabilities (SEND) in the area.",
            "Inspectors evaluated the progress the local area partnership has made in addressing "
            "each area for priority action identified at the previous inspection. The "
            f"partnership has made sufficient progress in addressing {_count(sufficient)} of the "
            f"{_count(len(judges))}.",
            "## Areas for priority action",
        ]
    for weakness, judgement in rows:
        lines.append(f"- {weakness}")
        lines += [p.strip() for p in judgement.commentary.splitlines() if p.strip()]
        lines.append(VERDICTS[framework][judgement.sufficient])
    others = list(inspection.findings.all())
    if others:
        lines.append("## Other findings")
        lines += [f"- {f.text}" for f in others]
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
