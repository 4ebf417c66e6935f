"""Build the national inspection history shipped in areasend/areas/data/national/.

The project ships its own data and never reads ../shared at run time: this
script reads Ofsted's published tables once and writes, committed as data,

- ``<area-slug>.jsonl``: each area's §9 events (framework.md §9), one source
  per event, for every inspection the demonstration histories do not already
  hold;
- ``official_records.csv``: the facts §9 cannot carry without the letters'
  wording (weakness counts, revisit counts, the table's Yes/Some/No, dates
  known only to the month), one row per inspection, its ``inspection`` id
  matching the events' (the demonstration history's id where it has one).

Dates the tables do not give (notification, the end of a revisit or of the
2023 on-site week when no report is labelled) are computed from the
framework's rules and parameters and every such event says so in its
``note``. Weakness wording is never invented: events carry weaknesses only
where a labelled report quotes them. Every area's history is evaluated by the
framework before anything is written, so ``load_national`` cannot be refused.

    .venv/bin/python tools/build_national_history.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
# The letter extractor reads its size limit from the settings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.settings_dev")

from django.utils.text import slugify  # noqa: E402

from areasend.framework.calendar import WorkingCalendar, england, monday_of_week  # noqa: E402
from areasend.framework.evaluate import evaluate  # noqa: E402
from areasend.framework.events import Framework, HistoryError, InspectionKind  # noqa: E402
from areasend.framework.history import parse_history  # noqa: E402
from areasend.framework.params import DEFAULTS  # noqa: E402
from areasend.framework.versions import version_in_force  # noqa: E402

DATA = REPO / "areasend" / "areas" / "data"
OUT = DATA / "national"
HISTORIES = DATA / "histories"

TABLE = "ofsted/area_send_inspections_2016_to_2022.csv"
MI = "ofsted/area_send_mi_2023_framework_winter_2022_23.csv"
LABELS = "corpus/labels.jsonl"
PEER = "ofsted/area_send_2023_framework_latest_per_la_d2i_2026-06.csv"

STATISTICS = "https://www.gov.uk/government/collections/area-send-statistics"
TABLE_SOURCE = (
    f"Ofsted official statistics: area SEND inspections 1 May 2016 to 31 Aug 2022 "
    f"(17 Nov 2022), {STATISTICS}"
)
README_SOURCE = (
    f"Ofsted official statistics: area SEND inspections 1 May 2016 to 31 Aug 2022, "
    f"note on the former areas Dorset and Northamptonshire, {STATISTICS}"
)
MI_SOURCE = (
    f"Ofsted management information: 2023-framework area SEND inspections, winter 2022-23, "
    f"{STATISTICS}"
)
PEER_SOURCE = (
    "data-to-insight ofsted-send-scrape-tool: the latest 2023-framework report per local "
    "authority, read from Ofsted's report listing and PDFs (snapshot 29 Jun 2026)"
)

#: The sources, best first: where two disagree on a fact the earlier one's is kept.
RANKS = ("report", "statistics", "mi", "peer")
RANK_NAMES = {
    "report": "the labelled report",
    "statistics": "Ofsted's official statistics",
    "mi": "Ofsted's management information",
    "peer": "the peer's table",
}

#: What the register draws on, with the dates each covers (written to sources.csv).
SOURCES = [
    {
        "source": "statistics",
        "title": "Ofsted official statistics: area SEND inspections and revisits, "
        "1 May 2016 to 31 Aug 2022",
        "publisher": "Ofsted",
        "published": "2022-11-17",
        "covers": "every 2016-framework inspection and revisit carried out by 31 Aug 2022",
        "licence": "Open Government Licence v3.0",
        "url": STATISTICS,
    },
    {
        "source": "mi",
        "title": "Ofsted management information: 2023-framework area SEND inspections, "
        "winter 2022-23",
        "publisher": "Ofsted",
        "published": "",
        "covers": "the first 16 2023-framework inspections (reports published 5 May to "
        "10 Nov 2023)",
        "licence": "Open Government Licence v3.0",
        "url": STATISTICS,
    },
    {
        "source": "report",
        "title": "Hand-labelled 2023-framework reports (the project's letter corpus)",
        "publisher": "Ofsted and CQC",
        "published": "",
        "covers": "24 reports published 16 May 2023 to 11 Mar 2025",
        "licence": "Open Government Licence v3.0",
        "url": "https://reports.ofsted.gov.uk/",
    },
    {
        "source": "peer",
        "title": "data-to-insight ofsted-send-scrape-tool: latest 2023-framework report per "
        "local authority",
        "publisher": "data-to-insight (facts Ofsted's)",
        "published": "2026-06-29",
        "covers": "the latest 2023-framework full inspection of 41 local authorities, reports "
        "published to June 2026; earlier inspections of the same area are not in it",
        "licence": "MIT (facts: Open Government Licence v3.0)",
        "url": "https://github.com/data-to-insight/ofsted-send-scrape-tool",
    },
]

#: Ofsted's own counts of full inspections (framework.md §5), per framework and period.
PUBLISHED_COUNTS = [
    {
        "framework": "2016",
        "period": "2016-2022",
        "full_inspections": "151",
        "as_at": "2022-08-31",
        "note": "149 councils in the table and the 2 former areas of its note",
        "source": TABLE_SOURCE,
    },
    {
        "framework": "2023",
        "period": "2023",
        "full_inspections": "26",
        "as_at": "2023-12-31",
        "note": "7 positive, 11 inconsistent, 8 widespread and/or systemic failings",
        "source": "Ofsted official statistics: area SEND inspections and outcomes in England "
        "as at 31 December 2023 (framework.md §5)",
    },
    {
        "framework": "2023",
        "period": "2024",
        "full_inspections": "28",
        "as_at": "2024-12-31",
        "note": "7 positive, 15 inconsistent, 6 widespread and/or systemic failings",
        "source": "Ofsted official statistics: area SEND inspections and outcomes in England "
        "as at 31 December 2024 (framework.md §5)",
    },
]

F16, F23 = Framework.F2016, Framework.F2023
FULL, REVISIT = InspectionKind.FULL, InspectionKind.REVISIT

MI_OUTCOMES = {
    "Typically positive experiences and outcomes": "positive",
    "Inconsistent experiences and outcomes": "inconsistent",
    "Widespread and/or systemic failings": "systemic_failings",
}
REVISIT_RESULTS = {"Yes": "all", "Some": "some", "No": "none"}

#: Names as the MI and the labelled reports write them that are not a name or
#: alternative name in local_areas.csv.
ALIASES = {"Durham": "E06000047", "Kingston upon Hull": "E06000010"}

#: The former areas the official table leaves out (shared data README): only
#: the month of each event is published there.
FORMER = (
    # gss, inspection start month, WSOA?, revisit start month, revisit result
    ("E10000009", dt.date(2017, 1, 1), True, dt.date(2019, 2, 1), "some"),
    ("E10000021", dt.date(2017, 5, 1), False, None, ""),
)

#: Inspections whose events the framework refuses although the table is right:
#: kept out of the history (their official record still holds the dates) and
#: reported in docs/data/national-history.md rather than weakening the engine.
#: None now: Rochdale's first revisit (on site 3 Dec 2018, notified in November)
#: was held back until the engine dated revisits from the 9 Nov 2018 announcement.
HELD_BACK: dict[tuple[str, InspectionKind, dt.date], str] = {}

RECORD_FIELDS = [
    "area",
    "area_name",
    "inspection",
    "framework",
    "kind",
    "follows",
    "start_date",
    "publication_date",
    "date_precision",
    "outcome",
    "weakness_count",
    "revisit_result",
    "sufficient_count",
    "insufficient_count",
    "in_history",
    "note",
    "source",
    "report_url",
    "reported_start",
    "reported_end",
]
CONFLICT_FIELDS = [
    "area",
    "area_name",
    "inspection",
    "fact",
    "kept",
    "kept_from",
    "other",
    "other_from",
]


@dataclass
class Area:
    gss: str
    name: str
    slug: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    urn: str = ""
    dfe: str = ""


@dataclass(frozen=True)
class Conflict:
    """Two sources disagreeing on one fact of one inspection, and which was kept."""

    fact: str
    kept: str
    kept_from: str
    other: str
    other_from: str


@dataclass
class Inspection:
    """One official inspection: the facts the sources give, before it becomes events."""

    area: str
    framework: Framework
    kind: InspectionKind
    start: dt.date | None
    publication: dt.date | None
    source: str
    precision: str = "day"
    outcome: str = ""
    end: dt.date | None = None
    weakness_count: int | None = None
    weaknesses: tuple[str, ...] = ()
    revisit_result: str = ""
    sufficient: int | None = None
    insufficient: int | None = None
    follows: str = ""
    ident: str = ""
    notes: list[str] = field(default_factory=list)
    #: Ofsted's file address of the report, where a source gives it.
    report_url: str = ""
    #: The "Inspection dates" line of the report, where a report was read.
    reported_start: dt.date | None = None
    reported_end: dt.date | None = None
    #: Which source gave the outcome and the dates (for the conflicts' "kept_from").
    rank: str = ""
    conflicts: list[Conflict] = field(default_factory=list)
    #: Why the inspection cannot be events (a fact the events need is not known).
    unknown: str = ""
    #: Sources that confirm or add to the record (not the events' source).
    also: list[str] = field(default_factory=list)


def _date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    if "/" in text:
        return dt.datetime.strptime(text, "%d/%m/%Y").replace(tzinfo=dt.UTC).date()
    return dt.date.fromisoformat(text)


def _count(text: str) -> int | None:
    return int(float(text)) if text.strip() else None


def load_areas() -> tuple[dict[str, Area], dict[str, str], dict[str, list[str]]]:
    """Areas by GSS code, former codes to current, and names to codes (as reference.py slugs)."""
    with (DATA / "local_areas.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    areas: dict[str, Area] = {}
    former: dict[str, str] = {}
    names: dict[str, list[str]] = defaultdict(list)
    taken: set[str] = set()
    for row in sorted(rows, key=lambda r: (bool(r["valid_to"]), r["name"])):
        slug = slugify(row["name"])
        if slug in taken:
            slug = f"{slug}-until-{row['valid_to'][:4]}"
        taken.add(slug)
        code = row["gss_code"]
        areas[code] = Area(
            code,
            row["name"],
            slug,
            _date(row["valid_from"]),
            _date(row["valid_to"]),
            row["ofsted_urn"],
            row["dfe_code"],
        )
        for old in filter(None, row["former_gss_codes"].split(";")):
            former[old.split("@")[0]] = code
        for name in [row["name"], *filter(None, row["alternative_names"].split(";"))]:
            names[name.lower()].append(code)
    return areas, former, names


def area_by_name(
    name: str, on: dt.date, areas: dict[str, Area], names: dict[str, list[str]]
) -> str:
    if name in ALIASES:
        return ALIASES[name]
    found = [
        c
        for c in names.get(name.lower(), [])
        if (areas[c].valid_from or on) <= on <= (areas[c].valid_to or on)
    ]
    if len(found) != 1:
        raise SystemExit(f"cannot tell which area '{name}' is on {on}: {found or 'none'}")
    return found[0]


def read_table(shared: Path, former: dict[str, str]) -> list[Inspection]:
    out: list[Inspection] = []
    with (shared / "data" / TABLE).open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cols = list(row.values())
            code = former.get(cols[0], cols[0])
            wsoa = cols[5] == "Yes"
            full = Inspection(
                code,
                F16,
                FULL,
                _date(cols[3]) or dt.date.min,
                _date(cols[4]),
                TABLE_SOURCE,
                outcome="wsoa" if wsoa else "no_wsoa",
                weakness_count=_count(cols[6]),
            )
            out.append(full)
            revisit_start = _date(cols[7]) if cols[7][:1].isdigit() else None
            if revisit_start is not None:
                out.append(
                    Inspection(
                        code,
                        F16,
                        REVISIT,
                        revisit_start,
                        _date(cols[8]),
                        TABLE_SOURCE,
                        revisit_result=REVISIT_RESULTS[cols[9]],
                        sufficient=_count(cols[10]),
                        insufficient=_count(cols[11]),
                    )
                )
    return out


def read_former() -> list[Inspection]:
    out: list[Inspection] = []
    for code, start, wsoa, revisit, result in FORMER:
        out.append(
            Inspection(
                code,
                F16,
                FULL,
                start,
                None,
                README_SOURCE,
                precision="month",
                outcome="wsoa" if wsoa else "no_wsoa",
            )
        )
        if revisit is not None:
            out.append(
                Inspection(
                    code,
                    F16,
                    REVISIT,
                    revisit,
                    None,
                    README_SOURCE,
                    precision="month",
                    revisit_result=result,
                )
            )
    return out


def full_wording(shared: Path, file: str, actions: list[str]) -> tuple[str, ...]:
    """The label's areas for priority action; where the label shortens one with "…", the
    report's own words as the letter importer reads them (never the shortened text)."""
    if not any(a.endswith("…") for a in actions):
        return tuple(actions)
    from areasend.areas.resolve import AreaDirectory
    from areasend.letters.extract import extract
    from areasend.letters.parsers import parse

    # The area is resolved elsewhere; an empty directory still reads the weaknesses.
    text = extract((shared / "corpus" / "pdf" / file).read_bytes(), file).text
    record = parse(text, AreaDirectory([]))
    read = [found.value for found in record.weaknesses if found.value]

    def opens(whole: str, opening: str) -> bool:
        return " ".join(whole.split()).startswith(" ".join(opening.rstrip("…").split()))

    if len(read) != len(actions) or not all(
        opens(r, a) for r, a in zip(read, actions, strict=True)
    ):
        raise SystemExit(f"{file}: the report's areas for priority action do not match the label")
    return tuple(" ".join(r.split()) for r in read)


