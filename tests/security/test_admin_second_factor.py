"""The admin opens only to an administrator who signed in with a second factor, through the
service's sign-in; administrators are staff with named permissions, never superusers."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from areasend.demo.management.commands.load_demo_people import PASSWORD, TOTP_KEY
from tests.otp import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> User:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    return User.objects.get(username="admin")


def code_now(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client: Client, code: str = "", username: str = "admin") -> Any:
    return client.post(
        "/accounts/login/",
        {"username": username, "password": PASSWORD, "otp_token": code, "next": "/admin/"},
    )


def test_the_admin_sends_visitors_to_the_service_sign_in(client: Client) -> None:
    to_admin_login = client.get("/admin/")
    assert to_admin_login.status_code == 302
    to_sign_in = client.get(to_admin_login["Location"])
    assert to_sign_in.status_code == 302
    assert to_sign_in["Location"] == "/accounts/login/?next=/admin/"


def test_the_admin_sign_in_page_takes_no_password(client: Client, admin: User) -> None:
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_password_alone_does_not_sign_an_administrator_with_an_app_in(
    client: Client, admin: User
) -> None:
    response = sign_in(client)
    assert response.status_code == 200
    assert "Enter the 6-digit security code" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_password_and_current_code_open_the_admin(client: Client, admin: User) -> None:
    response = sign_in(client, code_now(TOTPDevice.objects.get(user=admin)))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_session_without_the_second_factor_does_not_open_the_admin(
    client: Client, admin: User
) -> None:
    client.force_login(admin)  # signed in, but no code given
    for path in ["/admin/", "/admin/accounts/person/", "/admin/accounts/auditentry/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/"), path
    refusal = client.get("/admin/login/?next=/admin/")
    assert refusal.status_code == 403
    assert "Administration needs a security code" in refusal.content.decode()


def test_an_administrator_without_an_app_has_no_admin(client: Client, admin: User) -> None:
    TOTPDevice.objects.filter(user=admin).delete()
    assert sign_in(client).status_code == 302  # the service's own pages still open
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/login/").status_code == 403


def test_other_staff_have_no_admin_even_with_a_second_factor(client: Client, admin: User) -> None:
    force_login_verified(client, User.objects.get(username="planner"))
    response = client.get("/admin/login/")
    assert response.status_code == 403
    assert "You cannot use the administration pages" in response.content.decode()


def test_the_demo_administrator_s_published_key_is_its_device(admin: User) -> None:
    device = TOTPDevice.objects.get(user=admin)
    assert device.bin_key == base64.b32decode(TOTP_KEY)


def test_administrators_are_staff_with_named_permissions_not_superusers(admin: User) -> None:
    assert admin.is_staff and not admin.is_superuser
    assert admin.has_perm("accounts.change_person")
    assert admin.has_perm("accounts.view_auditentry")
    assert not admin.has_perm("accounts.change_auditentry")
    assert not admin.has_perm("inspections.view_finding")
    assert not admin.has_perm("letters.review_letterimport")
    assert not admin.has_perm("otp_totp.add_totpdevice")
    assert admin.has_perm("axes.delete_accessattempt")  # clears a paused sign-in early


def test_an_administrator_cannot_grant_admin_rights_or_take_over_a_superuser(
    client: Client, admin: User
) -> None:
    force_login_verified(client, admin)
    planner = User.objects.get(username="planner")
    page = client.get(f"/admin/auth/user/{planner.pk}/change/").content.decode()
    assert 'name="first_name"' in page  # the account itself can be edited
    for grant in ("is_superuser", "is_staff", "user_permissions", "groups"):
        assert f'name="{grant}"' not in page, grant
    root = User.objects.create_superuser("root", password="Kestrel-9aq-Moor")
    assert client.post(f"/admin/auth/user/{root.pk}/password/").status_code == 403
    assert client.get(f"/admin/auth/user/{root.pk}/change/").status_code == 200  # view only


def test_administrators_made_as_superusers_before_become_staff_with_the_role_s_permissions(
    admin: User,
) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("areasend.accounts.migrations.0002_administrators_not_superusers")
    admin.user_permissions.clear()
    User.objects.filter(pk=admin.pk).update(is_superuser=True)
    migration.forwards(apps, None)
    admin = User.objects.get(pk=admin.pk)  # a fresh copy: permissions are cached per instance
    assert admin.is_staff and not admin.is_superuser
    assert {p for p in migration.ADMINISTRATOR_PERMISSIONS if not admin.has_perm(p)} == set()
    assert not User.objects.get(username="planner").is_superuser
