"""Static files in development (`make run`: runserver, DEBUG on, WhiteNoise with finders):
a path that climbs out of the static folders, encoded or not, is not found, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import get_commands, load_command_class
from django.test import RequestFactory

CLIMBS = (
    "/static/%2e%2e/settings.py",
    "/static/..%2fsettings.py",
    "/static/%2e%2e%2f%2e%2e%2fmanage.py",
    "/static/assets/%2e%2e/%2e%2e/%2e%2e/settings.py",
    "/static/%00",
    "/static/%ff",
)


def runserver_answer(path: str) -> tuple[str, bytes]:
    """What `manage.py runserver` answers for the path, through the handler it really serves."""
    command = load_command_class(get_commands()["runserver"], "runserver")
    options = command.create_parser("manage.py", "runserver").parse_args([])
    handler = command.get_handler(**vars(options))  # type: ignore[attr-defined]
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")  # type: ignore[attr-defined]
    status: list[str] = []

    def start_response(line: str, headers: Any, exc_info: Any = None) -> None:
        status.append(line)

    body = b"".join(handler(environ, start_response))
    return status[0], body


@pytest.mark.parametrize("path", CLIMBS)
def test_a_path_out_of_the_static_folders_is_not_found_in_development(
    path: str, settings: Any, db: None
) -> None:
    settings.DEBUG = True
    status, _ = runserver_answer(path)
    assert status.startswith(("404", "400")), status


def test_a_real_static_file_is_still_served_in_development(settings: Any, db: None) -> None:
    settings.DEBUG = True
    status, body = runserver_answer("/static/govuk-frontend/application.css")
    assert status.startswith("200") and body