def read_2023(
    shared: Path, areas: dict[str, Area], former: dict[str, str], names: dict[str, list[str]]
) -> list[Inspection]:
    """The 2023-framework full inspections of the MI and the labelled reports, merged per report."""
    found: dict[tuple[str, dt.date], Inspection] = {}
    with (shared / "data" / MI).open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            start = _date(row["Inspection.start.date"])
            published = _date(row["Inspection.publication.date"])
            assert start and published
            code = area_by_name(row["Local.area.partnership"], start, areas, names)
            count = row["Number.of.areas.for.priority.action"]
            found[(code, published)] = Inspection(
                code,
                F23,
                FULL,
                start,
                published,
                MI_SOURCE,
                outcome=MI_OUTCOMES[row["Inspection.outcome"]],
                weakness_count=int(count) if count != "NA" else 0,
                rank="mi",
            )
    for line in (shared / LABELS).read_text(encoding="utf-8").splitlines():
        label: dict[str, Any] = json.loads(line)
        start = dt.date.fromisoformat(label["inspection_start"])
        published = dt.date.fromisoformat(label["publication_date"])
        end = dt.date.fromisoformat(label["inspection_end"])
        code = area_by_name(label["local_area"], start, areas, names)
        urn = label["file"].split("_")[0]
        report = f"Ofsted and CQC report {label['file']} (Ofsted URN {urn}), hand-labelled"
        actions = full_wording(shared, label["file"], label["priority_actions"])
        known = found.get((code, published))
        if known is None:
            known = found[(code, published)] = Inspection(
                code,
                F23,
                FULL,
                start,
                published,
                report,
                outcome=label["outcome"],
                weakness_count=len(actions),
            )
        else:
            if known.outcome != label["outcome"] or known.weakness_count != len(actions):
                raise SystemExit(f"{label['file']}: the MI and the label disagree on the outcome")
            known.source = f"{MI_SOURCE}; {report}"
            if known.start != start:
                known.notes.append(
                    f"the report's 'Inspection dates' line starts {start}; "
                    f"the MI gives {known.start}"
                )
                # Not two answers to one question: the MI's is the on-site Monday, which the
                # report's footer confirms; the header's is kept as the report's own dates.
                known.conflicts.append(
                    Conflict(
                        "first day",
                        f"{start} (reported_start: the report's 'Inspection dates' line)",
                        "report",
                        f"{known.start} (kept as start_date, the on-site Monday the events "
                        "use, which the report's footer also gives)",
                        "mi",
                    )
                )
        known.rank = "report"
        known.end = end
        known.reported_start, known.reported_end = start, end
        if actions:
            known.weaknesses = actions
    read_peer(shared, areas, former, found)
    return list(found.values())


