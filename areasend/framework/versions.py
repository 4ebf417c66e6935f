"""Framework versions by effective date (framework.md §6.1, NF-VER-1).

An inspection, and everything that follows from it, is governed by the
version in force on the day it was notified. A version says which kinds of
inspection it governs, until when it may still be notified, and which
parameters set its notice periods.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from areasend.framework.events import Framework, InspectionKind

FULL = frozenset({InspectionKind.FULL})
REVISIT = frozenset({InspectionKind.REVISIT})
NEW = frozenset({InspectionKind.FULL, InspectionKind.MONITORING})


@dataclass(frozen=True)
class Notice:
    """The notice before a step of an inspection: a parameter (WD) and the rule it comes from."""

    param: str
    rule: str


@dataclass(frozen=True)
class FrameworkVersion:
    key: str
    title: str
    framework: Framework
    kinds: frozenset[InspectionKind]
    effective_from: dt.date
    #: Last day an inspection of these kinds may be notified under this framework.
    notify_until: dt.date | None
    #: Notice before fieldwork begins, and before inspectors are on site.
    fieldwork_notice: Notice
    onsite_notice: Notice
    remote_allowed: bool
    #: NF-MON-1: when the 18 months to a monitoring inspection start.
    monitoring_clock: Literal["inspection", "report"] | None
    #: NF-OUT-2: "judgement" wording until June 2025, "outcome" after.
    wording: Literal["judgement", "outcome"]
    rule_ids: tuple[str, ...]
    changes: str


_F2016_NOTICE = Notice("notice.full_2016_wd", "OF-NOT-1")
_REVISIT_NOTICE = Notice("notice.revisit_wd", "RV-3")
_NF_ONSITE = Notice("notice.nf_onsite_wd", "NF-NOT-1")
_NF_FIELDWORK = Notice("notice.nf_fieldwork_wd", "NF-NOT-2")
_NF_ONSITE_DEC23 = Notice("notice.nf_onsite_wd", "NF-NOT-2")
_MONITORING_NOTICE = Notice("notice.monitoring_wd", "NF-MON-1")

VERSIONS: tuple[FrameworkVersion, ...] = (
    FrameworkVersion(
        "2016", "Joint local area SEND inspection (2016 framework and handbook)",
        Framework.F2016, FULL, dt.date(2016, 5, 1), dt.date(2022, 4, 30),
        _F2016_NOTICE, _F2016_NOTICE, False, None, "judgement",
        ("OF-PRG-1", "OF-PRG-4"),
        "Full inspections with 5 WD notice; outcome letter with or without a WSOA.",
    ),
    FrameworkVersion(
        "revisit-2018", "Revisits to areas required to produce a WSOA (2018)",
        # Notifiable from DfE's announcement of 9 Nov 2018 (RV-1): the first revisits were on
        # site in early December (Rochdale, 3 Dec 2018), so notified in November.
        Framework.F2016, REVISIT, dt.date(2018, 11, 9), dt.date(2022, 12, 31),
        _REVISIT_NOTICE, _REVISIT_NOTICE, False, None, "judgement",
        ("RV-1", "RV-3", "OF-PRG-4"),
        "Revisits of 2-4 days with 10 WD notice, judging progress on each weakness.",
    ),
    FrameworkVersion(
        "revisit-2021", "Revisit guidance after the COVID pause (April 2021)",
        Framework.F2016, REVISIT, dt.date(2021, 4, 1), dt.date(2022, 12, 31),
        _REVISIT_NOTICE, _REVISIT_NOTICE, True, None, "judgement",
        ("RV-2", "RV-5", "CV-4"),
        "Remote revisits allowed; selection also weighs time since the WSOA was required.",
    ),
    FrameworkVersion(
        "2023", "Area SEND inspections of local area partnerships (January 2023)",
        Framework.F2023, NEW, dt.date(2023, 1, 1), None,
        Notice("notice.nf_onsite_wd", "NF-WK-1"), _NF_ONSITE, False, "inspection", "judgement",
        ("NF-VER-1", "NF-NOT-1"),
        "3-week inspection from a Monday notification; on-site fieldwork in week 3.",
    ),
    FrameworkVersion(
        "2023-12", "Area SEND framework and handbook, updated 11 December 2023",
        Framework.F2023, NEW, dt.date(2023, 12, 11), None,
        _NF_FIELDWORK, _NF_ONSITE_DEC23, False, "inspection", "judgement",
        ("NF-VER-1", "NF-NOT-2"),
        "Notified 8 WD before fieldwork begins and 10 WD before inspectors are on site.",
    ),
    FrameworkVersion(
        "2025-06", "Area SEND framework and handbook, re-issued 6 June 2025",
        Framework.F2023, NEW, dt.date(2025, 6, 6), None,
        _NF_FIELDWORK, _NF_ONSITE_DEC23, False, "report", "outcome",
        ("NF-VER-1", "NF-MON-1", "NF-OUT-2"),
        "Monitoring inspection 18 months from receipt of the final report; 'outcome' wording.",
    ),
)  # fmt: skip

#: Monitoring inspections have their own notice parameter in every 2023 version (Q8).
MONITORING_NOTICE = _MONITORING_NOTICE


def version_in_force(
    framework: Framework, kind: InspectionKind, on: dt.date
) -> FrameworkVersion | None:
    """The latest version of ``framework`` governing ``kind`` effective on ``on``, if any.

    A version stays in force for the follow-up of its inspections after
    ``notify_until``; schedule.notification_refusals says whether a new one may
    still be notified.
    """
    candidates = [
        v
        for v in VERSIONS
        if v.framework is framework and kind in v.kinds and v.effective_from <= on
    ]
    return candidates[-1] if candidates else None


def framework_start(framework: Framework) -> dt.date:
    return min(v.effective_from for v in VERSIONS if v.framework is framework)


def fieldwork_notice(version: FrameworkVersion, kind: InspectionKind) -> Notice:
    return MONITORING_NOTICE if kind is InspectionKind.MONITORING else version.fieldwork_notice


def onsite_notice(version: FrameworkVersion, kind: InspectionKind) -> Notice:
    return MONITORING_NOTICE if kind is InspectionKind.MONITORING else version.onsite_notice
