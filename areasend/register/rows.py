"""The register's rows: one frozen dataclass per dataset, the shape of a page's table, a
download's columns and an API answer alike (catalogue.py describes their columns)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from areasend.framework.labels import (
    INSPECTION_KIND_LABELS,
    OUTCOME_NAMES,
    REVISIT_RESULT_LABELS,
)

OUTCOME_LABELS = {o.value: label for o, label in OUTCOME_NAMES.items()}
KIND_LABELS = {k.value: label for k, label in INSPECTION_KIND_LABELS.items()}
REVISIT_LABELS = REVISIT_RESULT_LABELS


@dataclass(frozen=True)
class AreaRow:
    area_code: str
    area_name: str
    area_slug: str
    region: str
    la_type: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    full_inspections: int
    latest_inspection: str
    latest_published: dt.date | None
    latest_framework: str
    latest_outcome: str
    latest_revisit_result: str

    @property
    def latest_outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.latest_outcome, "")

    @property
    def latest_revisit_label(self) -> str:
        return REVISIT_LABELS.get(self.latest_revisit_result, "")


@dataclass(frozen=True)
class InspectionRow:
    area_code: str
    area_name: str
    area_slug: str
    region: str
    inspection: str
    kind: str
    framework: str
    notified: dt.date | None
    reported_start: dt.date | None
    reported_end: dt.date | None
    fieldwork_started: dt.date | None
    fieldwork_ended: dt.date | None
    letter_dated: dt.date | None
    published: dt.date | None
    year: int | None
    outcome: str
    weakness_count: int | None
    weaknesses_worded: int
    revisit_result: str
    sufficient_count: int | None
    insufficient_count: int | None
    working_days_to_publication: int | None
    report_url: str
    source: str
    #: "day", or "month" where the source gave only the month (the day stored is the 1st).
    date_precision: str = "day"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome, "")

    @property
    def revisit_label(self) -> str:
        return REVISIT_LABELS.get(self.revisit_result, "")

    @property
    def first_source(self) -> str:
        """The best source alone (``source`` lists them all, separated by "; ")."""
        return self.source.split("; ")[0]

    @property
    def publication_unrecorded(self) -> bool:
        """Published, but on no recorded day: known only from the official table (which lists
        published inspections, with their result) and not from a history of its own."""
        return (
            self.published is None
            and self.notified is None
            and bool(self.outcome or self.revisit_result)
        )


@dataclass(frozen=True)
class OutcomeRow:
    area_code: str
    area_name: str
    region: str
    inspection: str
    framework: str
    reported_start: dt.date | None
    fieldwork_started: dt.date | None
    published: dt.date | None
    year: int | None
    outcome: str
    outcome_label: str
    weakness_count: int | None
    report_url: str
    date_precision: str = "day"


@dataclass(frozen=True)
class WeaknessRow:
    area_code: str
    area_name: str
    area_slug: str
    region: str
    inspection: str
    framework: str
    published: dt.date | None
    weakness: str
    theme: str
    theme_label: str
    theme_corrected: bool
    progress: str
    judged_on: dt.date | None
    judged_in: str
    #: When DfE and NHS England released it from monitoring, if they did (OF-WSOA-8).
    released_on: dt.date | None = None


@dataclass(frozen=True)
class ProgressRow:
    area_code: str
    area_name: str
    region: str
    inspection: str
    kind: str
    date: dt.date
    weakness: str
    sufficient: bool
    source: str


@dataclass(frozen=True)
class CoverageRow:
    """How many full inspections the register holds for a framework and period, against
    the count Ofsted's statistics publish for it (blank where they publish none)."""

    framework: str
    period: str
    held: int
    ofsted_count: int | None
    not_held: int | None
    ofsted_as_at: dt.date | None
    ofsted_source: str
    note: str


@dataclass(frozen=True)
class SourceRow:
    source: str
    title: str
    publisher: str
    published: dt.date | None
    covers: str
    licence: str
    url: str


@dataclass(frozen=True)
class PlanRow:
    area_code: str
    inspection: str
    plan: str
    plan_label: str
    submitted: dt.date | None
    judged: dt.date | None
    fit: bool | None
    published: dt.date | None
    source: str