#: The peer's next-inspection phrase each outcome's report prints (NF-ACT-2, NF-MON-1).
NEXT_PHRASES = {"positive": "5 years", "inconsistent": "3 years", "systemic_failings": "18 months"}


def _peer_area(
    row: dict[str, str], areas: dict[str, Area], former: dict[str, str]
) -> tuple[str, list[Conflict]]:
    """The area by Ofsted URN, checked against the peer's DfE and GSS codes."""
    found = [a for a in areas.values() if a.urn == row["urn"]]
    if len(found) != 1 or found[0].dfe != row["la_code"]:
        raise SystemExit(f"peer row {row['urn']} {row['local_authority']}: no area has this URN")
    area = found[0]
    conflicts = []
    if row["gss_code"] != area.gss:
        what = areas.get(row["gss_code"])
        whose = f"{what.name}'s code" if what else "no area's code"
        if row["gss_code"] in former:
            whose = f"{areas[former[row['gss_code']]].name}'s former code"
        conflicts.append(
            Conflict(
                "GSS code",
                f"{area.gss} ({area.name}, by Ofsted URN {row['urn']} and DfE code "
                f"{row['la_code']})",
                "reference data",
                f"{row['gss_code']} ({whose})",
                "peer",
            )
        )
    return area.gss, conflicts


