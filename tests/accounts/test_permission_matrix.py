"""Every URL by every role and anonymous: allowed, or 403/404, exactly as the table says;
and no page, download or API answer shows an embargoed draft to anyone outside its team.

The URLs are not listed here: the test walks the URL configuration, so a new
page is covered as soon as it exists, and fails until its guard is declared
(a casework ``Action`` on the view, or its namespace in ``PAGE_RULES``).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from areasend.accounts.models import Person
from areasend.accounts.permissions import PAGE_RULES, Action, can
from areasend.areas.models import LocalArea
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.improvement.models import (
    GovernanceReport,
    Milestone,
    Plan,
    PlanAction,
    PlanWeakness,
)
from areasend.inspections import services as s
from areasend.inspections.models import Finding, Inspection, TeamMember
from areasend.letters.services import do_import_letter
from areasend.surveys.models import SurveyResponse
from areasend.surveys.questions import bank
from tests.letters.synthetic import as_text, letter_2016
from tests.otp import force_login_verified

D = dt.date
#: Django's own sign-in and password pages: guarded and tested by Django itself.
DJANGO_AUTH = {
    "login", "logout", "password_change", "password_change_done", "password_reset",
    "password_reset_done", "password_reset_confirm", "password_reset_complete",
}  # fmt: skip


#: Text only the draft holds: no page, download or API answer may show it outside the team.
CANARY = "EMBARGOED-DRAFT-TEXT"
TEAM = {"lead", "cqc"}
ROTHERHAM = "E08000018"


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


@dataclass(frozen=True)
class Page:
    name: str
    route: str
    view: Any
    namespace: str | None


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str = "", ns: str | None = None
) -> Iterator[Page]:
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                yield Page("admin:index", "admin/", None, "admin")
                continue
            yield from _walk(p.url_patterns, prefix + str(p.pattern), p.namespace or ns)
        else:
            yield Page(p.name or "", prefix + str(p.pattern), p.callback, ns)


def _walkthrough(people: dict[str, Person]) -> tuple[Inspection, Inspection, Finding]:
    """A Rotherham inspection under embargo and a published Medway one."""
    lead = people["lead"].user
    draft = s.do_create_inspection(
        lead, area=LocalArea.objects.get(slug="rotherham"), kind=InspectionKind.FULL,
        framework=Framework.F2016, notified_on=D(2021, 6, 28),
    )  # fmt: skip
    s.do_add_team_member(lead, draft, people["cqc"], TeamMember.Role.TEAM)
    s.do_start_fieldwork(lead, draft, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, draft, on=D(2021, 7, 9))
    finding = s.do_add_finding(lead, draft, question="identify", kind="significant", text=CANARY)
    s.do_decide_outcome(lead, draft, outcome=Outcome.WSOA, decided_on=D(2021, 7, 12))
    s.do_draft_letter(lead, draft)
    published = s.do_create_inspection(
        lead, area=LocalArea.objects.get(slug="medway"), kind=InspectionKind.FULL,
        framework=Framework.F2016, notified_on=D(2021, 9, 13),
    )  # fmt: skip
    s.do_start_fieldwork(lead, published, on=D(2021, 9, 20))
    s.do_end_fieldwork(lead, published, on=D(2021, 9, 24))
    s.do_add_finding(lead, published, question="outcomes", kind="strength", text="Good")
    s.do_decide_outcome(lead, published, outcome=Outcome.NO_WSOA, decided_on=D(2021, 9, 27))
    letter = s.do_draft_letter(lead, published)
    s.do_revise_letter(lead, letter, body=letter.body, version=letter.version, reviewed=True)
    s.do_publish_letter(lead, published, dated=D(2021, 11, 1), published_on=D(2021, 11, 8))
    return draft, published, finding


def _plan(area: LocalArea, officer: Person) -> Plan:
    """A plan with an action, a milestone and a report: rows for every improvement page."""
    plan = Plan.objects.create(area=area, kind="wsoa", inspection="rotherham-2021")
    weakness = PlanWeakness.objects.create(plan=plan, position=1, text="Joint commissioning")
    action = PlanAction.objects.create(
        weakness=weakness, description="Act", owner="Council", success_measures="Better",
        started_on=D(2021, 11, 1),
    )  # fmt: skip
    Milestone.objects.create(action=action, what="Board", due=D(2022, 1, 1))
    GovernanceReport.objects.create(
        plan=plan, as_of=D(2022, 1, 1), audience="Cabinet", created_by=officer
    )
    return plan


def _expected(
    user: Any, page: Page, inspection: Inspection | None, area: LocalArea
) -> set[int] | str:
    """The statuses the table allows, or "allowed" for any non-refusal."""
    action: Action | None = getattr(page.view, "action", None)
    if action is not None and getattr(page.view, "area_scoped", False):
        if not user.is_authenticated:
            return {302}
        if can(user, action, area_id=area.pk):
            return "allowed"
        return {403} if can(user, Action.PLAN_VIEW, area_id=area.pk) else {404}
    if action is not None:
        if inspection is None:  # list, create, due: login first, then the table
            if not user.is_authenticated:
                return {302}
            return "allowed" if can(user, action) else {403}
        if can(user, action, inspection=inspection):
            return "allowed"
        see = getattr(page.view, "see", Action.INSPECTION_VIEW)
        return {403} if can(user, see, inspection=inspection) else {404}
    rule = _rule(page)
    assert rule is not None
    if rule == "public":
        # The matrix's inspections are of the 2016 framework, whose surveys ran outside the
        # service: their survey pages do not exist (tests/surveys walks a 2023 one).
        if page.namespace == "surveys" and inspection is not None:
            return "allowed" if bank(inspection.framework) else {404}
        return "allowed"
    if rule == "token":  # the matrix holds no valid token: every guess is refused
        return {404}
    if rule == "bearer":  # a session is not an API token: refused whoever is signed in
        return {401}
    if rule == "signed-in":
        return "allowed" if user.is_authenticated else {302}
    if rule == "staff":
        return "allowed" if user.is_authenticated and user.is_staff else {302}
    if not user.is_authenticated:
        return {302}
    return "allowed" if user.has_perm(rule.removeprefix("perm:")) else {403}


def _rule(page: Page) -> str | None:
    return (
        PAGE_RULES.get(f"{page.namespace}:{page.name}")
        or PAGE_RULES.get(page.namespace or "")
        or PAGE_RULES.get(page.name)
    )


def _url(page: Page, inspection: Inspection | None, pks: dict[str, int]) -> str:
    route = page.route.replace("<slug:ref>", inspection.reference if inspection else "")
    if "<int:pk>" in route:
        route = route.replace("<int:pk>", str(pks[page.namespace or ""]))
    route = route.replace("<slug:slug>", "rotherham").replace("<str:token>", "guessed-token")
    route = route.replace("<gss_code>", ROTHERHAM).replace("<str:kind>", "parents_carers")
    route = route.replace("<slug:inspection>", "rotherham-2021").replace("<slug:plan_kind>", "wsoa")
    for part in ("plan", "report", "weakness", "action", "milestone"):
        route = route.replace(f"<int:{part}>", str(pks[part]))
    if inspection is not None and "<int:response>" in route:
        route = route.replace("<int:response>", str(pks[f"response {inspection.reference}"]))
        route = route.replace("<str:question>", "could_be_better")
    assert "<" not in route, f"the matrix cannot fill in {page.route}"
    return "/" + route


@pytest.mark.django_db
def test_every_url_for_every_role_matches_the_permission_table() -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    people = {p.user.username: p for p in Person.objects.select_related("user")}
    draft, published, finding = _walkthrough(people)
    imported = do_import_letter(as_text(letter_2016()), "medway.txt")
    assert imported.letter_id is not None
    plan = _plan(LocalArea.objects.get(slug="rotherham"), people["rotherham"])
    pks = {
        "inspections": finding.pk,
        "letters": imported.letter_id,
        "plan": plan.pk,
        "report": plan.reports.get().pk,
        "weakness": plan.weaknesses.get().pk,
        "action": PlanAction.objects.get(weakness__plan=plan).pk,
        "milestone": Milestone.objects.get(action__weakness__plan=plan).pk,
    }
    # A written survey answer on each inspection, holding the canary: only the team reads it.
    # Made directly, as the 2016 framework's surveys ran outside the service.
    for surveyed in (draft, published):
        answer = SurveyResponse.objects.create(
            inspection=surveyed,
            kind="parents_carers",
            submitted_on=D(2021, 7, 1),
            answers={"could_be_better": CANARY},
            nonce=f"matrix-{surveyed.reference}",
        )
        pks[f"response {surveyed.reference}"] = answer.pk
    pages = [p for p in _walk(get_resolver().url_patterns) if p.name not in DJANGO_AUTH]
    undeclared = [
        p.route for p in pages
        if getattr(p.view, "action", None) is None and _rule(p) is None
    ]  # fmt: skip
    assert undeclared == [], f"pages with no declared guard: {undeclared}"
    users: list[tuple[str, Any]] = [("anonymous", AnonymousUser())]
    users += [(name, person.user) for name, person in sorted(people.items())]
    checked, mismatches = 0, []
    for label, user in users:
        client = Client()
        if user.is_staff:  # the admin opens only to a session verified with a second factor
            force_login_verified(client, user)
        elif user.is_authenticated:
            client.force_login(user)
        for page in pages:
            targets: list[Inspection | None] = [None]
            if "<slug:ref>" in page.route:
                targets = [draft, published]
            for inspection in targets:
                url = _url(page, inspection, pks)
                with transaction.atomic():
                    response = client.get(url)
                    if response.status_code == 405:  # a POST-only step: post an empty form
                        response = client.post(url)
                    transaction.set_rollback(True)
                expected = _expected(user, page, inspection, plan.area)
                to_login = response.status_code == 302 and response["Location"].startswith(
                    ("/accounts/login/", "/admin/login/")
                )
                status = 302 if to_login else response.status_code
                ok = (
                    status not in (302, 403, 404) or (status == 302 and not to_login)
                    if expected == "allowed"
                    else status in expected
                )
                if not ok:
                    mismatches.append(f"{label} {url}: {response.status_code}, wanted {expected}")
                if label not in TEAM and CANARY.encode() in _body(response):
                    mismatches.append(f"{label} {url}: shows the embargoed draft")
                checked += 1
    assert mismatches == [], "\n".join(mismatches)
    assert checked > 12 * 20  # every role, every page, both inspections


@pytest.mark.django_db
def test_the_permission_doc_is_the_table_in_code() -> None:
    from pathlib import Path

    from areasend.accounts.permissions import render_table

    doc = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
    assert doc.read_text(encoding="utf-8") == render_table(), (
        "docs/permissions.md is stale: run `python manage.py render_permissions`"
    )
