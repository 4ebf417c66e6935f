"""Every framework term's plain-English label, defined once.

Django's choices, the pages, the downloads, the forms and the API take their words from here,
so a term reads the same everywhere (issue 16: labels once). The rules that use the terms are
in the other modules; ``meanings.py`` explains each outcome to a parent.
"""

from __future__ import annotations

from areasend.framework.events import Framework, InspectionKind, Outcome, PlanKind

FRAMEWORK_LABELS: dict[Framework, str] = {
    Framework.F2016: "2016 framework",
    Framework.F2023: "2023 framework",
}

INSPECTION_KIND_LABELS: dict[InspectionKind, str] = {
    InspectionKind.FULL: "Full inspection",
    InspectionKind.REVISIT: "Revisit",
    InspectionKind.MONITORING: "Monitoring",
}

#: Each outcome in a few words, for choices, pages, filters, forms and downloads;
#: ``findings.OUTCOME_LABELS`` is the letter's own sentence.
OUTCOME_NAMES: dict[Outcome, str] = {
    Outcome.WSOA: "Written statement of action required",
    Outcome.NO_WSOA: "No written statement of action",
    Outcome.POSITIVE: "Typically positive experiences and outcomes",
    Outcome.INCONSISTENT: "Inconsistent experiences and outcomes",
    Outcome.SYSTEMIC_FAILINGS: "Widespread and/or systemic failings",
}

PLAN_LABELS: dict[PlanKind, str] = {
    PlanKind.WSOA: "Written statement of action",
    PlanKind.PRIORITY_ACTION_PLAN: "Priority action plan",
    PlanKind.STRATEGIC_PLAN: "SEND strategic plan",
    PlanKind.ACCELERATED_PROGRESS_PLAN: "Accelerated progress plan",
}

#: A revisit's or monitoring inspection's result over all the weaknesses it judged.
REVISIT_RESULT_LABELS: dict[str, str] = {
    "all": "Sufficient progress on all weaknesses",
    "some": "Sufficient progress on some weaknesses",
    "none": "Sufficient progress on none of the weaknesses",
}