def read_peer(
    shared: Path,
    areas: dict[str, Area],
    former: dict[str, str],
    found: dict[tuple[str, dt.date], Inspection],
) -> None:
    """Merge the peer's table into the 2023 inspections: kept facts from better sources stand,
    disagreements are recorded, and what the peer could not read stays unknown."""
    with (shared / "data" / PEER).open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        code, conflicts = _peer_area(row, areas, former)
        start, end = _date(row["inspection_start"]), _date(row["inspection_end"])
        published = _date(row["publication_date"])
        if published is None:
            raise SystemExit(f"peer row {row['urn']}: no publication date")
        outcome, url = row["outcome"], row["report_url"]
        source = f"{PEER_SOURCE}; report {url}"
        known = found.get((code, published))
        if known is None:
            # The same inspection under another publication date is a conflict, not a second one.
            near = [
                i
                for (c, _), i in found.items()
                if c == code and i.framework is F23 and start and i.end
                and abs((i.end - (end or start)).days) <= 7
            ]  # fmt: skip
            if near:
                known = near[0]
                conflicts.append(
                    Conflict(
                        "publication date",
                        str(known.publication),
                        known.rank,
                        str(published),
                        "peer",
                    )
                )
        if known is None:
            known = found[(code, published)] = Inspection(
                code, F23, FULL, start, published, source, outcome=outcome, rank="peer"
            )
            known.end, known.reported_start, known.reported_end = end, start, end
            if start is None or end is None:
                known.unknown = (
                    "on-site dates not recorded here: the peer's table leaves them blank"
                )
            elif not outcome:
                known.unknown = "outcome not recorded here: the peer could not read it"
        else:
            known.also.append(f"{PEER_SOURCE} (report address)")
            kept = {
                "start": (known.reported_start or known.start, start),
                "end": (known.reported_end or known.end, end),
                "outcome": (known.outcome, outcome),
            }
            for fact, (ours, theirs) in kept.items():
                if theirs and ours and ours != theirs:
                    conflicts.append(Conflict(fact, str(ours), known.rank, str(theirs), "peer"))
        phrase = row["next_inspection"]
        expected = NEXT_PHRASES.get(known.outcome)
        if phrase and expected and phrase != expected:
            conflicts.append(
                Conflict(
                    "next inspection",
                    f"{expected} (NF-ACT-2, NF-MON-1, from the outcome)",
                    known.rank,
                    phrase,
                    "peer",
                )
            )
        known.report_url = url
        known.conflicts.extend(conflicts)


