"""Survey bench: answers sent to the notice-week surveys by concurrent clients, served as in
production (issue 19: a county's families answer in their thousands on an evening).

    .venv/bin/python bench/survey.py [--levels 32,64] [--seconds 10] [--workers N]

Creates its own PostgreSQL database (areasend_survey on LOAD_PG_URL, default
postgres://root@127.0.0.1:5432/), migrates it, loads the Sheffield demo inspection and opens
its surveys today (the demo's window follows the week it is loaded in), and serves the app
with gunicorn under areasend.settings_production. Each client, a thread here, opens the
parents' and carers' form (for its signed token) and sends it with answers, again and again
for a fixed time. The bench prints answers stored per second and the p95 of the sending
request at each level, the failures, and the count stored against the count sent: a lost or
doubled answer fails the bench. The per-client limit is lifted (every client is 127.0.0.1).
The clients share this machine's cores with the server: the figures are a floor.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import PYTHON, REPO, admin, free_port, manage, wait_for

# Its own database, dropped after: named by SURVEY_BENCH_DB when several checkouts bench at once.
DATABASE = os.environ.get("SURVEY_BENCH_DB", "areasend_survey")
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
TOKEN = re.compile(rb'name="token" value="([^"]+)"')
ANSWERS = {
    "needs_met": "Quite well",
    "listened_to": "Sometimes",
    "works_well": "The speech and language therapists, when we reach them.",
}
OPEN_TODAY = (
    "from areasend.casework import clock; from areasend.inspections.models import Inspection; "
    "Inspection.objects.filter(area__slug='sheffield').update("
    "survey_opens=clock.today(), survey_closes=clock.today()); "
    "print(Inspection.objects.get(area__slug='sheffield').reference)"
)
COUNT = "from areasend.surveys.models import SurveyResponse; print(SurveyResponse.objects.count())"


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent = 0
        self.failures = 0
        self.latencies: list[float] = []


def client(port: int, path: str, until: float, tally: Tally) -> None:
    while time.perf_counter() < until:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path, headers=HEADERS)
            page = conn.getresponse()
            found = TOKEN.search(page.read())
            conn.close()
            if page.status != 200 or found is None:
                raise OSError(f"form: {page.status}")
            body = urlencode({"token": found.group(1).decode(), **ANSWERS})
            started = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request(
                "POST", path, body=body,
                headers={**HEADERS, "Content-Type": "application/x-www-form-urlencoded"},
            )  # fmt: skip
            answer = conn.getresponse()
            answer.read()
            conn.close()
            took = time.perf_counter() - started
            if answer.status != 302:
                raise OSError(f"send: {answer.status}")
            with tally.lock:
                tally.sent += 1
                tally.latencies.append(took)
        except OSError:
            with tally.lock:
                tally.failures += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="32,64")
    parser.add_argument("--seconds", type=float, default=10.0, help="per level")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()
    base = os.environ.get("LOAD_PG_URL", "postgres://root@127.0.0.1:5432/")
    static_root = Path(tempfile.mkdtemp(prefix="areasend-survey-static-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "areasend.settings_production",
        "DATABASE_URL": base.rstrip("/") + "/" + DATABASE,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "AREASEND_TLS_PROXY_HEADER": "X-Forwarded-Proto",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "AREASEND_STATIC_ROOT": str(static_root),
        "AREASEND_SURVEY_RESPONSES_PER_CLIENT_PER_HOUR": str(10**9),
    }
    admin(base, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin(base, f"CREATE DATABASE {DATABASE}")
    server = None
    try:
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo_casework", "--force")
        manage(env, "collectstatic", "--no-input")
        reference = manage(env, "shell", "-c", OPEN_TODAY).splitlines()[-1]
        port = free_port()
        log = (static_root / "requests.log").open("w")
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "areasend.wsgi", "--workers", str(args.workers),
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=REPO, env=env, stdout=log, stderr=log, start_new_session=True,
        )  # fmt: skip
        wait_for(f"http://127.0.0.1:{port}/healthz")
        path = f"/inspections/{reference}/surveys/parents_carers/"
        print(
            f"gunicorn: {args.workers} sync workers on PostgreSQL; {os.cpu_count()} cores "
            f"shared with the clients; {args.seconds:g} s per level\n"
        )
        print(f"{'clients':>7} {'answers/s':>10} {'p95 ms':>8} {'failed':>6} {'sent':>7}")
        total_sent = 0
        for clients in (int(n) for n in args.levels.split(",")):
            tally = Tally()
            until = time.perf_counter() + args.seconds
            threads = [
                threading.Thread(target=client, args=(port, path, until, tally))
                for _ in range(clients)
            ]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - started
            p95 = statistics.quantiles(tally.latencies, n=20)[-1] * 1000 if tally.latencies else 0
            total_sent += tally.sent
            print(
                f"{clients:>7} {tally.sent / elapsed:>10.1f} {p95:>8.1f} {tally.failures:>6} "
                f"{tally.sent:>7}",
                flush=True,
            )
        stored = int(manage(env, "shell", "-c", COUNT).splitlines()[-1])
        verdict = "none lost" if stored == total_sent else "MISMATCH"
        print(f"\nanswers sent {total_sent}, stored {stored}: {verdict}")
        if stored != total_sent:
            raise SystemExit(1)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        admin(base, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
