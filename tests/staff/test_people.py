"""The administrator adds a person on one GOV.UK page: one service step that refuses bad
input with the field at fault and changes nothing, and the list of people."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from areasend.accounts.models import AuditEntry, Organisation, Person, Role
from areasend.accounts.services import do_invite_person
from areasend.casework.errors import CaseworkError
from areasend.staff.menu import landing_for, menu_for
from tests.dumps import database_dump
from tests.otp import force_login_verified

People = dict[str, Person]


def _org(slug: str) -> Organisation:
    return Organisation.objects.get(area__slug=slug)


def _ofsted() -> Organisation:
    return Organisation.objects.get(kind="ofsted")


def _admin_client(people: People) -> Client:
    client = Client()
    force_login_verified(client, people["admin"].user)
    return client


def _add(people: People, **changes: Any) -> Person:
    fields: dict[str, Any] = {
        "first_name": "Hana", "last_name": "Moss", "email": "Hana.Moss@medway.example",
        "organisation": _org("medway"), "role": Role.AREA_OFFICER,
    }  # fmt: skip
    return do_invite_person(people["admin"].user, **(fields | changes))


def test_an_administrator_adds_an_area_officer_with_an_audit_entry(people: People) -> None:
    person = _add(people)
    user = person.user
    assert (user.username, user.email, user.get_full_name()) == (
        "hana.moss@medway.example", "hana.moss@medway.example", "Hana Moss",
    )  # fmt: skip
    assert (person.role, person.organisation, user.is_staff) == (
        Role.AREA_OFFICER, _org("medway"), False,
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="add_person", object_id=str(person.pk))
    assert (entry.actor, entry.area) == (people["admin"].user, _org("medway").area)
    assert entry.after is not None and entry.after["role"] == "area_officer"


def test_an_administrator_is_staff_and_gets_the_admin_permissions(people: People) -> None:
    person = _add(people, email="it@ofsted.example", organisation=_ofsted(),
                  role=Role.ADMINISTRATOR)  # fmt: skip
    assert person.user.is_staff and person.user.has_perm("accounts.add_person")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "OWEN.castell@areasend.example"}, "email", "already has an account"),
        ({"first_name": "  "}, "first_name", "Enter their first name"),
        ({"last_name": ""}, "last_name", "Enter their last name"),
        ({"role": "chief"}, "role", "Choose their role"),
        ({"role": Role.LEAD_INSPECTOR}, "role", "cannot work for Local area partnership"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_changes_nothing(
    people: People, changes: dict[str, Any], field: str, message: str
) -> None:
    taken = people["medway"].user
    taken.email = "owen.castell@areasend.example"
    taken.save()
    before = database_dump()
    with pytest.raises(CaseworkError, match=message) as refused:
        _add(people, **changes)
    assert refused.value.field == field
    assert database_dump() == before


@pytest.mark.parametrize("who", ["planner", "medway", "lead"])
def test_only_administrators_may_add_people(people: People, who: str) -> None:
    before = database_dump()
    with pytest.raises(PermissionDenied):
        do_invite_person(
            people[who].user, first_name="A", last_name="B", email="a@b.example",
            organisation=_ofsted(), role=Role.PLANNER,
        )  # fmt: skip
    assert database_dump() == before


def test_the_page_adds_the_person_and_emails_them_a_link_to_set_a_password(
    people: People,
) -> None:
    client = _admin_client(people)
    form = client.get(reverse("staff:add_person"))
    assert form.status_code == 200 and "Add a person" in form.content.decode()
    response = client.post(
        reverse("staff:add_person"),
        {"first_name": "Hana", "last_name": "Moss", "email": "hana@medway.example",
         "organisation": _org("medway").pk, "role": Role.AREA_OFFICER},
        follow=True,
    )  # fmt: skip
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("staff:people")
    assert "Hana Moss added as local area officer" in page
    assert "hana@medway.example" in page
    [email] = mail.outbox
    assert email.to == ["hana@medway.example"] and "hana@medway.example" in email.body
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", str(email.body))
    assert link
    new = Client()
    set_page = new.get(link.group(1), follow=True)
    assert set_page.status_code == 200
    new.post(set_page.redirect_chain[-1][0], {"new_password1": "Heron-4kz-Fen-Lane",
                                               "new_password2": "Heron-4kz-Fen-Lane"})  # fmt: skip
    signed_in = Client().post(
        "/accounts/login/", {"username": "hana@medway.example", "password": "Heron-4kz-Fen-Lane"}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("staff:home")


def test_the_page_names_the_field_at_fault_and_adds_nobody(people: People) -> None:
    client = _admin_client(people)
    count = get_user_model().objects.count()
    response = client.post(
        reverse("staff:add_person"),
        {"first_name": "Hana", "last_name": "Moss", "email": "owen@areasend.example",
         "organisation": _ofsted().pk, "role": Role.AREA_OFFICER},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and 'href="#id_role_0"' in page
    assert "cannot work for Ofsted" in page
    response = client.post(reverse("staff:add_person"), {})
    page = response.content.decode()
    for message in ("Enter their first name", "Enter their email address", "Choose their role"):
        assert message in page
    assert get_user_model().objects.count() == count and mail.outbox == []


def test_the_people_pages_are_the_administrators_behind_their_second_factor(
    people: People,
) -> None:
    admin = people["admin"].user
    for page in ("staff:people", "staff:add_person"):
        assert _admin_client(people).get(reverse(page)).status_code == 200
        unverified = Client()
        unverified.force_login(admin)
        assert unverified.get(reverse(page)).status_code == 302
        planner = Client()
        planner.force_login(people["planner"].user)
        assert planner.get(reverse(page)).status_code == 302


def test_the_people_list_shows_everyone_and_the_menu_leads_there(people: People) -> None:
    page = _admin_client(people).get(reverse("staff:people")).content.decode()
    for person in people.values():
        assert person.name in page
    admin = people["admin"].user
    admin.is_verified = lambda: True  # type: ignore[attr-defined]  # as django-otp sets it
    assert landing_for(admin) == reverse("staff:people")
    assert ("People", reverse("staff:people")) in {
        (link.text, link.href) for link in menu_for(admin)
    }
