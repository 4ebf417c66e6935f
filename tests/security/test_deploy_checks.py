"""`manage.py check --deploy` fails (an Error, so a non-zero exit) on each thing that makes a
deployment unsafe in use: development settings, demo people, the demo password, no mail relay,
a proxy configuration that does not hold together, or accounts it cannot read."""

from __future__ import annotations

import io
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import OperationalError, connection

from areasend.accounts.demo import PASSWORD
from areasend.accounts.models import Person
from tests.conftest import REPO

pytestmark = pytest.mark.django_db


def deploy_errors() -> set[str]:
    """The ids of this project's errors that `check --deploy` reports."""
    try:
        call_command("check", "--deploy", stdout=io.StringIO(), stderr=io.StringIO())
    except SystemCheckError as failure:
        return set(re.findall(r"\((areasend\.E\d+)\)", str(failure)))
    return set()


@pytest.fixture
def deployed(settings):
    """What a sound production configuration says (settings_production with its variables)."""
    settings.DEVELOPMENT = False
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "smtp.example.org"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.AREASEND_TRUSTED_PROXY_COUNT = 1
    return settings


def test_a_sound_deployment_has_no_errors(deployed):
    User.objects.create_user("r.ahmed", email="r.ahmed@ofsted.gov.uk", password="Lantern-42-Quay")
    assert deploy_errors() == set()


def test_development_settings_fail(deployed):
    deployed.DEVELOPMENT = True
    assert deploy_errors() == {"areasend.E001"}
    deployed.DEVELOPMENT, deployed.DEBUG = False, True
    assert deploy_errors() == {"areasend.E001"}


def test_demo_people_fail_and_so_does_their_password(deployed, people: dict[str, Person]):
    assert deploy_errors() == {"areasend.E002", "areasend.E003"}


def test_demo_people_fail_even_with_new_passwords(deployed, people: dict[str, Person]):
    for person in people.values():
        person.user.set_password(secrets.token_urlsafe(16))
        person.user.save()
    assert deploy_errors() == {"areasend.E002"}


def test_anyone_with_the_demo_password_fails(deployed):
    User.objects.create_user("r.ahmed", email="r.ahmed@ofsted.gov.uk", password=PASSWORD)
    assert deploy_errors() == {"areasend.E003"}


def test_an_inactive_account_with_the_demo_password_does_not_fail(deployed):
    # It cannot sign in at all; the check costs a hash per account, so only active ones count.
    User.objects.create_user("gone", email="gone@ofsted.gov.uk", password=PASSWORD, is_active=False)
    assert deploy_errors() == set()


def test_a_missing_mail_relay_fails(deployed):
    deployed.EMAIL_HOST = ""
    assert deploy_errors() == {"areasend.E006"}


@pytest.mark.parametrize("backend", ["console", "filebased", "locmem", "dummy"])
def test_a_mail_backend_that_delivers_nothing_fails(deployed, backend: str):
    deployed.EMAIL_BACKEND = f"django.core.mail.backends.{backend}.EmailBackend"
    assert deploy_errors() == {"areasend.E005"}


def test_a_trusted_tls_header_without_a_proxy_count_fails(deployed):
    deployed.AREASEND_TRUSTED_PROXY_COUNT = 0
    assert deploy_errors() == {"areasend.E008"}


def test_a_proxy_count_without_a_tls_header_fails(deployed):
    deployed.SECURE_PROXY_SSL_HEADER = None
    assert deploy_errors() == {"areasend.E009"}


def test_a_negative_proxy_count_fails(deployed):
    deployed.AREASEND_TRUSTED_PROXY_COUNT = -1
    assert deploy_errors() == {"areasend.E007"}


def test_no_proxy_at_all_is_sound(deployed):
    deployed.SECURE_PROXY_SSL_HEADER = None
    deployed.AREASEND_TRUSTED_PROXY_COUNT = 0
    assert deploy_errors() == set()


def test_accounts_that_cannot_be_read_fail(deployed, monkeypatch):
    def unreachable(*args: object, **kwargs: object) -> list[str]:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection.introspection, "table_names", unreachable)
    assert deploy_errors() == {"areasend.E004"}


def test_the_command_exits_non_zero_under_the_production_settings(tmp_path):
    # The same check from the command line, as a deployment runs it: no EMAIL_HOST given.
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "AREASEND_TLS_PROXY_HEADER": "X-Forwarded-Proto",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "areasend.E006" in result.stderr and "areasend.E008" in result.stderr, result.stderr
