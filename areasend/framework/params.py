"""Every number and choice the engine uses, named, documented and overridable.

Each ``Parameter`` names the rules of framework.md it comes from and the
spec's confidence in it. Rules the spec marks L or CONFLICT are always
parameters (ADR 0004): a deployment overrides them in settings, and
``Params`` refuses an unknown name or a value of the wrong type, naming it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

ParamValue = int | bool | str | dt.date | dt.time
_T = TypeVar("_T")


@dataclass(frozen=True)
class Parameter:
    name: str
    default: ParamValue
    unit: str  # WD, months, years, days, date, time, choice, flag
    rule_ids: tuple[str, ...]
    confidence: str
    doc: str
    choices: tuple[str, ...] = ()


def _p(
    name: str,
    default: ParamValue,
    unit: str,
    rules: str,
    confidence: str,
    doc: str,
    choices: tuple[str, ...] = (),
) -> Parameter:
    return Parameter(name, default, unit, tuple(rules.split()), confidence, doc, choices)


CLOCK_STARTS = ("publication", "letter_dated")

_ALL = (
    # Notice and the inspection week
    _p("notice.full_2016_wd", 5, "WD", "OF-NOT-1", "H",
       "Notice before fieldwork of a 2016 full inspection: told on a Monday, on site the next."),
    _p("notice.revisit_wd", 10, "WD", "RV-3", "H",
       "Notice before a revisit's fieldwork (Medway: exactly 10 WD)."),
    _p("notice.nf_fieldwork_wd", 8, "WD", "NF-NOT-2", "M",
       "From the Dec 2023 version: notification to the start of fieldwork."),
    _p("notice.nf_onsite_wd", 10, "WD", "NF-NOT-1 NF-NOT-2 NF-WK-1", "M",
       "Notification to inspectors on site (Monday of week 3); before Dec 2023 fieldwork is "
       "the on-site week."),
    _p("notice.monitoring_wd", 10, "WD", "NF-MON-1", "L",
       "Notice before a monitoring inspection's fieldwork: not found (Q8); the full "
       "inspection's on-site notice is assumed."),
    _p("onsite.full_2016_days", 5, "days", "OF-ONS-1", "H",
       "Length of a 2016 full inspection on site: one week, normally no more than 5 days."),
    _p("onsite.nf_days", 5, "days", "NF-WK-1", "H", "Length of the 2023 on-site week (week 3)."),
    _p("onsite.monitoring_days", 3, "days", "NF-MON-1", "L",
       "Length of a monitoring inspection on site: not found (Q8); a revisit's observed 3 "
       "days is assumed."),
    _p("revisit.min_days", 2, "days", "RV-4", "H", "Shortest revisit on site."),
    _p("revisit.max_days", 4, "days", "RV-4", "H", "Longest revisit on site."),
    _p("revisit.default_days", 3, "days", "RV-4", "M",
       "Proposed revisit length: every observed revisit took 3 days (no formula: RV-4)."),
    _p("webinar.opens_at", dt.time(12, 0), "time", "OF-EV-2b", "M",
       "The parents' webinar opens at this time on the notification day (Essex 2019)."),
    _p("webinar.closes_day", 2, "days", "OF-EV-2b", "M",
       "The webinar closes on this day of the inspection week (day 1 = first on-site day)."),
    _p("webinar.closes_at", dt.time(16, 0), "time", "OF-EV-2b", "M",
       "The webinar closes at this time on its last day."),
    _p("survey.opens_wd", 1, "WD", "NF-WK-1", "L",
       "2023 surveys open this many WD after notification (after the set-up discussion)."),
    _p("survey.closes_wd", 4, "WD", "NF-WK-1", "L",
       "2023 surveys close this many WD after notification: 'open only a few days' in week 1."),
    _p("notice.term_time_only", True, "flag", "OF-NOT-2", "M",
       "Refuse proposed 2016 inspection and revisit dates outside term time."),
    # Letters and reports
    _p("letter.publication_target_wd", 33, "WD", "OF-LET-5", "M",
       "Target from the last on-site day to publication of a 2016 letter (rarely met)."),
    _p("revisit.report_target_wd", 33, "WD", "RV-10", "M",
       "Target from the last revisit day to its letter: 'usually 33 days', unit unspecified, "
       "read as WD like OF-LET-5 (Kent 29 WD, Medway 47)."),
    _p("nf.publication_target_wd", 68, "WD", "NF-PUB-1", "L",
       "No published deadline; default is the 90th percentile of 55 observed 2023-framework "
       "reports, so 'overdue' means later than 9 in 10 reports, not a breach."),
    # WSOA
    _p("wsoa.submission_wd", 70, "WD", "OF-LAW-4 OF-WSOA-3", "H",
       "The principal authority makes its WSOA within 70 WD of receiving the report."),
    _p("wsoa.clock_start", "publication", "choice", "OF-WSOA-3", "M",
       "What 'receiving the report' means when no report_received event is recorded (Q2): "
       "the letter's publication (Essex: WD 66) or the date on the letter.",
       CLOCK_STARTS),
    _p("wsoa.decision_wd", 20, "WD", "OF-WSOA-5", "L",
       "Ofsted and CQC decide whether a WSOA is fit for purpose; no deadline found. "
       "Essex took at most 14 WD; 20 WD (four weeks) is assumed."),
    _p("wsoa.resubmission_wd", 20, "WD", "OF-WSOA-6", "L",
       "Resubmitting a WSOA judged not fit for purpose: path not found (Q3); four weeks "
       "is assumed."),
    _p("wsoa.publication_wd", 10, "WD", "OF-WSOA-7", "L",
       "The area publishes its WSOA after it is judged fit; no deadline found; two weeks "
       "is assumed."),
    _p("support.interval_months", 3, "months", "OF-WSOA-8", "H",
       "DfE and NHS England support-and-challenge meetings after acceptance: quarterly."),
    # Revisits
    _p("revisit.due_months", 18, "months", "RV-2", "H",
       "A revisit is usually within 18 months of the WSOA being accepted as fit for purpose."),
    _p("app.progress_review_months", 6, "months", "RV-12", "H",
       "After an insufficient revisit: progress review meeting within 6 months of the "
       "letter; the accelerated progress plan is expected by then."),
    _p("revisits.end", dt.date(2022, 12, 31), "date", "OF-PRG-4", "H",
       "Last day of the revisit programme; unrevisited WSOAs then fall under OF-WSOA-9."),
    _p("of_wsoa_9.deadline", dt.date(2025, 12, 31), "date", "OF-WSOA-9", "H",
       "Areas with a WSOA never revisited get a 2023-framework full inspection by then."),
    # COVID
    _p("covid.stopped_clocks", "inspectorate", "choice", "CV-1 CV-4", "M",
       "Whose clocks stop in the national pause: an obligation of that party falling due "
       "inside it moves on by the pause's length (ADR 0003).",
       ("none", "inspectorate", "all")),
    # New framework
    _p("nf.clock_start", "publication", "choice", "NF-PLAN-1 NF-PLAN-2 NF-MON-1", "M",
       "What 'receiving the report' means for 2023 plans when no report_received event is "
       "recorded (Notts: deadlines computed from publication).",
       CLOCK_STARTS),
    _p("nf.strategic_plan_wd", 30, "WD", "NF-PLAN-1", "CONFLICT",
       "Update and publish the SEND strategic plan after each full inspection (nasen: 30 WD)."),
    _p("nf.pap_submit_wd", 35, "WD", "NF-PLAN-2", "CONFLICT",
       "Submit the priority action plan to Ofsted/CQC (a low-quality source says 35-50 WD)."),
    _p("nf.pap_publish_wd", 70, "WD", "NF-PLAN-2", "CONFLICT",
       "Publish the priority action plan."),
    _p("nf.monitoring_months", 18, "months", "NF-MON-1", "H",
       "Monitoring inspection after outcome 3: from the end of the inspection before June "
       "2025, from receipt of the final report after."),
    _p("nf.next_full_years.positive", 5, "years", "NF-ACT-2", "H",
       "Next full inspection after outcome 1 (positive)."),
    _p("nf.next_full_years.inconsistent", 3, "years", "NF-ACT-2", "H",
       "Next full inspection after outcome 2 (inconsistent)."),
    _p("nf.next_full_years.systemic_failings", 3, "years", "NF-ACT-2", "H",
       "Next full inspection after outcome 3 (widespread and/or systemic failings)."),
    _p("nf.engagement_months", 12, "months", "NF-ENG-1", "H",
       "Engagement meetings are annual; the first is due a year after the framework starts "
       "or after the area's last report."),
    _p("nf.cycle_end", dt.date(2027, 12, 31), "date", "NF-ACT-3", "H",
       "Every area has a 2023-framework full inspection by the end of the current cycle."),
)  # fmt: skip

PARAMETERS: Mapping[str, Parameter] = MappingProxyType({p.name: p for p in _ALL})


def _coerce(parameter: Parameter, value: object) -> ParamValue:
    """The override as the parameter's type; ValueError naming the parameter if it is not."""
    default = parameter.default
    name = parameter.name
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, int):
        # bool is an int in Python; a flag given for a number is a mistake.
        if isinstance(value, int) and not isinstance(value, bool):
            if value < 0:
                raise ValueError(f"parameter '{name}' must not be negative; got {value}")
            return value
    elif isinstance(default, dt.date):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
    elif isinstance(default, dt.time):
        if isinstance(value, dt.time):
            return value
        if isinstance(value, str):
            try:
                return dt.time.fromisoformat(value)
            except ValueError:
                pass
    elif isinstance(value, str):
        if parameter.choices and value not in parameter.choices:
            raise ValueError(
                f"parameter '{name}' must be one of {', '.join(parameter.choices)}; got '{value}'"
            )
        return value
    raise ValueError(
        f"parameter '{name}' expects {type(default).__name__} ({parameter.unit}); got {value!r}"
    )


