"""An inspection under way, so a newcomer can walk it from both sides at once.

Sheffield is notified of a 2023-framework full inspection on the latest
Monday the framework allows (term time), led by the demo lead inspector with
the CQC inspector on the team; Sheffield's demo officer then has the
notice-week checklist to complete. Idempotent; development only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from areasend.accounts.models import Person
from areasend.areas.models import LocalArea
from areasend.framework.events import Framework, InspectionKind
from areasend.inspections.models import Inspection, TeamMember
from areasend.inspections.services import CaseworkError, do_add_team_member, do_create_inspection

AREA = "sheffield"


class Command(BaseCommand):
    help = "Create a demonstration inspection under way in Sheffield (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Allow with DEBUG off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo casework is for development: DEBUG is off (use --force).")
        call_command("load_demo_people", force=True, stdout=self.stdout)
        area = LocalArea.objects.get(slug=AREA)
        if Inspection.objects.filter(area=area).exists():
            self.stdout.write("demo inspection: already there")
            return
        lead = Person.objects.get(user__username="lead")
        today = dt.date.today()
        monday = today - dt.timedelta(days=today.weekday())
        refusals = []
        # Walk back week by week to a Monday the framework accepts (term time, no bank holiday).
        for weeks in range(0, 20):
            day = monday - dt.timedelta(weeks=weeks)
            try:
                inspection = do_create_inspection(
                    lead.user,
                    area=area,
                    kind=InspectionKind.FULL,
                    framework=Framework.F2023,
                    notified_on=day,
                )
            except CaseworkError as error:
                refusals.append(f"{day}: {error}")
                continue
            cqc = Person.objects.get(user__username="cqc")
            do_add_team_member(lead.user, inspection, cqc, TeamMember.Role.TEAM)
            self.stdout.write(
                f"demo inspection: {inspection.reference}, notified {day:%A %-d %B %Y}, "
                f"led by {lead}; sign in as 'lead' or 'sheffield' to walk it"
            )
            return
        raise CommandError("No Monday in 20 weeks was allowed: " + "; ".join(refusals[:3]))
