"""What is due as a work list: the steps waiting on a person, each linking to where it is done,
offered only to those who may take it, and the filters and counts above the table."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from areasend.accounts.models import Person
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.framework.evaluate.tables import DUTIES
from areasend.framework.events import PlanKind
from areasend.framework.status import Obligation, Party
from areasend.improvement import services as plans
from areasend.improvement.models import Plan
from areasend.inspections import services as s
from areasend.inspections.models import Inspection
from areasend.letters.models import LetterImport
from areasend.letters.services import do_import_letter
from areasend.staff.worklist import (
    PLAN_DECISION_RULE,
    Filters,
    Kind,
    WorkRow,
    kind_of,
    narrow,
    work_list,
)
from tests.improvement.conftest import Load
from tests.letters.synthetic import as_text, letter_2016
from tests.queries import queries_for

D = dt.date
People = dict[str, Person]
REASON = "The director of children's services starts a new post that week."


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def _page(person: Person, query: str = "") -> str:
    response = _client(person).get(f"/due/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _kinds(person: Person) -> dict[Kind, list[WorkRow]]:
    rows: dict[Kind, list[WorkRow]] = {}
    for row in work_list(person.user, clock.today()):
        rows.setdefault(row.kind, []).append(row)
    return rows


@pytest.fixture
def deferral(medway_revisit: Inspection, people: People) -> Inspection:
    s.do_request_deferral(
        people["medway"].user, medway_revisit, requested_on=D(2019, 11, 26), reason=REASON
    )
    return medway_revisit


@pytest.fixture
def submitted(people: People, load: Load) -> Plan:
    medway = load("medway.jsonl", D(2018, 2, 8), None)
    officer = people["medway"].user
    plan = plans.do_start_plan(officer, medway, PlanKind.WSOA)
    for weakness in plan.weaknesses.all():
        plans.do_add_action(officer, weakness, description="Act", owner="Medway Council",
                            success_measures="Better", started_on=D(2018, 3, 1))  # fmt: skip
    return plans.do_submit_plan(officer, plan, on=D(2018, 5, 1))


def test_a_pending_deferral_is_the_planners_to_decide_and_links_to_the_decision(
    deferral: Inspection, people: People
) -> None:
    href = reverse("inspections:deferral_decision", args=[deferral.reference])
    [row] = _kinds(people["planner"])[Kind.DEFERRALS]
    assert (row.href, row.since, row.due, row.area) == (href, D(2019, 11, 26), None, deferral.area)
    page = _page(people["planner"])
    assert f'href="{href}"' in page and "waiting since 26 November 2019" in page
    # The area asked and the lead leads the revisit: neither may decide, neither is offered it.
    for who in ("medway", "lead"):
        assert Kind.DEFERRALS not in _kinds(people[who])
        assert href not in _page(people[who])
    s.do_decide_deferral(
        people["planner"].user, deferral, decided_on=D(2019, 11, 28), granted=False,
        reason="Revisits are not normally deferred.",
    )  # fmt: skip
    assert Kind.DEFERRALS not in _kinds(people["planner"])


def test_a_submitted_plan_waits_for_a_judgement_from_those_who_may_judge(
    submitted: Plan, people: People
) -> None:
    href = reverse("improvement:plan", args=[submitted.pk])
    for who in ("planner", "lead"):
        [row] = _kinds(people[who])[Kind.JUDGEMENTS]
        assert (row.href, row.since, row.area) == (href, D(2018, 5, 1), submitted.area)
        assert "Judge whether the written statement of action is fit for purpose" in _page(
            people[who]
        )
    assert Kind.JUDGEMENTS not in _kinds(people["medway"])
    plans.do_judge_plan(people["planner"].user, submitted, on=D(2018, 5, 22), fit=True,
                        reasons="Fit")  # fmt: skip
    assert Kind.JUDGEMENTS not in _kinds(people["planner"])


def test_the_duty_to_decide_a_plan_and_the_plan_waiting_for_it_are_one_row(
    submitted: Plan, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    from areasend.inspections.due import DueRow
    from areasend.staff import worklist

    decide = DUTIES["wsoa_decide"]
    due = D(2018, 5, 22)
    duty = Obligation(decide.rule, decide.what, Party.INSPECTORATE, due, None, overdue=True,
                      inspection=submitted.inspection)  # fmt: skip
    other = Obligation(decide.rule, decide.what, Party.INSPECTORATE, due, None, overdue=True,
                       inspection="medway-2014")  # fmt: skip
    rows = [DueRow(submitted.area, duty, "/areas/medway/"),
            DueRow(submitted.area, other, "/areas/medway/")]  # fmt: skip
    monkeypatch.setattr(worklist, "obligations_for", lambda user, today: rows)
    listed = work_list(people["planner"].user, clock.today())
    decisions = [r for r in listed if r.rule == PLAN_DECISION_RULE]
    # The submitted plan's duty becomes its judgement row: the plan's page, the duty's date.
    [merged] = [r for r in decisions if r.kind is Kind.JUDGEMENTS]
    href = reverse("improvement:plan", args=[submitted.pk])
    assert (merged.href, merged.due, merged.overdue, merged.since) == (
        href,
        due,
        True,
        D(2018, 5, 1),
    )
    # A duty about another letter's plan stays as the framework gave it.
    assert sorted((r.kind.value, r.inspection) for r in decisions) == [
        (Kind.JUDGEMENTS.value, submitted.inspection),
        (Kind.PLANS.value, "medway-2014"),
    ]
    assert len([r for r in listed if r.kind is Kind.JUDGEMENTS]) == 1


def test_a_letter_in_the_review_queue_links_to_its_review_for_reviewers_only(
    people: People,
) -> None:
    imported = do_import_letter(as_text(letter_2016()), "medway.txt")
    assert imported.letter_id is not None
    letter = LetterImport.objects.get(pk=imported.letter_id)
    assert letter.status == LetterImport.Status.NEEDS_REVIEW
    href = reverse("letters:review", args=[letter.pk])
    for who in ("planner", "lead"):
        [row] = _kinds(people[who])[Kind.LETTERS]
        assert row.href == href and "medway.txt" in row.what
        assert f'href="{href}"' in _page(people[who])
    assert Kind.LETTERS not in _kinds(people["medway"])
    assert href not in _page(people["medway"])


def test_the_filters_keep_only_what_is_asked_and_the_counts_follow(
    load: Load, people: People
) -> None:
    for history in ("medway.jsonl", "nottinghamshire.jsonl", "essex.jsonl"):
        load(history, clock.today(), None)
    planner = people["planner"]
    every = work_list(planner.user, clock.today())
    assert every, "the histories leave the inspectorate something due"
    page = _page(planner)
    assert f"{len(every)} to do, {sum(r.overdue for r in every)} overdue" in page
    today = clock.today()
    medway = LocalArea.objects.get(slug="medway")
    asks: list[tuple[str, Filters]] = [
        (f"?area={medway.pk}", Filters(area=medway.pk)),
        (f"?region={medway.region.replace(' ', '+')}", Filters(region=medway.region)),
        ("?overdue=on", Filters(overdue_only=True)),
        ("?within=30", Filters(within_days=30)),
        ("?who=inspectorate", Filters(who=Party.INSPECTORATE)),
        ("?kind=inspections&kind=plans", Filters(kinds=frozenset({Kind.INSPECTIONS, Kind.PLANS}))),
    ]
    for query, filters in asks:
        kept = narrow(every, filters, today).rows
        assert all(filters.keep(r, today) for r in kept) and len(kept) <= len(every), query
        overdue = sum(r.overdue for r in kept)
        assert f"{len(kept)} to do, {overdue} overdue" in _page(planner, query), query
    assert all(r.area == medway for r in narrow(every, Filters(area=medway.pk), today).rows)
    assert all(r.overdue for r in narrow(every, Filters(overdue_only=True), today).rows)
    soon = today + dt.timedelta(days=30)
    assert all(
        r.due is None or r.due <= soon for r in narrow(every, Filters(within_days=30), today).rows
    )


def test_engagement_meetings_are_left_out_by_unticking_their_kind(people: People) -> None:
    area = LocalArea.objects.get(slug="medway")
    meeting = WorkRow(Kind.ENGAGEMENT, "Annual engagement meeting", Party.INSPECTORATE, area, "/",
                      due=D(2025, 1, 1), overdue=True, rule="NF-ENG-1")  # fmt: skip
    letter = WorkRow(Kind.INSPECTIONS, "Publish the letter", Party.INSPECTORATE, area, "/",
                     due=D(2025, 2, 1), overdue=True)  # fmt: skip
    others = frozenset(k for k in Kind if k is not Kind.ENGAGEMENT)
    listed = narrow([meeting, letter], Filters(kinds=others), D(2026, 1, 1))
    assert listed.rows == [letter] and listed.by_kind == [(Kind.INSPECTIONS, 1)]
    # Unbound, every kind is ticked, so one untick leaves them out.
    page = _page(people["planner"])
    assert re.search(r'value="engagement" checked', page)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?within=soon", "Enter the number of days as a whole number from 0 to 3650"),
        ("?within=-1", "Enter the number of days as a whole number from 0 to 3650"),
        ("?kind=everything", "Select a valid choice"),
        ("?area=999999", "Select a valid choice"),
    ],
)
def test_a_filter_that_makes_no_sense_is_named_and_no_list_is_shown(
    people: People, query: str, message: str
) -> None:
    response = _client(people["planner"]).get(f"/due/{query}")
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body and message in body
    assert "to do," not in body


def test_dates_are_shown_the_gov_uk_way(deferral: Inspection, people: People) -> None:
    page = _page(people["lead"])
    due = re.findall(r'<td class="govuk-table__cell">(\d{1,2} [A-Z][a-z]+ \d{4})', page)
    assert due, "the lead has duties with dates"
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page.split("<table", 1)[1])


def test_the_page_runs_as_many_queries_for_twice_the_rows(people: People, load: Load) -> None:
    planner = people["planner"]

    def grow(history: str, name: str) -> None:
        load(history, clock.today(), None)
        do_import_letter(as_text(letter_2016(area=name)), f"{name}.txt")

    grow("medway.jsonl", "Medway")
    one = queries_for(_client(planner), "/due/")
    rows = len(work_list(planner.user, clock.today()))
    grow("essex.jsonl", "Essex")
    grow("kent.jsonl", "Kent")
    assert len(work_list(planner.user, clock.today())) >= 2 * rows
    assert queries_for(_client(planner), "/due/") == one


def test_only_people_who_see_what_is_due_reach_the_page(people: People) -> None:
    assert _client(people["admin"]).get("/due/").status_code == 403
    assert Client().get("/due/").status_code == 302


@pytest.mark.parametrize(
    ("rule", "who", "kind"),
    [
        ("NF-ENG-1", Party.INSPECTORATE, Kind.ENGAGEMENT),
        ("OF-WSOA-5", Party.INSPECTORATE, Kind.PLANS),
        ("OF-WSOA-3", Party.LOCAL_AREA, Kind.PLANS),
        ("OF-WSOA-8", Party.DFE_NHSE, Kind.MEETINGS),
        ("OF-WSOA-9", Party.INSPECTORATE, Kind.INSPECTIONS),
        ("RV-2", Party.INSPECTORATE, Kind.INSPECTIONS),
    ],
)
def test_each_duty_of_the_framework_has_its_kind(rule: str, who: Party, kind: Kind) -> None:
    duty = next(d for d in DUTIES.values() if d.rule == rule and d.who == who)
    ob = Obligation(duty.rule, duty.what, duty.who, D(2026, 1, 1), None, False)
    assert kind_of(ob) is kind


def test_a_long_list_is_paged_with_its_counts_of_every_row_and_its_filters_kept(
    load: Load, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    from areasend.staff import views

    for history in ("medway.jsonl", "nottinghamshire.jsonl", "essex.jsonl"):
        load(history, clock.today(), None)
    planner = people["planner"]
    rows = [r for r in work_list(planner.user, clock.today()) if r.kind is not Kind.ENGAGEMENT]
    assert len(rows) > 3, "the histories leave the inspectorate several things due"
    monkeypatch.setattr(views, "WORK_PAGE_SIZE", 2)
    kinds = "".join(f"&kind={k.value}" for k in Kind if k is not Kind.ENGAGEMENT)
    links: list[str] = []
    pages = -(-len(rows) // 2)
    for number in range(1, pages + 1):
        page = _page(planner, f"?page={number}{kinds}")
        # The counts are of every row the filters keep, on every page.
        assert f"{len(rows)} to do, {sum(r.overdue for r in rows)} overdue" in page
        assert f"Showing {2 * number - 1} to {min(2 * number, len(rows))} of {len(rows)}" in page
        table = page.split("<tbody", 1)[1].split("</tbody>", 1)[0]
        assert table.count("<tr") == min(2, len(rows) - 2 * (number - 1))
        links += re.findall(r'<a class="govuk-link" href="([^"]+)">', table)
        assert ('rel="next"' in page) == (number < pages)
        assert ('rel="prev"' in page) == (number > 1)
        # Each page link keeps the filters: engagement meetings stay left out.
        for href in re.findall(r'govuk-pagination__link" href="([^"]+)"', page):
            assert "kind=inspections" in href.replace("&amp;", "&"), href
    # Every row is on exactly one page, in the list's order.
    assert links == [r.href for r in rows]
