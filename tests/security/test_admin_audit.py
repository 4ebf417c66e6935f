"""The admin is one more door: what an administrator adds, changes or deletes there leaves an
audit entry naming them and the admin, as the services' own changes do."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from areasend.accounts.models import AuditEntry, Organisation, OrganisationKind, Person
from tests.otp import force_login_verified

pytestmark = pytest.mark.django_db


def test_an_organisation_added_changed_and_deleted_in_the_admin_is_audited(
    client: Client, people: dict[str, Person]
) -> None:
    admin = people["admin"].user
    force_login_verified(client, admin)
    added = client.post(
        "/admin/accounts/organisation/add/", {"name": "Test Trust", "kind": OrganisationKind.CQC}
    )
    assert added.status_code == 302
    organisation = Organisation.objects.get(name="Test Trust")
    entry = AuditEntry.objects.get(action="admin_add_organisation")
    assert (entry.actor, entry.via, entry.object_id) == (admin, "admin", str(organisation.pk))
    assert entry.before is None and (entry.after or {})["name"] == "Test Trust"

    client.post(
        f"/admin/accounts/organisation/{organisation.pk}/change/",
        {"name": "Renamed Trust", "kind": OrganisationKind.CQC},
    )
    change = AuditEntry.objects.get(action="admin_change_organisation")
    assert (change.before or {})["name"] == "Test Trust" and (change.after or {})[
        "name"
    ] == "Renamed Trust"

    # Administrators may not delete organisations; whoever is given the right is audited too.
    admin.user_permissions.add(Permission.objects.get(codename="delete_organisation"))
    client.post(f"/admin/accounts/organisation/{organisation.pk}/delete/", {"post": "yes"})
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    deleted = AuditEntry.objects.get(action="admin_delete_organisation")
    assert (
        deleted.object_id == str(organisation.pk)
        and (deleted.before or {})["name"] == "Renamed Trust"
    )


def test_a_persons_role_changed_in_the_admin_is_audited_against_their_area(
    client: Client, people: dict[str, Person]
) -> None:
    force_login_verified(client, people["admin"].user)
    officer = people["sheffield"]
    response = client.post(
        f"/admin/accounts/person/{officer.pk}/change/",
        {
            "user": officer.user.pk,
            "organisation": officer.organisation.pk,
            "role": officer.role,
            "nominated_officer": "",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin_change_person")
    assert entry.area == officer.organisation.area
    assert (entry.before or {})["nominated_officer"] is True
    assert (entry.after or {})["nominated_officer"] is False
