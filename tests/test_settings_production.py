"""The production settings pass Django's deployment checklist and refuse to start half-configured."""

import os
import secrets
import subprocess
import sys

from tests.conftest import REPO


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # Only what a deployment would set: not the test run's own DJANGO_* switches (the browser
    # tests set DJANGO_ALLOW_ASYNC_UNSAFE, which --deploy rightly refuses).
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "EMAIL_HOST", "AREASEND_ENV"}
        and not k.startswith("DJANGO_")
    }
    environ.update(DJANGO_SETTINGS_MODULE="areasend.settings_production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_no_warnings(tmp_path):
    # A mail relay is required (areasend.E006); the database is a fresh one, with nobody in it
    # (the demo checks read it: a developer's db.sqlite3 may hold the demo people).
    result = manage(
        "check",
        "--deploy",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        EMAIL_HOST="smtp.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "WARNINGS" not in output and "ERRORS" not in output, output
    assert "System check identified no issues" in output


def test_refuses_to_start_without_a_secret_key():
    result = manage("check", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_refuses_to_start_without_allowed_hosts():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_trusts_a_proxy_header_only_when_told_to():
    show = [
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print('proxy', settings.SECURE_PROXY_SSL_HEADER, settings.DEBUG)",
    ]
    env = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "example.org"}
    assert "proxy None False" in manage(*show, **env).stdout
    told = manage(*show, **env, AREASEND_TLS_PROXY_HEADER="X-Forwarded-Proto").stdout
    assert "proxy ('HTTP_X_FORWARDED_PROTO', 'https') False" in told
