"""Pages bench: each public page's server time uncached and cached, and its queries.

    .venv/bin/python bench/pages.py [--repeats 5] [--keep] [--database areasend_pages]

Creates its own PostgreSQL database (--database, default areasend_pages, on LOAD_PG_URL, default
postgres://root@127.0.0.1:5432/), migrates it, loads the national history (load_national) and
collects the static files, then, in this process under areasend.settings_production, asks
Django for each public page as a browser would. "Cold" is a request after the cache is emptied
and the data version is read afresh, so the page renders from the database: what the first
reader after a publication waits for. "Warm" is the same request again, answered from the
public-page cache. Each figure is the median of --repeats requests; "queries" counts the cold
request's SQL statements. "cpu" is the CPU time this process spent on the cold request: on a
machine shared with other work the wall-clock figures include waiting for a core, which it does
not (nor the database server's own time, which the wall clock does). The target (issue 15):
every page under 50 ms cold.
The database is dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from load import admin

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "areasend_pages"
TARGET_MS = 50.0

# Every kind of public page, with the national history's busiest instances of each.
PAGES = {
    "home": "/",
    "accessibility": "/accessibility/",
    "area list": "/areas/",
    "area list, one region": "/areas/?region=South+East",
    "area search, misspelt": "/areas/?q=Medwya",
    "area search, filtered": "/areas/?region=South+East&outcome=wsoa&framework=2016&year=2018",
    "area page (Kent)": "/areas/kent/",
    "area page (Medway)": "/areas/medway/",
    "area page (former: Northamptonshire)": "/areas/northamptonshire/",
    "timeline (Medway)": "/areas/medway/timeline/",
    "follow (Kent)": "/areas/kent/follow/",
    "dashboard": "/dashboard/",
    "open data": "/data/",
    "API reference": "/data/api/",
    "inspections CSV": "/data/inspections.csv",
    "area feed (Kent)": "/areas/kent/feed.atom",
    "national feed": "/feed.atom",
    "area calendar (Kent)": "/calendar/areas/kent.ics",
    "area history (Medway)": "/data/areas/medway.jsonl",
    "API: areas": "/api/areas",
    "API: one area's status (Kent)": "/api/areas/E10000016",
    "API: inspections in 2019": "/api/inspections?year=2019",
}


def manage(*args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=os.environ, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout.strip()


class Row(NamedTuple):
    page: str
    cold: float
    cold_cpu: float
    warm: float
    queries: int


def measure(repeats: int) -> list[Row]:
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    rows = []
    for name, path in PAGES.items():
        first = client.get(path, secure=True)  # imports and connects: not counted
        if first.status_code != 200:
            raise SystemExit(f"{path} answered {first.status_code}")
        cold, cpu, warm, queries = [], [], [], 0
        for _ in range(repeats):
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started, used = time.perf_counter(), time.process_time()
                client.get(path, secure=True)
                cold.append(time.perf_counter() - started)
                cpu.append(time.process_time() - used)
            queries = len(captured.captured_queries)
            started = time.perf_counter()
            client.get(path, secure=True)
            warm.append(time.perf_counter() - started)
        rows.append(Row(name, *(statistics.median(t) * 1000 for t in (cold, cpu, warm)), queries))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--database", default=DATABASE, help="the database to create and drop")
    args = parser.parse_args()
    base = os.environ.get("LOAD_PG_URL", "postgres://root@127.0.0.1:5432/")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="areasend.settings_production",
        DATABASE_URL=base.rstrip("/") + "/" + args.database,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        AREASEND_TLS_PROXY_HEADER="X-Forwarded-Proto",
        # Read the data version on every request, so "cold" includes it.
        AREASEND_DATA_STATE_SECONDS="0",
        AREASEND_STATIC_ROOT=tempfile.mkdtemp(prefix="areasend-pages-static-"),
    )
    admin(base, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
    admin(base, f"CREATE DATABASE {args.database}")
    try:
        started = time.perf_counter()
        manage("migrate", "--no-input")
        loaded = manage("load_national")
        manage("collectstatic", "--no-input")
        print(f"set up in {time.perf_counter() - started:.0f} s: {loaded}\n")
        rows = measure(args.repeats)
        print(f"{'page':40} {'cold ms':>8} {'cpu ms':>8} {'warm ms':>8} {'queries':>8}  target")
        for r in rows:
            verdict = "met" if r.cold < TARGET_MS else "NOT MET"
            print(
                f"{r.page:40} {r.cold:>8.1f} {r.cold_cpu:>8.1f} {r.warm:>8.1f} {r.queries:>8}  "
                f"{verdict}"
            )
        met = sum(r.cold < TARGET_MS for r in rows)
        print(f"\nunder {TARGET_MS:g} ms uncached: {met} of {len(rows)} public pages")
        on_cpu = sum(r.cold_cpu < TARGET_MS for r in rows)
        print(f"under {TARGET_MS:g} ms of this process's CPU uncached: {on_cpu} of {len(rows)}")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin(base, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")


if __name__ == "__main__":
    main()
