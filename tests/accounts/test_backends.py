"""The session's user is read with their person and organisation in one query."""

from __future__ import annotations

import io
from typing import Any

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


def test_permissions_of_the_user_and_their_groups_are_read_in_one_query(
    django_assert_num_queries: Any,
) -> None:
    from django.contrib.auth.models import Group, Permission, User

    review = Permission.objects.get(codename="review_letterimport")
    change = Permission.objects.get(codename="change_localarea")
    group = Group.objects.create(name="Reviewers")
    group.permissions.add(review)
    user = User.objects.create_user("reviewer")
    user.groups.add(group)
    user.user_permissions.add(change)
    user = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        assert user.has_perm("letters.review_letterimport")  # from the group
        assert user.has_perm("areas.change_localarea")  # the user's own
        assert not user.has_perm("letters.delete_letterimport")
    assert user.get_all_permissions() == {"letters.review_letterimport", "areas.change_localarea"}
    other = User.objects.create_user("nobody")
    assert User.objects.get(pk=other.pk).get_all_permissions() == set()
    boss = User.objects.create_superuser("boss")
    assert User.objects.get(pk=boss.pk).has_perm("letters.delete_letterimport")