# ---------------------------------------------------------------------------
# Demonstration histories


@dataclass
class DemoInspection:
    ident: str
    framework: str
    kind: str
    started: dt.date | None = None
    published: dt.date | None = None


def read_demos() -> dict[str, tuple[str, list[DemoInspection]]]:
    """Per area: the file and the inspections its demonstration history holds."""
    demos: dict[str, tuple[str, list[DemoInspection]]] = {}
    for path in sorted(HISTORIES.glob("*.jsonl")):
        found: dict[str, DemoInspection] = {}
        area = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            obj = json.loads(line)
            area = obj.get("area") or area
            ident = obj.get("inspection")
            if obj["event"] == "inspection_notified":
                found[ident] = DemoInspection(ident, obj["framework"], obj["kind"])
            elif ident in found and obj["event"] == "fieldwork_started":
                found[ident].started = dt.date.fromisoformat(obj["date"])
            elif ident in found and obj["event"] == "letter_published":
                found[ident].published = dt.date.fromisoformat(obj["date"])
        demos[area] = (path.name, list(found.values()))
    return demos


def demo_match(
    inspection: Inspection, demos: dict[str, tuple[str, list[DemoInspection]]]
) -> DemoInspection | None:
    """The demonstration history's copy of an official inspection, if it has one."""
    for demo in demos.get(inspection.area, ("", []))[1]:
        if demo.framework != inspection.framework or demo.kind != inspection.kind:
            continue
        if inspection.framework is F16:
            return demo  # the 2016 programme inspected and revisited each area once
        if demo.started and inspection.start and abs((demo.started - inspection.start).days) <= 31:
            return demo
    return None


