"""An inspection under way and a plan after a letter, so a newcomer can walk both sides.

Sheffield is notified of a 2023-framework full inspection on the latest
Monday the framework allows (term time), led by the demo lead inspector with
the CQC inspector on the team; Sheffield's demo officer then has the
notice-week checklist to complete, and has recorded Sheffield's Local Offer page, which the
public area page shows with the notice week. Medway, after its 2024 inspection (outcome 2),
has a SEND strategic plan with priorities, actions, updates, a DfE visit and a
report for its improvement board. The plan's content is fictional, like the people.
Idempotent; development only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from areasend.accounts.models import Person
from areasend.areas.local_offer import do_set_local_offer_url
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.casework.errors import CaseworkError
from areasend.framework.events import Framework, InspectionKind, PlanKind
from areasend.improvement import services as improvement
from areasend.improvement.models import Plan, Rag, SupportVisit
from areasend.inspections.models import Inspection, TeamMember
from areasend.inspections.services import do_add_team_member, do_create_inspection

AREA = "sheffield"
#: Sheffield's Local Offer (the Sheffield Directory), as its officer would record it.
LOCAL_OFFER = "https://www.sheffielddirectory.org.uk/localoffer"


class Command(BaseCommand):
    help = "Create a demonstration inspection under way in Sheffield (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Allow with DEBUG off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo casework is for development: DEBUG is off (use --force).")
        call_command("load_demo_people", force=True, stdout=self.stdout)
        self._demo_plan()
        area = LocalArea.objects.get(slug=AREA)
        if Inspection.objects.filter(area=area).exists():
            self.stdout.write("demo inspection: already there")
            return
        lead = Person.objects.get(user__username="lead")
        today = clock.today()
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
            officer = Person.objects.get(user__username="sheffield")
            do_set_local_offer_url(officer.user, area, LOCAL_OFFER)
            self.stdout.write(
                f"demo inspection: {inspection.reference}, notified {day:%A %-d %B %Y}, "
                f"led by {lead}; sign in as 'lead' or 'sheffield' to walk it"
            )
            return
        raise CommandError("No Monday in 20 weeks was allowed: " + "; ".join(refusals[:3]))

    def _demo_plan(self) -> None:
        medway = LocalArea.objects.get(slug="medway")
        if Plan.objects.filter(area=medway).exists():
            self.stdout.write("demo plan: already there")
            return
        try:
            with transaction.atomic():
                self._write_plan(medway)
        except CaseworkError as error:  # a history without Medway's 2024 letter
            self.stdout.write(f"demo plan: not made ({error})")

    def _write_plan(self, medway: LocalArea) -> None:
        officer = Person.objects.get(user__username="medway").user
        dfe = Person.objects.get(user__username="dfe").user
        plan = improvement.do_start_plan(officer, medway, PlanKind.STRATEGIC_PLAN)
        for text, action, owner in DEMO_PRIORITIES:
            priority = improvement.do_add_priority(officer, plan, text=text)
            made = improvement.do_add_action(
                officer, priority, description=action, owner=owner,
                success_measures="Measured each term with the parent carer forum",
                started_on=dt.date(2024, 5, 1),
            )  # fmt: skip
            improvement.do_add_milestone(
                officer, made, what="First review", due=dt.date(2024, 9, 30)
            )
            improvement.do_update_action(
                officer, made, on=dt.date(2024, 10, 1), rag=Rag.AMBER,
                note="Started; first review held a little late", version=made.version,
            )  # fmt: skip
        improvement.do_publish_plan(
            officer, plan, on=dt.date(2024, 7, 1), url="https://example.org/medway-send-strategy"
        )
        improvement.do_record_support_visit(
            dfe, medway, on=dt.date(2024, 10, 15), kind=SupportVisit.Kind.VISIT,
            notes="Reviewed the strategic plan's first term with leaders and the forum.",
        )  # fmt: skip
        improvement.do_create_report(
            officer, plan, as_of=dt.date(2025, 3, 31), audience="SEND improvement board"
        )
        self.stdout.write("demo plan: Medway's SEND strategic plan; sign in as 'medway' or 'dfe'")


#: Fictional priorities, actions and owners for the demonstration plan.
DEMO_PRIORITIES = (
    ("Timely education, health and care needs assessments",
     "Clear the backlog of assessments past 20 weeks", "Medway Council"),
    ("Shorter waits for neurodevelopmental assessment",
     "Commission a second assessment pathway", "NHS Kent and Medway Integrated Care Board"),
)  # fmt: skip
