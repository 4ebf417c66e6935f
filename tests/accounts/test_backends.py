"""The session's user is read with their person and organisation in one query."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from areasend.accounts.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["medway", "planner"])
def test_a_staff_page_reads_no_person_or_organisation_on_its_own(username: str) -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    person = Person.objects.select_related("user").get(user__username=username)
    client = Client()
    client.force_login(person.user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/due/").status_code == 200
    sql = [q["sql"] for q in captured.captured_queries]
    [user] = [q for q in sql if 'FROM "auth_user"' in q]
    assert '"accounts_person"' in user and '"accounts_organisation"' in user
    alone = [q for q in sql if 'FROM "accounts_person"' in q or 'FROM "accounts_organisation"' in q]
    assert alone == []


def test_a_user_without_a_person_still_signs_in(admin_client: Client) -> None:
    # The superuser has no Person: the outer join leaves it None, as before.
    assert admin_client.get("/admin/").status_code == 200