# ---------------------------------------------------------------------------
# Events


def _latest_monday(day: dt.date, calendar: WorkingCalendar) -> dt.date:
    monday = monday_of_week(day)
    while not calendar.is_working_day(monday):
        monday -= dt.timedelta(days=7)
    return monday


def full_notification(
    framework: Framework, onsite: dt.date, calendar: WorkingCalendar
) -> tuple[dt.date, str]:
    """The computed notification of a full inspection and the note saying how."""
    wd = "notice.full_2016_wd" if framework is F16 else "notice.nf_onsite_wd"
    rule = "OF-NOT-1" if framework is F16 else "NF-NOT-1, NF-NOT-2"
    notice = DEFAULTS.number(wd)
    exact = calendar.add_working_days(onsite, -notice)
    day = _latest_monday(exact, calendar)
    note = f"computed: the working Monday {notice} WD before inspectors were on site ({rule})"
    if day != exact or onsite - day != dt.timedelta(days=7 if framework is F16 else 14):
        note = (
            f"computed: a bank holiday shortens the usual notice, so the latest working Monday "
            f"giving the {notice} WD the rules require ({rule}); the real day is not published"
        )
    return day, note


def _end_of_week(day: dt.date, calendar: WorkingCalendar) -> dt.date:
    end = day + dt.timedelta(days=4 - day.weekday())
    while not calendar.is_working_day(end):
        end -= dt.timedelta(days=1)
    return end


