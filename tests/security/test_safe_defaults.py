"""manage.py and the WSGI app take the production settings unless development is asked for by
name; the development settings (DEBUG, the published key) never come from a missing variable."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest

from tests.conftest import REPO

SHOW = "from django.conf import settings as s; print(s.SETTINGS_MODULE, s.DEBUG, s.DEVELOPMENT)"


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """A process with nothing of this test run's configuration: only PATH and what is given."""
    environ = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env}
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def deployment() -> dict[str, str]:
    return {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "example.org"}


def test_manage_py_with_no_environment_refuses_to_start_without_a_secret_key():
    result = run("manage.py", "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert "System check identified" not in result.stdout


def test_manage_py_runs_production_when_nothing_chooses_development():
    result = run("manage.py", "shell", "--no-imports", "-c", SHOW, **deployment())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["areasend.settings_production", "False", "False"]


@pytest.mark.parametrize(
    "env",
    [{"AREASEND_ENV": "development"}, {"DJANGO_SETTINGS_MODULE": "areasend.settings_dev"}],
    ids=["AREASEND_ENV", "settings_dev"],
)
def test_development_only_when_asked_for_by_name(env: dict[str, str]):
    result = run("manage.py", "shell", "--no-imports", "-c", SHOW, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["areasend.settings_dev", "True", "True"]


@pytest.mark.parametrize("value", ["1", "true", "on"])
def test_debug_alone_does_not_turn_development_on(value: str):
    # Today's DEBUG=1 habit, or a stray variable, must not bring back DEBUG and the dev key.
    refused = run("manage.py", "check", DEBUG=value)
    assert refused.returncode != 0 and "SECRET_KEY must be set" in refused.stderr
    base = run(
        "manage.py",
        "shell",
        "--no-imports",
        "-c",
        SHOW,
        DEBUG=value,
        DJANGO_SETTINGS_MODULE="areasend.settings",
        **deployment(),
    )
    assert base.returncode == 0, base.stderr
    assert base.stdout.split() == ["areasend.settings", "False", "False"]


@pytest.mark.parametrize("env", [{}, {"AREASEND_ENV": "production"}, {"AREASEND_ENV": "dev"}])
def test_the_base_settings_refuse_to_load_without_a_secret_key(env: dict[str, str]):
    result = run("manage.py", "check", DJANGO_SETTINGS_MODULE="areasend.settings", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_published_development_key_is_refused_outside_development():
    dev_key = "areasend-development-only-not-secret"
    for module in ("areasend.settings", "areasend.settings_production"):
        result = run(
            "manage.py",
            "check",
            DJANGO_SETTINGS_MODULE=module,
            SECRET_KEY=dev_key,
            ALLOWED_HOSTS="example.org",
        )
        assert result.returncode != 0, module
        assert "SECRET_KEY must" in result.stderr, module


def test_production_stays_production_even_when_development_is_in_the_environment():
    result = run(
        "manage.py",
        "shell",
        "--no-imports",
        "-c",
        SHOW,
        AREASEND_ENV="development",
        DJANGO_SETTINGS_MODULE="areasend.settings_production",
        **deployment(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["areasend.settings_production", "False", "False"]


def test_the_wsgi_app_serves_production_by_default():
    load = "import areasend.wsgi; " + SHOW
    refused = run("-c", load)
    assert refused.returncode != 0 and "SECRET_KEY must be set" in refused.stderr
    served = run("-c", load, **deployment())
    assert served.returncode == 0, served.stderr
    assert served.stdout.split()[-3:] == ["areasend.settings_production", "False", "False"]


def test_the_makefile_asks_for_development_for_make_run_and_make_test():
    # `make run`, `make data` and `make pytest` run manage.py and pytest with the Makefile's
    # environment: it must say development, as they did before production became the default.
    probe = "show:\n\t@echo AREASEND_ENV=$$AREASEND_ENV\n"
    result = subprocess.run(
        ["make", "--no-print-directory", "-f", "Makefile", "-f", "-", "show"],
        cwd=REPO,
        input=probe,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "AREASEND_ENV=development", result.stderr
