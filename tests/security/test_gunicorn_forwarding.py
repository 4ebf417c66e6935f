"""gunicorn, as configured by gunicorn.conf.py, passes forwarding headers on only from the
proxies named in FORWARDED_ALLOW_IPS: with none named, a local client's X-Forwarded-Proto and
X-Forwarded-For never reach Django (which would otherwise believe them)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from tests.conftest import REPO

FORWARDED = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-For": "203.0.113.9",
    "X-Forwarded-Host": "evil.example",
    "Forwarded": "for=203.0.113.9;proto=https",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(allowed: str | None) -> Iterator[str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FORWARDED_ALLOW_IPS"}
    if allowed is not None:
        env["FORWARDED_ALLOW_IPS"] = allowed
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "tests.security.echo_app:app",
         "--workers", "1", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    root = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(root, timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield root
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.fixture
def untrusting() -> Iterator[str]:
    yield from serve(None)


@pytest.fixture
def trusting_localhost() -> Iterator[str]:
    yield from serve("127.0.0.1")


def seen(root: str) -> dict[str, str]:
    request = urllib.request.Request(root, headers=FORWARDED)
    return dict(json.loads(urllib.request.urlopen(request, timeout=10).read()))


def test_with_no_proxy_named_a_local_clients_forwarding_headers_are_dropped(untrusting: str):
    assert seen(untrusting) == {"wsgi.url_scheme": "http"}


def test_a_named_proxys_forwarding_headers_are_passed_on(trusting_localhost: str):
    answer = seen(trusting_localhost)
    assert answer["HTTP_X_FORWARDED_PROTO"] == "https"
    assert answer["HTTP_X_FORWARDED_FOR"] == "203.0.113.9"
    assert answer["wsgi.url_scheme"] == "https"


def test_the_documented_command_names_the_proxies():
    docs = (REPO / "docs" / "operations.md").read_text()
    commands = [line for line in docs.splitlines() if "gunicorn areasend.wsgi" in line]
    assert commands, "docs/operations.md documents no gunicorn command"
    assert all("--forwarded-allow-ips" in line for line in commands), commands