def events_for(inspection: Inspection, calendar: WorkingCalendar) -> Iterator[dict[str, Any]]:
    base = {"area": inspection.area, "inspection": inspection.ident}
    src = inspection.source

    def event(day: dt.date, name: str, **extra: Any) -> dict[str, Any]:
        # Computed events cite the table their computation starts from.
        return {
            "area": base["area"],
            "date": day.isoformat(),
            "event": name,
            "inspection": base["inspection"],
            "source": src,
            **extra,
        }

    kind, framework = inspection.kind, inspection.framework
    # Only inspections with their days known become events (build() keeps the rest as records).
    assert inspection.start is not None
    start = inspection.start
    if kind is REVISIT:
        days = DEFAULTS.number("revisit.default_days")
        notified = calendar.add_working_days(start, -DEFAULTS.number("notice.revisit_wd"))
        end = calendar.add_working_days(start, days - 1)
        yield event(
            notified,
            "inspection_notified",
            kind="revisit",
            framework="2016",
            note=f"computed: {DEFAULTS.number('notice.revisit_wd')} WD before the revisit (RV-3)",
        )
        yield event(start, "fieldwork_started")
        yield event(
            end,
            "fieldwork_ended",
            note=f"assumed: {days} days on site, as every observed revisit "
            "(RV-4, revisit.default_days); the table gives only the start",
        )
        assert inspection.publication is not None
        yield event(
            inspection.publication,
            "letter_published",
            note="findings per weakness not recorded: the letter's wording is not in "
            "the table (counts in official_records.csv)",
        )
        return
    onsite = monday_of_week(inspection.end) if inspection.end else start
    notified, note = full_notification(framework, onsite, calendar)
    yield event(notified, "inspection_notified", kind="full", framework=str(framework), note=note)
    version = version_in_force(framework, FULL, notified)
    if version is not None and version.fieldwork_notice.param == "notice.nf_fieldwork_wd":
        started = calendar.add_working_days(notified, DEFAULTS.number("notice.nf_fieldwork_wd"))
        yield event(
            started,
            "fieldwork_started",
            note="computed: fieldwork begins 8 WD after notification, the Thursday of "
            f"week 2 (NF-NOT-2); inspectors on site from {onsite}",
        )
    else:
        extra = {"note": "; ".join(inspection.notes)} if inspection.notes else {}
        yield event(start if framework is F16 else onsite, "fieldwork_started", **extra)
    if inspection.end is not None:
        yield event(inspection.end, "fieldwork_ended")
    else:
        what = "OF-ONS-1" if framework is F16 else "NF-WK-1"
        yield event(
            _end_of_week(onsite, calendar),
            "fieldwork_ended",
            note=f"computed: the last working day of the on-site week ({what}); "
            "the table gives only the start",
        )
    assert inspection.publication is not None
    letter: dict[str, Any] = {"outcome": inspection.outcome}
    if inspection.weaknesses:
        letter["weaknesses"] = list(inspection.weaknesses)
        letter["note"] = (
            "areas for priority action: each item's opening words as the labelled report gives "
            "them (long items cut with '…')"
        )
    yield event(inspection.publication, "letter_published", **letter)


# ---------------------------------------------------------------------------


@dataclass
class Built:
    events: dict[str, list[dict[str, Any]]]
    records: list[dict[str, str]]
    conflicts: list[dict[str, str]]


def build(shared: Path) -> Built:
    areas, former, names = load_areas()
    calendar = england()
    demos = read_demos()
    inspections = [
        *read_table(shared, former),
        *read_former(),
        *read_2023(shared, areas, former, names),
    ]
    inspections.sort(key=lambda i: (i.area, i.start or i.publication or dt.date.max, i.kind))
    used: set[tuple[str, str]] = set()
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    records: list[dict[str, str]] = []
    conflicts: list[dict[str, str]] = []
    last_full: dict[str, str] = {}
    for inspection in inspections:
        area = areas[inspection.area]
        demo = demo_match(inspection, demos)
        if demo is not None:
            inspection.ident = demo.ident
        else:
            prefix = f"{area.slug}-revisit" if inspection.kind is REVISIT else area.slug
            year = (inspection.start or inspection.publication or dt.date.min).year
            inspection.ident = f"{prefix}-{year}"
            if (inspection.area, inspection.ident) in used:  # re-inspected within the year
                inspection.ident = f"{prefix}-{year}-2"
        used.add((inspection.area, inspection.ident))
        if inspection.kind is REVISIT:
            inspection.follows = last_full[inspection.area]
        else:
            last_full[inspection.area] = inspection.ident
        held = (
            HELD_BACK.get((inspection.area, inspection.kind, inspection.start), "")
            if inspection.start
            else ""
        )
        note = "; ".join(inspection.notes)
        if inspection.precision == "month":
            note = "not in the history: only the month is published, and events need a day"
        elif held:
            note = f"not in the history: the framework refuses it; {held}"
        elif inspection.unknown:
            note = f"not in the history: {inspection.unknown}"
        elif demo is not None:
            note = f"events from the demonstration history {demos[inspection.area][0]}"
        else:
            events[area.slug].extend(events_for(inspection, calendar))
        in_history = demo is not None or not (
            held or inspection.precision == "month" or inspection.unknown
        )
        records.append(record(inspection, area, in_history, note))
        for c in inspection.conflicts:
            conflicts.append(
                {
                    "area": area.gss,
                    "area_name": area.name,
                    "inspection": inspection.ident,
                    "fact": c.fact,
                    "kept": c.kept,
                    "kept_from": c.kept_from,
                    "other": c.other,
                    "other_from": c.other_from,
                }
            )
    check(events, demos, areas)
    return Built(events, records, conflicts)