class Params(Mapping[str, ParamValue]):
    """The defaults overlaid with a deployment's overrides, validated once."""

    def __init__(self, overrides: Mapping[str, object] | None = None) -> None:
        values: dict[str, ParamValue] = {n: p.default for n, p in PARAMETERS.items()}
        for name, value in (overrides or {}).items():
            if name not in PARAMETERS:
                raise ValueError(f"unknown parameter '{name}'")
            values[name] = _coerce(PARAMETERS[name], value)
        self._values = values

    def __getitem__(self, name: str) -> ParamValue:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def _typed(self, name: str, kind: type[_T]) -> _T:
        value = self._values[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(f"parameter '{name}' is not a {kind.__name__}")
        return value

    def number(self, name: str) -> int:
        return self._typed(name, int)

    def flag(self, name: str) -> bool:
        return self._typed(name, bool)

    def choice(self, name: str) -> str:
        return self._typed(name, str)

    def day(self, name: str) -> dt.date:
        return self._typed(name, dt.date)

    def clock(self, name: str) -> dt.time:
        return self._typed(name, dt.time)

    def overridden(self) -> dict[str, ParamValue]:
        """The values that differ from the defaults (for an audit trail)."""
        return {n: v for n, v in self._values.items() if v != PARAMETERS[n].default}


DEFAULTS = Params()
