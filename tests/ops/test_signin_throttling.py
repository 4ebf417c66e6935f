"""Sign-in throttling (django-axes): repeated failures pause sign-in for that username and
for that address; a correct password does not get through while paused."""

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory, override_settings

from areasend.ops.client_ip import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "Kestrel-9aq-Moor"


@pytest.fixture
def inspector() -> User:
    return User.objects.create_user("inspector", password=PASSWORD)


def sign_in(client, username: str, password: str, address: str = "192.0.2.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


@override_settings(AXES_FAILURE_LIMIT=3)
def test_three_failures_pause_sign_in_even_with_the_right_password(client, inspector):
    for _ in range(2):
        assert sign_in(client, "inspector", "wrong").status_code == 200  # the form again
    locked = sign_in(client, "inspector", "wrong")
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    refused = sign_in(client, "inspector", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_pause_follows_the_username_to_other_addresses(client, inspector):
    for address in ["192.0.2.1", "192.0.2.2", "192.0.2.3"]:
        sign_in(client, "inspector", "wrong", address)
    assert sign_in(client, "inspector", PASSWORD, "198.51.100.7").status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_one_address_guessing_many_usernames_is_paused(client, inspector):
    for name in ["alice", "bob", "carol"]:
        sign_in(client, name, "wrong", "203.0.113.9")
    assert sign_in(client, "inspector", PASSWORD, "203.0.113.9").status_code == 429
    assert sign_in(client, "inspector", PASSWORD, "192.0.2.50").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_failures_below_the_limit_then_success_reset_the_count(client, inspector):
    for _ in range(2):
        sign_in(client, "inspector", "wrong")
    assert sign_in(client, "inspector", PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        sign_in(client, "inspector", "wrong")
    assert sign_in(client, "inspector", PASSWORD).status_code == 302


def test_the_limit_is_configurable_and_defaults_to_ten(client, inspector):
    for _ in range(9):
        assert sign_in(client, "inspector", "wrong").status_code == 200
    assert sign_in(client, "inspector", "wrong").status_code == 429


def test_forwarded_for_is_ignored_without_a_trusted_proxy():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "10.0.0.5"


@override_settings(AREASEND_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_last_forwarded_address():
    # The client wrote "6.6.6.6" itself; our proxy appended the address it really saw.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4"
    )
    assert client_ip(request) == "198.51.100.4"