def record(inspection: Inspection, area: Area, in_history: bool, note: str) -> dict[str, str]:
    def text(value: object) -> str:
        return "" if value is None else str(value)

    return {
        "area": area.gss,
        "area_name": area.name,
        "inspection": inspection.ident,
        "framework": str(inspection.framework),
        "kind": str(inspection.kind),
        "follows": inspection.follows,
        "start_date": text(inspection.start and inspection.start.isoformat()),
        "publication_date": text(inspection.publication and inspection.publication.isoformat()),
        "date_precision": inspection.precision,
        "outcome": inspection.outcome,
        "weakness_count": text(inspection.weakness_count),
        "revisit_result": inspection.revisit_result,
        "sufficient_count": text(inspection.sufficient),
        "insufficient_count": text(inspection.insufficient),
        "in_history": "yes" if in_history else "no",
        "note": note,
        "source": "; ".join([inspection.source, *inspection.also]),
        "report_url": inspection.report_url,
        "reported_start": text(inspection.reported_start and inspection.reported_start.isoformat()),
        "reported_end": text(inspection.reported_end and inspection.reported_end.isoformat()),
    }


def check(
    events: dict[str, list[dict[str, Any]]],
    demos: dict[str, tuple[str, list[DemoInspection]]],
    areas: dict[str, Area],
) -> None:
    """Evaluate each area's whole history (its demonstration events too) as the loader will."""
    today = dt.date(2100, 1, 1)
    problems = []
    for slug, lines in events.items():
        code = lines[0]["area"]
        texts = [[json.dumps(e, ensure_ascii=False) for e in lines]]
        if code in demos:
            texts.append((HISTORIES / demos[code][0]).read_text(encoding="utf-8").splitlines())
        try:
            parsed = [e for t in texts for e in parse_history(t, include_national_pause=False)]
            evaluate(sorted(parsed, key=lambda e: e.date), today, params=DEFAULTS)
        except HistoryError as error:
            problems.append(f"{slug} ({areas[code].name}): {error}")
    if problems:
        raise SystemExit("the framework refuses these histories:\n" + "\n".join(problems))


def _write_csv(name: str, fields: list[str], rows: list[dict[str, str]]) -> None:
    with (OUT / name).open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write(built: Built) -> None:
    events = built.events
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.jsonl"):
        old.unlink()
    for slug, lines in sorted(events.items()):
        body = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines)
        (OUT / f"{slug}.jsonl").write_text(body, encoding="utf-8")
    _write_csv("official_records.csv", RECORD_FIELDS, built.records)
    _write_csv("conflicts.csv", CONFLICT_FIELDS, built.conflicts)
    _write_csv("sources.csv", list(SOURCES[0]), SOURCES)
    _write_csv("published_counts.csv", list(PUBLISHED_COUNTS[0]), PUBLISHED_COUNTS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(os.environ.get("AREASEND_SHARED", REPO.parent / "shared"))
    parser.add_argument("--shared", type=Path, default=default, help="the shared evidence folder")
    args = parser.parse_args()
    built = build(args.shared)
    write(built)
    total = sum(len(v) for v in built.events.values())
    sys.stdout.write(
        f"{len(built.events)} area files, {total} events, {len(built.records)} records, "
        f"{len(built.conflicts)} conflicts -> {OUT}\n"
    )
    for c in built.conflicts:
        sys.stdout.write(
            f"  {c['area_name']} {c['inspection']} {c['fact']}: kept {c['kept']} "
            f"({c['kept_from']}), not {c['other']} ({c['other_from']})\n"
        )


if __name__ == "__main__":
    main()
