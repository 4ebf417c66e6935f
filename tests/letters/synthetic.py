"""SYNTHETIC letters, written for these tests; not real letters.

No full 2016-framework outcome letter, revisit letter or 2023 monitoring
report could be obtained, so these follow the structure framework.md §1.5,
§2 and §4.6 describe, with realistic wording. Facts for Medway match
Ofsted's official 2016 to 2022 table (inspection from 4 December 2017, eight
significant weaknesses; revisit from 9 December 2019, five of eight
sufficient); names of people are invented.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from areasend.areas.resolve import AreaDirectory, AreaRecord

MEDWAY = AreaRecord("E06000035", "Medway", None, None, names=("Medway Council",))
NOTTS = AreaRecord("E10000024", "Nottinghamshire", None, None)
BOLTON = AreaRecord("E08000001", "Bolton", None, None)
NORTHANTS = AreaRecord(
    "E10000021",
    "Northamptonshire",
    None,
    dt.date(2021, 3, 31),
    successors=("E06000061", "E06000062"),
)
NORTH_N = AreaRecord(
    "E06000061", "North Northamptonshire", dt.date(2021, 4, 1), None, predecessors=("E10000021",)
)
WEST_N = AreaRecord(
    "E06000062", "West Northamptonshire", dt.date(2021, 4, 1), None, predecessors=("E10000021",)
)
DIRECTORY = AreaDirectory([MEDWAY, NOTTS, BOLTON, NORTHANTS, NORTH_N, WEST_N])

MEDWAY_WEAKNESSES = [
    "the lack of a clear, shared strategy across education, health and care for children and young people who have SEND",
    "weak joint commissioning arrangements, which do not make sure that services meet the needs of children and young people who have SEND",
    "the poor quality and timeliness of education, health and care plans",
    "the lack of co-production with parents and carers at a strategic level",
    "the inconsistent identification of needs in the early years and in schools",
    "long waiting times for assessment by the neurodevelopmental service",
    "the weak monitoring of the outcomes achieved by children and young people who have SEND",
    "the inadequate preparation of young people for adulthood",
]


def letter_2016(weaknesses: list[str] = MEDWAY_WEAKNESSES, area: str = "Medway") -> list[str]:
    """A SYNTHETIC 2016-framework outcome letter, as paragraphs; no weaknesses: no WSOA."""
    paragraphs = [
        "2 February 2018",
        "Ms Jane Example",
        "Director of Children's Services, Medway Council",
        "Dr Sam Sample, Accountable Officer, NHS Medway Clinical Commissioning Group",
        "Dear Ms Example and Dr Sample",
        f"Joint local area SEND inspection in {area}",
        f"Between 4 December 2017 and 8 December 2017, Ofsted and the Care Quality Commission (CQC) "
        f"conducted a joint inspection of the local area of {area} to judge the effectiveness of the "
        "area in implementing the disability and special educational needs reforms as set out in the "
        "Children and Families Act 2014.",
        "The inspection was led by one of Her Majesty's Inspectors (HMI) from Ofsted, with a team of "
        "inspectors including an Ofsted Inspector and a children's services inspector from the CQC.",
        "Inspectors spoke with children and young people who have special educational needs and/or "
        "disabilities (SEND), parents and carers, and local authority and NHS officers.",
    ]
    if weaknesses:
        paragraphs.append(
            "As a result of the findings of this inspection and in accordance with the Children Act 2004 "
            "(Joint Area Reviews) Regulations 2015, Her Majesty's Chief Inspector (HMCI) has determined "
            "that a Written Statement of Action is required because of significant areas of weakness in "
            "the area's practice. HMCI has also determined that the local authority and the area's "
            "clinical commissioning group are jointly responsible for submitting the written statement "
            "to Ofsted."
        )
    paragraphs += [
        "This letter outlines our findings from the inspection, including some areas of strength and "
        "areas for further improvement.",
        "Main findings",
        "• Leaders have an accurate understanding of the area's strengths and weaknesses.",
        "• Parents and carers report that they find it hard to get the information they need.",
        "The effectiveness of the local area in identifying children and young people's special "
        "educational needs and/or disabilities",
        "Strengths",
        "• Health visitors identify needs early through the two-year-old check.",
        "Areas for development",
        "• Too few schools identify needs accurately and quickly.",
    ]
    if weaknesses:
        paragraphs += [
            "The inspection raises significant concerns about the effectiveness of the local area.",
            "The local area is required to produce and submit a Written Statement of Action to Ofsted "
            "that explains how the local area will tackle the following areas of significant weakness:",
            *[f"• {w}" for w in weaknesses],
        ]
    paragraphs += [
        "Yours sincerely",
        "Ofsted",
        "Care Quality Commission",
        "Pat Morgan, HMI Lead Inspector",
        "Lee Reviewer, CQC Lead inspector",
    ]
    return paragraphs


def revisit_2016(
    verdicts: list[bool], count_words: tuple[str, str] = ("five", "eight")
) -> list[str]:
    """A SYNTHETIC revisit letter: one block per weakness, each closed by its verdict."""
    paragraphs = [
        "10 January 2020",
        "Dear Ms Example and Dr Sample",
        "Joint local area SEND revisit in Medway",
        "Between 9 December 2019 and 11 December 2019, Ofsted and the Care Quality Commission (CQC) "
        "revisited the area of Medway to decide whether sufficient progress has been made in "
        "addressing each of the areas of significant weakness detailed in the inspection report "
        "letter published on 8 February 2018.",
        "As a result of the findings of this revisit, Her Majesty's Chief Inspector (HMCI) has "
        f"determined that the area has made sufficient progress in addressing {count_words[0]} of the "
        f"{count_words[1]} significant weaknesses identified at the initial inspection.",
        "Main findings",
        "The initial inspection raised significant concerns about:",
    ]
    for weakness, sufficient in zip(MEDWAY_WEAKNESSES, verdicts, strict=False):
        paragraphs += [
            f"• {weakness}",
            "Findings",
            "Leaders have taken action since the inspection. Inspectors saw evidence of the impact.",
            "The area has made sufficient progress in addressing this significant weakness."
            if sufficient
            else "The area has not made sufficient progress in addressing this significant weakness.",
        ]
    paragraphs += ["Yours sincerely", "Ofsted", "Pat Morgan, HMI Lead Inspector"]
    return paragraphs


def monitoring_2023() -> list[str]:
    """A SYNTHETIC 2023-framework monitoring inspection report."""
    return [
        "Area SEND monitoring inspection of Nottinghamshire Local Area Partnership",
        "Inspection dates: 7 to 11 July 2025",
        "Date of previous inspection: 30 January to 3 February 2023",
        "Nottinghamshire County Council and NHS Nottingham and Nottinghamshire Integrated Care Board "
        "(ICB) are jointly responsible for the planning and commissioning of services for children "
        "and young people with SEND in Nottinghamshire.",
        "Areas for priority action",
        "• Leaders should cooperate to urgently identify, assess and meet the needs of children and "
        "young people with SEND.",
        "Findings",
        "Leaders have improved the timeliness of EHC plans.",
        "The local area partnership has made sufficient progress in addressing this area for "
        "priority action.",
        "• Leaders should act urgently to address the delays in access to some health services.",
        "Findings",
        "Waiting times remain long for neurodevelopmental assessments.",
        "The local area partnership has not made sufficient progress in addressing this area for "
        "priority action.",
        "Inspection team",
        "Alex Turner, Ofsted HMI Lead inspector Robin Care, CQC Lead inspector",
    ]


def as_text(paragraphs: list[str]) -> bytes:
    return ("\n\n".join(paragraphs) + "\n").encode()


def as_html(paragraphs: list[str]) -> bytes:
    body = []
    in_list = False
    for para in paragraphs:
        bullet = para.startswith("• ")
        if bullet and not in_list:
            body.append("<ul>")
        if not bullet and in_list:
            body.append("</ul>")
        in_list = bullet
        body.append(f"<li>{escape(para[2:])}</li>" if bullet else f"<p>{escape(para)}</p>")
    if in_list:
        body.append("</ul>")
    return (
        "<!DOCTYPE html><html><head><title>Letter</title><style>p { color: red }</style>"
        "<noscript>turn on scripts</noscript></head><body>" + "\n".join(body) + "</body></html>"
    ).encode()


def as_pdf(paragraphs: list[str]) -> bytes:
    """The letter typeset as a PDF by reportlab (BSD), one flowing paragraph per paragraph."""
    from io import BytesIO

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=14, spaceAfter=10)
    buffer = BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4)
    document.build([Paragraph(escape(p), style) for p in paragraphs])
    return buffer.getvalue()


#: Executable content a page may carry, each refused (ADR 0018): the markup, where it goes in
#: ``as_html``'s page (it replaces the first occurrence), and what the refusal must name.
EXECUTABLE: dict[str, tuple[str, str, str]] = {
    "script in the head": (
        "</head>",
        "<script>document.write('injected paragraph')</script></head>",
        "a <script> element on line 1",
    ),
    "external script in the body": (
        "</body>",
        "\n<SCRIPT SRC='https://example.com/tracker.js'></SCRIPT></body>",
        "a <script> element",
    ),
    "self-closing script": ("<body>", "<body><script src='x.js'/>", "a <script> element"),
    "script inside svg": (
        "<body>",
        "<body><svg><script>alert(1)</script></svg>",
        "a <script> element",
    ),
    "onload on body": (
        "<body>",
        "<body onload=\"alert('x')\">",
        "an inline event handler (onload= on <body>)",
    ),
    "onclick on a paragraph": (
        "<p>",
        "<p OnClick='steal()'>",
        "an inline event handler (onclick= on <p>)",
    ),
    "onerror on an image": (
        "<body>",
        "<body><img src=x onerror=alert(1)>",
        "an inline event handler (onerror= on <img>)",
    ),
    "javascript link": (
        "<p>",
        "<p><a href='javascript:alert(1)'>Read more</a>",
        "a javascript: URL (href= on <a>)",
    ),
    "disguised javascript link": (
        "<p>",
        "<p><a href=' JaVa&#x09;ScRiPt&colon;alert(1)'>Read more</a>",
        "a javascript: URL (href= on <a>)",
    ),
    "vbscript form": (
        "<body>",
        "<body><form action='vbscript:msgbox(1)'></form>",
        "a vbscript: URL (action= on <form>)",
    ),
    "refresh to javascript": (
        "</head>",
        "<meta http-equiv='refresh' content='0; URL=javascript:alert(1)'></head>",
        "a javascript: URL (content= on <meta>)",
    ),
    "script in an embedded page": (
        "<body>",
        "<body><iframe srcdoc='&lt;script&gt;alert(1)&lt;/script&gt;'></iframe>",
        "a script in an embedded page (srcdoc= on <iframe>)",
    ),
}


def with_executable(page: bytes, case: str) -> bytes:
    """``page`` (from ``as_html``) carrying the executable content of ``EXECUTABLE[case]``."""
    where, markup, _ = EXECUTABLE[case]
    assert where.encode() in page
    return page.replace(where.encode(), markup.encode(), 1)


# --- SYNTHETIC letters in the forms the published 2016-framework letters take ---------------------
# Built from the structure of real 2021 letters (date; addressees by name and role; salutation;
# title; "Between 5 to 9 July 2021, Ofsted and the Care Quality Commission (CQC) conducted ...";
# the determination; findings; the weaknesses; sign-off). Facts and people are invented.

NOTTS_WEAKNESSES = [
    "the lack of a coherent strategy for improving outcomes for children and young people with SEND",
    "the poor quality of education, health and care plans",
    "weak joint commissioning of services for children and young people with SEND",
]
NOTTS_CCGS = ["NHS Nottingham and Nottinghamshire CCG", "NHS Bassetlaw CCG"]
#: Every title a published initial letter carries, and None: a letter pasted without its title.
TITLES_2016 = [
    "Joint local area SEND inspection in Nottinghamshire",
    "Joint area SEND inspection in Nottinghamshire",
    None,
]
REVISIT_TITLES_2016 = [
    "Joint local area SEND revisit in Nottinghamshire",
    "Joint area SEND revisit in Nottinghamshire",
    "Joint local area SEND re-visit in Nottinghamshire",
    "Area SEND revisit in Nottinghamshire",
]
#: How a published revisit letter gives its verdict on one weakness: (sentence, sufficient).
VERDICTS_2016 = {
    "active": (
        "The area has made sufficient progress in addressing this significant weakness.",
        True,
    ),
    "active, not": (
        "The area has not made sufficient progress in addressing this significant weakness.",
        False,
    ),
    "significant": (
        "Leaders have made significant progress in addressing this area of significant weakness.",
        True,
    ),
    "passive": ("Sufficient progress has been made in addressing this significant weakness.", True),
    "passive, not": (
        "Sufficient progress has not been made in addressing this area of weakness.",
        False,
    ),
}


def _addressed_2021() -> list[str]:
    return [
        "14 September 2021",
        "Mr Colin Pettigrew",
        "Corporate Director, Children and Families, Nottinghamshire County Council",
        "Dr Amanda Sullivan, Accountable Officer, NHS Nottingham and Nottinghamshire CCG",
        "Idris Griffiths, Chief Officer, NHS Bassetlaw CCG",
        "Councillor Tracey Taylor, Lead Member for Children and Families",
        "Dear Mr Pettigrew, Dr Sullivan and Mr Griffiths",
    ]


def letter_2016_published(
    title: str | None = TITLES_2016[1],
    tense: str = "was",
    weaknesses: list[str] = NOTTS_WEAKNESSES,
) -> list[str]:
    """A SYNTHETIC 2021 initial letter in the published form; ``tense`` of "a WSOA … required"."""
    paragraphs = _addressed_2021()
    if title:
        paragraphs.append(title)
    paragraphs += [
        "Between 5 to 9 July 2021, Ofsted and the Care Quality Commission (CQC) conducted a joint "
        "inspection of the local area of Nottinghamshire to judge the effectiveness of the area in "
        "implementing the special educational needs and/or disabilities (SEND) reforms as set out "
        "in the Children and Families Act 2014.",
        "The inspection was led by one of Her Majesty's Inspectors (HMI) from Ofsted, with a team "
        "of inspectors including an Ofsted Inspector and a children's services inspector from CQC.",
        "As a result of the findings of this inspection and in accordance with the Children Act "
        "2004 (Joint Area Reviews) Regulations 2015, Her Majesty's Chief Inspector (HMCI) has "
        f"determined that a Written Statement of Action (WSOA) {tense} required because of "
        "significant areas of weakness in the area's practice. HMCI has also determined that the "
        "local authority and the area's clinical commissioning groups (CCGs) are jointly "
        "responsible for submitting the written statement to Ofsted.",
        "In reaching their judgements, inspectors took account of the impact of the COVID-19 "
        "pandemic on SEND arrangements in the area.",
        "Main findings",
        "• Leaders know the area well and have started to act on what they know.",
        "• Parents and carers describe a system that is hard to navigate.",
        "The local area is required to produce and submit a WSOA to Ofsted that explains how the "
        "local area will tackle the following areas of significant weakness:",
        *[f"• {w}" for w in weaknesses],
        "Yours sincerely",
        "Ofsted",
        "Care Quality Commission",
        "Jan Hill, HMI Lead Inspector",
        "Ali Khan, CQC Inspector",
    ]
    return paragraphs


def revisit_2016_published(
    title: str = REVISIT_TITLES_2016[0],
    verdicts: list[str] = ("active", "active, not", "passive"),  # type: ignore[assignment]
    summary: str = "two of the three significant weaknesses",
) -> list[str]:
    """A SYNTHETIC revisit letter in a published form: ``verdicts`` names VERDICTS_2016 forms."""
    paragraphs = [
        *_addressed_2021()[:1],
        "Dear Mr Pettigrew, Dr Sullivan and Mr Griffiths",
        title,
        "Between 6 and 8 June 2022, Ofsted and the Care Quality Commission (CQC) revisited the "
        "area of Nottinghamshire to decide whether sufficient progress has been made in addressing "
        "each of the areas of significant weakness detailed in the inspection report letter "
        "published on 14 September 2021.",
        "As a result of the findings of this revisit, Her Majesty's Chief Inspector (HMCI) has "
        f"determined that the area has made sufficient progress in addressing {summary} "
        "identified at the initial inspection.",
        "Main findings",
        "The initial inspection raised significant concerns about:",
    ]
    for weakness, form in zip(NOTTS_WEAKNESSES, verdicts, strict=True):
        paragraphs += [
            f"• {weakness}",
            "Findings",
            "Leaders have acted since the inspection; inspectors saw some of the impact.",
            VERDICTS_2016[form][0],
        ]
    paragraphs += ["Yours sincerely", "Ofsted", "Jan Hill, HMI Lead Inspector"]
    return paragraphs
