"""A case is known only by a pseudonym the service gives (CS-001, CS-002...): nothing typed
can name the child, the field refuses anything else, and references stored before this
rule are replaced by pseudonyms by a migration."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from areasend.accounts.models import Person
from areasend.casework.errors import CaseworkError
from areasend.casework.pseudonyms import next_pseudonym, pseudonym, pseudonym_problem
from areasend.inspections import services as s
from areasend.inspections.models import CaseSample, Inspection
from tests.dumps import database_dump
from tests.inspections.conftest import notified, people, rotherham

__all__ = ["notified", "people", "rotherham"]

NOT_PSEUDONYMS = [
    "Jane-Smith-1",
    "JaneSmith9",
    "943 476 5919",  # an NHS number, spaced
    "9434765919",
    "S60 1AE",  # a postcode
    "S601AE",
    "12/03/2015",
    "2015-03-12",
    "cs-014",  # not as the service writes it
    "CS-14",
    "CS-014 ",
    "CS-014-JS",
    "CASE-014",
    "",
]


@pytest.mark.parametrize("reference", NOT_PSEUDONYMS)
def test_anything_but_a_service_pseudonym_is_refused(reference: str) -> None:
    problem = pseudonym_problem(reference)
    assert problem is not None and "pseudonym the service gives" in problem


@pytest.mark.parametrize("reference", ["CS-001", "CS-014", "CS-999", "CS-1000"])
def test_the_service_pseudonyms_are_accepted(reference: str) -> None:
    assert pseudonym_problem(reference) is None


def test_pseudonyms_count_on_from_the_highest_and_ignore_other_references() -> None:
    assert pseudonym(1) == "CS-001" and pseudonym(1000) == "CS-1000"
    assert next_pseudonym([]) == "CS-001"
    assert next_pseudonym(["CS-002", "CS-014", "Jane-Smith-1", "CS-9"]) == "CS-015"
    with pytest.raises(ValueError):
        pseudonym(0)


@pytest.mark.parametrize("reference", NOT_PSEUDONYMS)
def test_the_field_refuses_a_typed_reference_whoever_saves_through_it(
    notified: Inspection, reference: str
) -> None:
    case = CaseSample(
        inspection=notified, reference=reference, age_band="5-10", support="ehc_plan",
        setting_type="mainstream_school",
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert "reference" in error.value.message_dict


def test_the_service_gives_the_next_pseudonym_even_after_an_older_reference(
    notified: Inspection, people: dict[str, Person]
) -> None:
    CaseSample.objects.create(
        inspection=notified, reference="CS-007", age_band="5-10", support="ehc_plan",
        setting_type="mainstream_school",
    )  # fmt: skip
    case = s.do_add_case_sample(
        people["lead"].user, notified, age_band="0-4", support="none", setting_type="early_years"
    )
    assert case.reference == "CS-008"


def test_a_refused_case_changes_nothing(notified: Inspection, people: dict[str, Person]) -> None:
    before = database_dump("inspections", "accounts")
    with pytest.raises(CaseworkError) as error:
        s.do_add_case_sample(
            people["lead"].user, notified, age_band="aged 9", support="ehc_plan",
            setting_type="mainstream_school",
        )  # fmt: skip
    assert error.value.field == "age_band"
    assert database_dump("inspections", "accounts") == before


def test_the_migration_replaces_typed_references_and_keeps_pseudonyms(
    notified: Inspection,
) -> None:
    typed = ["Jane-Smith-1", "CS-014", "9434765919", "S60 1AE", "CS-003"]
    for reference in typed:  # as the old check let them in, without the field's validation
        CaseSample.objects.create(
            inspection=notified, reference=reference, age_band="5-10", support="ehc_plan",
            setting_type="mainstream_school",
        )  # fmt: skip
    migration = importlib.import_module(
        "areasend.inspections.migrations.0003_case_references_pseudonymised"
    )
    migration.pseudonymise(apps, None)
    stored = list(CaseSample.objects.order_by("pk").values_list("reference", flat=True))
    assert stored == ["CS-015", "CS-014", "CS-016", "CS-017", "CS-003"]
    assert all(pseudonym_problem(r) is None for r in stored)
