"""Staff bench: each staff page's p50/p95 for 8 concurrent signed-in users, served as in production.

    .venv/bin/python bench/staff.py [--clients 8] [--seconds 5] [--workers N]
    make bench-staff                 # installs wrk from Debian's packages first if missing

Creates its own PostgreSQL database (areasend_staff on LOAD_PG_URL, default
postgres://root@127.0.0.1:5432/), migrates it and loads what `make run` loads: the demo areas
and people, the national history, the demo casework and a stored planner plan. Then it serves
the app with gunicorn on a loopback port under areasend.settings_production and signs each demo
person in --clients times (a session each, with the second factor given, as signing in leaves
it). The pages are the ones each person works from: their landing page, every link of their
menu, and for inspectors and area officers the inspection, step and plan pages they reach from
there (a step page the person's role does not take is said and left out).
wrk drives each page with --clients connections, each request taking the next of that person's
sessions, for --seconds after a one-second warm-up, and the bench prints requests per second and
p50/p95/p99 latency, then the verdict against the target (issue 18): every page's p95 under
150 ms, with no failed request. A landing page or menu link answering anything but 200 fails
the bench.

The clients and the server share this machine's cores, so the figures are a floor for a server
with its own machine. The database is dropped at the end. Loopback only.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load import REPORT_LUA, admin, drive, free_port, manage, wait_for

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "areasend_staff"
TARGET_P95_MS = 150.0

# Run by `manage.py shell` in the bench's database: signs the demo people in and lists the
# pages each works from, as JSON on the last line of its output.
SIGN_IN = """
import json
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from areasend.accounts.models import Person
from areasend.improvement.models import Plan
from areasend.inspections.models import Inspection
from areasend.staff.menu import landing_for, menu_for

def sessions(user, n):
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="staff bench", confirmed=True)
    out = []
    for _ in range(n):
        client = Client()
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        out.append(settings.SESSION_COOKIE_NAME + "=" + session.session_key)
    return out

people = []
for person in Person.objects.select_related("user", "organisation").order_by("pk"):
    user = person.user
    if not user.username.isascii() or user.username.startswith("bench"):
        continue
    user.is_verified = lambda: True  # as the OTP middleware marks a session with its device
    pages = {"landing page": landing_for(user)}
    pages.update({link.text: link.href for link in menu_for(user)})
    mine = Inspection.objects.filter(team__person=person).order_by("-notified_on").first()
    if mine is not None:
        pages["inspection " + mine.reference] = reverse("inspections:detail", args=[mine.reference])
        pages["inspection team"] = reverse("inspections:team", args=[mine.reference])
        pages["inspection findings"] = reverse("inspections:findings", args=[mine.reference])
    area = person.organisation.area
    plan = Plan.objects.filter(area=area).order_by("-pk").first() if area else None
    if plan is not None:
        pages["plan " + str(plan.pk)] = reverse("improvement:plan", kwargs={"plan": plan.pk})
        pages["plan, write"] = reverse("improvement:plan_write", kwargs={"plan": plan.pk})
    people.append({"username": user.username, "role": person.get_role_display(),
                   "cookies": sessions(user, CLIENTS), "pages": pages,
                   "menu": [landing_for(user), *(link.href for link in menu_for(user))]})
