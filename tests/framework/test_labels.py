"""Every framework term has one label, and Django's choices, the register and the forms use it."""

from __future__ import annotations

from areasend.areas.models import OfficialInspectionRecord
from areasend.framework.events import Framework, InspectionKind, Outcome, PlanKind
from areasend.framework.labels import (
    FRAMEWORK_LABELS,
    INSPECTION_KIND_LABELS,
    OUTCOME_NAMES,
    PLAN_LABELS,
    REVISIT_RESULT_LABELS,
)
from areasend.improvement.models import Plan
from areasend.inspections.models import Inspection
from areasend.register.rows import KIND_LABELS, OUTCOME_LABELS, REVISIT_LABELS


def test_every_term_of_each_enum_has_a_label() -> None:
    assert set(FRAMEWORK_LABELS) == set(Framework)
    assert set(INSPECTION_KIND_LABELS) == set(InspectionKind)
    assert set(OUTCOME_NAMES) == set(Outcome)
    assert set(PLAN_LABELS) == set(PlanKind)
    assert set(REVISIT_RESULT_LABELS) == {"all", "some", "none"}


def test_the_models_choices_are_the_framework_labels() -> None:
    official = OfficialInspectionRecord
    assert dict(official.Framework.choices) == {f.value: FRAMEWORK_LABELS[f] for f in Framework}
    assert dict(official.Kind.choices) == {
        k.value: INSPECTION_KIND_LABELS[k] for k in (InspectionKind.FULL, InspectionKind.REVISIT)
    }
    assert dict(official.Outcome.choices) == {o.value: OUTCOME_NAMES[o] for o in Outcome}
    assert dict(official.RevisitResult.choices) == REVISIT_RESULT_LABELS
    assert dict(Plan._meta.get_field("kind").choices) == {  # type: ignore[arg-type]
        k.value: PLAN_LABELS[k] for k in PlanKind
    }
    assert dict(Inspection._meta.get_field("outcome").choices) == {  # type: ignore[arg-type]
        o.value: OUTCOME_NAMES[o] for o in Outcome
    }


def test_the_register_reads_the_same_labels() -> None:
    assert {k.value: label for k, label in INSPECTION_KIND_LABELS.items()} == KIND_LABELS
    assert {o.value: label for o, label in OUTCOME_NAMES.items()} == OUTCOME_LABELS
    assert REVISIT_LABELS == REVISIT_RESULT_LABELS
