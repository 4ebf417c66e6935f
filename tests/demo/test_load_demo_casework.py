"""The demonstration people and inspection that `make run` loads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from areasend.accounts.models import Person, Role
from areasend.framework.events import PlanKind
from areasend.improvement.models import Plan, Rag, SupportVisit
from areasend.inspections.models import Inspection

pytestmark = pytest.mark.django_db


def test_demo_casework_gives_every_role_and_an_inspection_under_way() -> None:
    out = io.StringIO()
    call_command("load_demo_casework", "--force", stdout=out)
    call_command("load_demo_casework", "--force", stdout=out)  # idempotent
    assert {p.role for p in Person.objects.all()} == set(Role.values)
    inspection = Inspection.objects.get()
    assert inspection.area.slug == "sheffield"
    assert inspection.status == Inspection.Status.NOTIFIED
    assert inspection.notified_on is not None and inspection.notified_on.weekday() == 0
    assert {m.person.user.username for m in inspection.team.all()} == {"lead", "cqc"}
    # Sheffield's officer has recorded its Local Offer page, which the notice week links to.
    assert inspection.area.local_offer_url == "https://www.sheffielddirectory.org.uk/localoffer"
    assert "areasend-demo-2026" in out.getvalue()
    assert "already there" in out.getvalue()


def test_demo_casework_gives_medway_a_published_strategic_plan_with_a_report() -> None:
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_casework", "--force", stdout=io.StringIO())
    call_command("load_demo_casework", "--force", stdout=io.StringIO())  # idempotent
    plan = Plan.objects.get(area__slug="medway")
    assert (plan.kind, plan.status) == (PlanKind.STRATEGIC_PLAN, Plan.Status.PUBLISHED)
    assert [w.actions.get().rag for w in plan.weaknesses.all()] == [Rag.AMBER, Rag.AMBER]
    assert plan.reports.get().as_of == dt.date(2025, 3, 31)
    assert SupportVisit.objects.filter(area__slug="medway").count() == 1


def test_demo_people_are_refused_outside_development(settings: object) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo_people", stdout=io.StringIO())
    assert not Person.objects.exists()
