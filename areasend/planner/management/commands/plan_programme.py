"""python manage.py plan_programme --from DATE --weeks N [--teams FILE] [--json]"""

from __future__ import annotations

import datetime as dt
import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.planner import services
from areasend.planner.problem import summarise


class Command(BaseCommand):
    help = "Plan the inspection programme from the stored histories, check it and print it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--from", dest="start", required=True, type=dt.date.fromisoformat)
        parser.add_argument("--weeks", required=True, type=int)
        parser.add_argument("--teams", type=Path, help="JSON list of teams (docs/planner.md)")
        parser.add_argument("--json", action="store_true", help="print the plan as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
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
