"""Load bench: the public pages under concurrent clients, served as in production.

    .venv/bin/python bench/load.py [--levels 1,8,32,64] [--seconds 5] [--workers N]

Creates its own PostgreSQL database (areasend_load on LOAD_PG_URL, default
postgres://root@127.0.0.1:5432/), migrates it, loads the national history (load_national),
collects the static files and serves the app with gunicorn on a loopback port under
areasend.settings_production. A second process then drives each page, and one static file as
the ceiling, at each level of concurrent clients for a fixed time, and prints requests per
second and p50/p95/p99 latency. Everything stops by itself; the database is dropped at the end.
Loopback only: the driver refuses any other host.

The clients and the server share this machine's cores, so the figures are a floor for a
server with its own machine. Each request opens a new connection (gunicorn's sync workers close
it after each response, as they would behind a proxy).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "areasend_load"
PAGES = {
    "home": "/",
    "area list": "/areas/",
    "area list, one region": "/areas/?region=South+East",
    "area page (Kent)": "/areas/kent/",
    "accessibility": "/accessibility/",
    "API: areas": "/api/areas",
    "API: one area's status (Kent)": "/api/areas/E10000016",
    "API: inspections in 2019": "/api/inspections?year=2019",
}
HEADERS = "X-Forwarded-Proto: https\r\nHost: 127.0.0.1\r\n"


# --- the driver (second process) -----------------------------------------------------------


async def one_request(host: str, port: int, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\n{HEADERS}Connection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return time.perf_counter() - started, status


async def drive_level(url: str, clients: int, seconds: float) -> dict[str, object]:
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 80
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    failures = 0
    stop = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal failures
        while time.perf_counter() < stop:
            try:
                took, status = await one_request(host, port, path)
            except OSError:
                failures += 1
                continue
            if status == 200:
                latencies.append(took)
            else:
                failures += 1

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0.0] * 99
    return {
        "clients": clients,
        "requests": len(latencies),
        "failures": failures,
        "rps": len(latencies) / elapsed,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
    }


def drive(url: str, levels: list[int], seconds: float) -> None:
    if urlsplit(url).hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("the driver sends traffic to loopback addresses only")
    for clients in levels:
        print(json.dumps(asyncio.run(drive_level(url, clients, seconds))), flush=True)


# --- the bench (first process) -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def admin(base: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(base.rstrip("/") + "/postgres", autocommit=True) as connection:
        connection.execute(sql)


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout.strip()


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="1,8,32,64")
    parser.add_argument("--seconds", type=float, default=5.0, help="per page and level")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--drive", help=argparse.SUPPRESS)  # the second process
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",")]
    if args.drive:
        drive(args.drive, levels, args.seconds)
        return

    base = os.environ.get("LOAD_PG_URL", "postgres://root@127.0.0.1:5432/")
    static_root = Path(tempfile.mkdtemp(prefix="areasend-load-static-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "areasend.settings_production",
        "DATABASE_URL": base.rstrip("/") + "/" + DATABASE,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "AREASEND_TLS_PROXY_HEADER": "X-Forwarded-Proto",
        "AREASEND_STATIC_ROOT": str(static_root),
    }
    admin(base, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin(base, f"CREATE DATABASE {DATABASE}")
    server = None
    try:
        started = time.perf_counter()
        manage(env, "migrate", "--no-input")
        loaded = manage(env, "load_national")
        manage(env, "collectstatic", "--no-input")
        print(f"set up in {time.perf_counter() - started:.0f} s: {loaded}")

        port = free_port()
        log_path = static_root / "requests.log"
        log = log_path.open("w")  # open for the server's whole life
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "areasend.wsgi", "--workers", str(args.workers),
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=REPO, env=env, stdout=log, stderr=log, start_new_session=True,
        )  # fmt: skip
        root = f"http://127.0.0.1:{port}"
        wait_for(root + "/healthz")
        home = urllib.request.urlopen(
            urllib.request.Request(root + "/", headers={"X-Forwarded-Proto": "https"})
        ).read()
        css = re.search(rb'href="(/static/[^"]+\.css)"', home)
        if css is None:
            raise SystemExit("no stylesheet link on the home page")
        targets = {**PAGES, "static file (ceiling)": css.group(1).decode()}

        print(
            f"gunicorn: {args.workers} sync workers; {os.cpu_count()} cores shared with the "
            f"driver; {args.seconds:g} s per page and level; request log in {log_path}\n"
        )
        print(f"{'target':26} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'p99 ms':>8} {'failed':>6}")  # fmt: skip
        for name, path in targets.items():
            driver = subprocess.run(
                [PYTHON, __file__, "--drive", root + path, "--levels", args.levels,
                 "--seconds", str(args.seconds)],
                capture_output=True, text=True, check=True,
                timeout=len(levels) * (args.seconds + 60),
            )  # fmt: skip
            for line in driver.stdout.splitlines():
                r = json.loads(line)
                print(
                    f"{name:26} {r['clients']:>7} {r['rps']:>8.1f} {r['p50']:>8.1f} "
                    f"{r['p95']:>8.1f} {r['p99']:>8.1f} {r['failures']:>6}",
                    flush=True,
                )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        admin(base, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
