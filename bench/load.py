"""Load bench: the public pages under concurrent clients, served as in production.

    .venv/bin/python bench/load.py [--levels 1,8,32,64] [--seconds 5] [--workers N]
    make bench-load                  # installs wrk from Debian's packages first if missing

Creates its own PostgreSQL database (--database, default areasend_load, on LOAD_PG_URL, default
postgres://root@127.0.0.1:5432/), migrates it, loads the national history (load_national),
collects the static files and serves the app with gunicorn on a loopback port under
areasend.settings_production. wrk, in a second process, then drives each page, and one static
file as the ceiling, at each level of concurrent clients for a fixed time, and the bench prints
requests per second and p50/p95/p99 latency, then each target's share of the ceiling at 32
clients against the target (at least 50% of the ceiling, p95 under 50 ms, no failed request at
any level). Then the cache-miss scenario: each page again at 32 clients while a new data
version is published every --miss-every seconds (a theme correction no weakness matches, so the
pages' content stays the same but every cached answer is out of date), with its p95. Before
each target a one-second warm-up, not counted, lets every worker load what its first request
loads. Everything stops by itself; the database is dropped at the end. Loopback only: the bench
refuses any other host.

The clients and the server share this machine's cores, so the figures are a floor for a server
with its own machine. gunicorn's sync workers close the connection after each response, as they
would behind a proxy, so wrk opens a new connection for every request.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
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
CEILING = "static file (ceiling)"
TARGET_SHARE, TARGET_P95_MS, TARGET_CLIENTS = 0.5, 50.0, 32

# wrk calls done() once at the end: one JSON line with what the bench prints. A non-2xx
# answer counts as a "status" error, so a failed request can never pass as a fast one.
REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.6f, "failures": %d, "p50": %.3f, "p95": %.3f, "p99": %.3f}\\n',
    summary.requests - e.status, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


# --- the driver: wrk in a second process ----------------------------------------------------


def drive(wrk: str, script: Path, url: str, clients: int, seconds: float) -> dict[str, float]:
    if urlsplit(url).hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("the bench sends traffic to loopback addresses only")
    result = subprocess.run(
        [wrk, "--threads", "1", "--connections", str(clients), "--duration", f"{seconds:g}s",
         "--timeout", "10s", "--script", str(script), "--header", "X-Forwarded-Proto: https",
         url],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    )  # fmt: skip
    report: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    report["rps"] = report["requests"] / report["seconds"]
    return report


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


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.time() + seconds
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    while time.time() < deadline:
        try:
            # As long as wrk waits: on a busy machine a worker's first answer (the health
            # checks, on a cold process) took over 2 s, and the bench gave up on a live server.
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url}")


def new_versions(database_url: str, every: float, stop: threading.Event) -> int:
    """Publish a new data version every ``every`` seconds until ``stop``; how many."""
    import psycopg

    published = 0
    with psycopg.connect(database_url, autocommit=True) as connection:
        while not stop.wait(every):
            published += 1
            text = f"load bench: no weakness has this wording ({time.time_ns()})"
            connection.execute(
                "INSERT INTO register_themecorrection (weakness, weakness_hash, inspection, "
                "theme, changed_at) VALUES (%s, md5(%s), '', 'other', now())",
                (text, text),
            )
    return published


def cache_misses(
    wrk: str, script: Path, root: str, database_url: str, seconds: float, every: float
) -> None:
    print(
        f"\nCache misses: {TARGET_CLIENTS} clients while a new data version is published every "
        f"{every:g} s"
    )
    print(f"{'target':30} {'versions':>8} {'req/s':>8} {'p95 ms':>8} {'p99 ms':>8} {'failed':>6}")
    for name, path in PAGES.items():
        stop = threading.Event()
        result: list[int] = []
        bumper = threading.Thread(
            target=lambda out=result, halt=stop: out.append(new_versions(database_url, every, halt))
        )
        bumper.start()
        try:
            r = drive(wrk, script, root + path, TARGET_CLIENTS, seconds)
        finally:
            stop.set()
            bumper.join()
        print(
            f"{name:30} {result[0]:>8} {r['rps']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
            f"{r['failures']:>6.0f}",
            flush=True,
        )


def print_verdict(results: dict[str, dict[int, dict[str, float]]]) -> None:
    ceiling = results[CEILING][TARGET_CLIENTS]["rps"]
    print(
        f"\nAt {TARGET_CLIENTS} clients, against the target (>= {TARGET_SHARE:.0%} of the "
        f"ceiling's {ceiling:.0f} req/s, p95 < {TARGET_P95_MS:g} ms, 0 failed at every level):"
    )
    met = 0
    for name in PAGES:
        r = results[name][TARGET_CLIENTS]
        share = r["rps"] / ceiling
        failed = sum(level["failures"] for level in results[name].values())
        ok = share >= TARGET_SHARE and r["p95"] < TARGET_P95_MS and failed == 0
        met += ok
        print(
            f"{name:30} {share:>5.0%} of ceiling  p95 {r['p95']:>5.1f} ms  "
            f"failed {failed:.0f}  {'met' if ok else 'NOT MET'}"
        )
    print(f"target met by {met} of {len(PAGES)} public pages and API reads")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="1,8,32,64")
    parser.add_argument("--seconds", type=float, default=5.0, help="per page and level")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--miss-every", type=float, default=2.0, help="seconds between new data versions"
    )
    parser.add_argument("--database", default=DATABASE, help="the database to create and drop")
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",")]
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is needed: `make bench-load` installs it (apt-get install -y wrk)")

    base = os.environ.get("LOAD_PG_URL", "postgres://root@127.0.0.1:5432/")
    static_root = Path(tempfile.mkdtemp(prefix="areasend-load-static-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "areasend.settings_production",
        "DATABASE_URL": base.rstrip("/") + "/" + args.database,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "AREASEND_TLS_PROXY_HEADER": "X-Forwarded-Proto",
        # wrk, on this machine, plays the TLS proxy: gunicorn.conf.py believes no one else.
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "AREASEND_STATIC_ROOT": str(static_root),
    }
    admin(base, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
    admin(base, f"CREATE DATABASE {args.database}")
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
        targets = {**PAGES, CEILING: css.group(1).decode()}
        script = static_root / "report.lua"
        script.write_text(REPORT_LUA)

        print(
            f"gunicorn: {args.workers} sync workers; {os.cpu_count()} cores shared with wrk "
            f"(1 thread); {args.seconds:g} s per page and level; request log in {log_path}\n"
        )
        print(f"{'target':30} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'p99 ms':>8} {'failed':>6}")  # fmt: skip
        results: dict[str, dict[int, dict[str, float]]] = {}
        for name, path in targets.items():
            drive(wrk, script, root + path, 2 * args.workers, 1)  # the warm-up
            results[name] = {}
            for clients in levels:
                r = results[name][clients] = drive(wrk, script, root + path, clients, args.seconds)
                print(
                    f"{name:30} {clients:>7} {r['rps']:>8.1f} {r['p50']:>8.1f} "
                    f"{r['p95']:>8.1f} {r['p99']:>8.1f} {r['failures']:>6.0f}",
                    flush=True,
                )
        if TARGET_CLIENTS in levels:
            print_verdict(results)
        cache_misses(wrk, script, root, env["DATABASE_URL"], args.seconds, args.miss_every)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        admin(base, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")


if __name__ == "__main__":
    main()
