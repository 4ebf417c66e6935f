"""Optional second factor: staff with an authenticator app need its current code to sign in;
staff without one sign in with the password alone; wrong codes count towards throttling."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "Kestrel-9aq-Moor"


@pytest.fixture
def with_app() -> TOTPDevice:
    user = User.objects.create_user("inspector", password=PASSWORD)
    out = StringIO()
    call_command("add_totp_device", "inspector", stdout=out)
    assert "otpauth://totp/" in out.getvalue()
    return TOTPDevice.objects.get(user=user)


def code_now(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, password: str, code: str = ""):
    return client.post(
        "/accounts/login/", {"username": "inspector", "password": password, "otp_token": code}
    )


def test_a_password_alone_is_not_enough_once_an_app_is_registered(client, with_app):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 200
    assert "Enter the 6-digit security code" in response.content.decode()
    assert "_auth_user_id" not in client.session


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(code_now(device)) + 1) % 1_000_000:06d}"


def test_a_wrong_code_is_refused(client, with_app):
    assert sign_in(client, PASSWORD, wrong_code(with_app)).status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_and_current_code_sign_in_verified(client, with_app):
    response = sign_in(client, PASSWORD, code_now(with_app))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(with_app.user_id)
    assert client.session["otp_device_id"] == with_app.persistent_id


def test_a_code_never_rescues_a_wrong_password(client, with_app):
    response = sign_in(client, "wrong password", code_now(with_app))
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_staff_without_an_app_sign_in_with_the_password(client):
    User.objects.create_user("inspector", password=PASSWORD)
    assert sign_in(client, PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_codes_count_towards_the_sign_in_pause(client, with_app):
    for _ in range(3):
        sign_in(client, PASSWORD, wrong_code(with_app))
    assert sign_in(client, PASSWORD, code_now(with_app)).status_code == 429


def test_registering_for_an_unknown_user_is_refused():
    with pytest.raises(CommandError, match="no user 'nobody'"):
        call_command("add_totp_device", "nobody")
    assert not TOTPDevice.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_signing_in_works_outside_a_test_transaction_as_in_production(client):
    # Requests run in autocommit: the device lock (select_for_update) needs its own
    # transaction. SQLite ignores the lock, so this fails only on PostgreSQL, as CI runs it.
    User.objects.create_user("inspector", password=PASSWORD)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
