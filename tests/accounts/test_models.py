"""People as pages name them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from areasend.accounts.models import Organisation, Person, Role

pytestmark = pytest.mark.django_db


def _person(username: str, first: str = "", last: str = "") -> Person:
    user = User.objects.create_user(username, first_name=first, last_name=last)
    organisation = Organisation.objects.create(name="Ofsted", kind="ofsted")
    return Person.objects.create(user=user, organisation=organisation, role=Role.LEAD_INSPECTOR)


def test_a_person_with_a_name_goes_by_it() -> None:
    assert _person("akhan", "Amira", "Khan").name == "Amira Khan"


def test_a_person_without_a_name_goes_by_their_username_never_by_nothing() -> None:
    person = _person("inspector7")
    assert person.name == "inspector7"
    assert str(person).startswith("inspector7 (")