print(json.dumps(people))
"""

# Each request takes the next session, so the connections are CLIENTS signed-in users.
ROTATE_LUA = """
local cookies = {COOKIES}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", nil, {["Host"] = wrk.headers["Host"],
    ["X-Forwarded-Proto"] = "https", ["Cookie"] = cookies[(n % #cookies) + 1]})
end
"""


def signed_in(env: dict[str, str], clients: int) -> list[dict[str, object]]:
    output = manage(env, "shell", "-c", SIGN_IN.replace("CLIENTS", str(clients)))
    people: list[dict[str, object]] = json.loads(output.splitlines()[-1])
    return people


def status_of(root: str, path: str, cookie: str) -> int:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        root + path, headers={"X-Forwarded-Proto": "https", "Cookie": cookie}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent signed-in users")
    parser.add_argument("--seconds", type=float, default=5.0, help="per page")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is needed: `make bench-staff` installs it (apt-get install -y wrk)")

    base = os.environ.get("LOAD_PG_URL", "postgres://root@127.0.0.1:5432/")
    work = Path(tempfile.mkdtemp(prefix="areasend-staff-bench-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "areasend.settings_production",
        "DATABASE_URL": base.rstrip("/") + "/" + DATABASE,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "AREASEND_TLS_PROXY_HEADER": "X-Forwarded-Proto",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "AREASEND_STATIC_ROOT": str(work / "static"),
    }
    admin(base, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin(base, f"CREATE DATABASE {DATABASE}")
    server = None
    try:
        started = time.perf_counter()
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo")
        manage(env, "load_national")
        # The demo people and casework refuse DEBUG off unless asked: this is a bench database.
        manage(env, "load_demo_people", "--force")
        manage(env, "load_demo_casework", "--force")
        manage(env, "plan_programme", "--store", "--weeks", "39")
        manage(env, "collectstatic", "--no-input")
        people = signed_in(env, args.clients)
        print(f"set up in {time.perf_counter() - started:.0f} s: {len(people)} people signed in")

        port = free_port()
        log = (work / "requests.log").open("w")  # open for the server's whole life
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "areasend.wsgi", "--workers", str(args.workers),
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=REPO, env=env, stdout=log, stderr=log, start_new_session=True,
        )  # fmt: skip
        root = f"http://127.0.0.1:{port}"
        wait_for(root + "/healthz", 180)  # a busy machine starts workers slowly
        print(
            f"gunicorn: {args.workers} sync workers; {os.cpu_count()} cores shared with wrk "
            f"(1 thread); {args.clients} signed-in users per page, {args.seconds:g} s each\n"
        )
        print(f"{'person':16} {'page':34} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'failed':>6}")
        rows: list[tuple[str, str, float, float]] = []
        for who in people:
            cookies = who["cookies"]
            assert isinstance(cookies, list)
            script = work / f"{who['username']}.lua"
            script.write_text(REPORT_LUA + ROTATE_LUA.replace("COOKIES", json.dumps(cookies)[1:-1]))
            pages = who["pages"]
            assert isinstance(pages, dict)
            # A landing page is often also a menu link: each address once.
            for path, name in {path: name for name, path in reversed(pages.items())}.items():
                status = status_of(root, path, cookies[0])
                if status != 200 and path in who["menu"]:  # type: ignore[operator]
                    raise SystemExit(f"{who['username']}: {path} answered {status}, not 200")
                if status != 200:  # a step page this person's role does not take
                    print(f"{who['username']:16} {name[:34]:34} answers {status}: not measured")
                    continue
                drive(wrk, script, root + path, args.clients, 1)  # the warm-up
                r = drive(wrk, script, root + path, args.clients, args.seconds)
                label = f"{name} ({path})"[:34]
                print(
                    f"{who['username']:16} {label:34} {r['rps']:>7.1f} {r['p50']:>7.1f} "
                    f"{r['p95']:>7.1f} {r['failures']:>6.0f}",
                    flush=True,
                )
                # No answer within the run is no figure: it counts as failed, never as fast.
                failed = r["failures"] if r["requests"] else float("inf")
                rows.append((str(who["username"]), label, r["p95"], failed))
        met = [row for row in rows if row[2] < TARGET_P95_MS and row[3] == 0]
        print(f"\nTarget: p95 under {TARGET_P95_MS:g} ms and no failed request, per page")
        for username, label, p95, failed in sorted(set(rows) - set(met), key=lambda r: -r[2]):
            why = f"p95 {p95:.1f} ms" if failed != float("inf") else "no answer within the run"
            print(f"NOT MET  {username:16} {label:34} {why}")
        print(f"target met by {len(met)} of {len(rows)} staff pages")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        admin(base, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
