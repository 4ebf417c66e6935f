"""Outside development the demo password signs nobody in, on a database that has (or once had)
the demo people, on every sign-in form; in development it still works, as the README says."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory

from areasend.accounts.demo import PASSWORD
from areasend.accounts.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.DEVELOPMENT = False
    return settings


def request():
    # django-axes needs the request to authenticate against, as every sign-in form gives it.
    return RequestFactory().post("/accounts/login/")


def sign_in(client, path: str, username: str, password: str):
    return client.post(path, {"username": username, "password": password, "otp_token": ""})


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_the_demo_people_cannot_sign_in_with_the_demo_password(
    production, people: dict[str, Person], client, path: str
):
    for username in ("planner", "lead", "admin"):
        sign_in(client, path, username, PASSWORD)
        assert "_auth_user_id" not in client.session, (path, username)
        assert client.get("/due/").status_code == 302  # still sent to sign in
    if path == "/admin/login/":
        # The admin takes no password at all: it sends people to the service's sign-in (ADR 0022).
        assert sign_in(client, path, "planner", PASSWORD)["Location"].startswith("/accounts/login/")
    else:
        # Each refusal counted as a failed sign-in, so throttling covers it.
        assert AccessAttempt.objects.filter(
            username="planner", failures_since_start__gte=1
        ).exists()


def test_authenticate_refuses_the_demo_password_for_anyone(production, people: dict[str, Person]):
    real = get_user_model().objects.create_user(
        "r.ahmed", email="r.ahmed@ofsted.gov.uk", password=PASSWORD
    )
    assert real.check_password(PASSWORD)  # the hash matches: only the refusal stops it
    assert authenticate(request(), username="r.ahmed", password=PASSWORD) is None
    assert authenticate(request(), username="lead", password=PASSWORD) is None


def test_a_demo_account_given_a_real_password_signs_in_with_that(
    production, people: dict[str, Person], client
):
    lead = people["lead"].user
    lead.set_password("Harbour-Lamp-73")
    lead.save()
    assert authenticate(request(), username="lead", password="Harbour-Lamp-73") == lead
    assert sign_in(client, "/accounts/login/", "lead", "Harbour-Lamp-73").status_code == 302
    assert client.session["_auth_user_id"] == str(lead.pk)


def test_in_development_the_demo_password_still_works(people: dict[str, Person], client, settings):
    assert settings.DEVELOPMENT  # the test settings are the development ones
    response = sign_in(client, "/accounts/login/", "planner", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(people["planner"].user.pk)
