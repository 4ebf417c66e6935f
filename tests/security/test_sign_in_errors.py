"""Sign-in with a field left empty says which, and never answers 500 (with or without an
authenticator app registered); the page links to the password reset."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "Kestrel-9aq-Moor"


@pytest.mark.parametrize("with_app", [False, True])
@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"username": "", "password": PASSWORD}, "Enter your username"),
        ({"username": "inspector", "password": ""}, "Enter your password"),
        ({"username": "", "password": ""}, "Enter your username"),
        ({}, "Enter your password"),
    ],
)
def test_an_empty_field_is_named_not_a_server_error(
    client: Client, form: dict[str, str], message: str, with_app: bool
) -> None:
    user = User.objects.create_user("inspector", password=PASSWORD)
    if with_app:
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    response = client.post("/accounts/login/", form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_sign_in_page_links_to_the_password_reset(client: Client) -> None:
    assert 'href="/accounts/password_reset/"' in client.get("/accounts/login/").content.decode()
