"""A NUL character in a query or form value is refused with 400 before anything reads it:
PostgreSQL can neither store nor compare one, so it used to reach the database as a 500."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/data/history/?area=%00", "/areas/?q=kent%00", "/?x%00=1"])
def test_a_nul_in_the_query_string_is_a_bad_request(client: Client, path: str) -> None:
    assert client.get(path).status_code == 400


def test_a_nul_in_a_form_value_is_a_bad_request_and_signs_nobody_in(client: Client) -> None:
    # As a browser sends a form (Django's form fields refuse NUL in multipart bodies themselves).
    response = client.post(
        "/accounts/login/",
        "username=lead%00&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_an_ordinary_query_still_answers(client: Client) -> None:
    assert client.get("/areas/?q=kent").status_code == 200


def test_a_username_longer_than_any_account_is_a_field_error_not_a_500(client: Client) -> None:
    response = client.post("/accounts/login/", {"username": "x" * 5000, "password": "x" * 5000})
    assert response.status_code == 200
    assert "Your username is at most 150 characters" in response.content.decode()


def test_the_api_refuses_a_nul_in_its_own_documented_error_shape(client: Client) -> None:
    response = client.get("/api/progress?area=%00")
    assert response.status_code == 400
    assert response.json() == {"detail": "A value in the request holds a NUL character."}
    schema = client.get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "400" in operation["responses"], (method, path)


def test_the_api_schema_tells_clients_that_no_query_or_path_value_may_hold_a_nul() -> None:
    from areasend.api.api import NO_NUL, api

    strings = [
        parameter
        for operations in api.get_openapi_schema()["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", ())
        if parameter["schema"].get("type") == "string" and "format" not in parameter["schema"]
    ]
    assert strings, "the API has string parameters"
    assert all(p["schema"]["pattern"] == NO_NUL for p in strings)
    assert re.fullmatch(NO_NUL, "Medway") and not re.fullmatch(NO_NUL, "Med\x00way")
