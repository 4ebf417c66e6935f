"""python manage.py plan_programme [--from DATE] --weeks N [--teams FILE] [--json | --store]

``--store`` computes the plan now, as the worker would, and stores it for the planner page
(``make run`` does this, so the page shows a plan straight away).
"""

from __future__ import annotations

import datetime as dt
import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.casework import clock
from areasend.casework.errors import CaseworkError
from areasend.planner import jobs, services
from areasend.planner.models import ComputedPlan
from areasend.planner.problem import summarise
from areasend.planner.tasks import run_plan


class Command(BaseCommand):
    help = "Plan the inspection programme from the stored histories, check it and print it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--from", dest="start", type=dt.date.fromisoformat, help="default: today"
        )
        parser.add_argument("--weeks", required=True, type=int)
        parser.add_argument("--teams", type=Path, help="JSON list of teams (docs/planner.md)")
        parser.add_argument("--json", action="store_true", help="print the plan as JSON")
        parser.add_argument(
            "--store", action="store_true", help="store the plan for the planner page"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        options["start"] = options["start"] or clock.today()
        if options["store"]:
            self._store(options["start"], options["weeks"], bool(options["teams"]))
            return
        if not 1 <= options["weeks"] <= 520:
            raise CommandError("--weeks must be between 1 and 520")
        try:
            teams = (
                services.read_teams(options["teams"].read_text("utf-8"))
                if options["teams"]
                else services.DEFAULT_TEAMS
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"--teams: {error}") from error
        proposal = services.propose(options["start"], options["weeks"], teams)
        if proposal.explanation is not None:
            raise CommandError(str(proposal.explanation))
        rows = services.plan_rows(proposal.scenario, proposal.plan)
        summary = summarise(proposal.scenario, proposal.plan)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "start": proposal.scenario.start.isoformat(),
                        "status": proposal.plan.status,
                        "summary": summary.__dict__,
                        "breaches": [str(b) for b in proposal.breaches],
                        "assignments": rows,
                    },
                    indent=2,
                )
            )
        else:
            for row in rows:
                self.stdout.write(
                    f"{row['week_start']}  {row['team']:<8} {row['region']:<38} "
                    f"{row['area']:<30} {row['kind']:<10} due {row['due']}"
                )
            self.stdout.write(
                f"{len(rows)} activities, plan {proposal.plan.status}; total lateness "
                f"{summary.total_lateness} weeks, max {summary.max_lateness}; "
                f"checker: {len(proposal.breaches)} breaches"
            )
        if proposal.breaches:
            raise CommandError(
                "the checker rejected the plan: " + "; ".join(map(str, proposal.breaches))
            )

    def _store(self, start: dt.date, weeks: int, teams: bool) -> None:
        if teams:
            raise CommandError("--store plans for the default teams: leave out --teams")
        try:
            plan = jobs.do_request_plan(None, start=start, weeks=weeks)
        except CaseworkError as error:
            raise CommandError(str(error)) from error
        status = run_plan(plan.pk)
        plan.refresh_from_db()
        if status == ComputedPlan.Status.FAILED:
            raise CommandError(f"the plan could not be computed: {plan.error}")
        self.stdout.write(
            f"plan {plan.pk} from {plan.start} for {plan.weeks} weeks: {status}"
            + (f", {len(plan.result['rows'])} activities" if plan.result else "")
        )
