"""The public survey pages work without JavaScript or a cookie; a response needs the form's
signed token, a filled-in honeypot stores nothing, and a client is rate limited. The summary is
for the inspection team only: 404 for everyone else."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from areasend.accounts.models import Person
from areasend.inspections.models import Evidence, Inspection
from areasend.surveys import tokens
from areasend.surveys.models import AnswerTags, SurveyResponse
from areasend.surveys.services import do_submit_survey_response
from tests.otp import force_login_verified

D = dt.date


def url(inspection: Inspection, rest: str = "") -> str:
    return f"/inspections/{inspection.reference}/surveys/{rest}"


def token_in(html: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match, "no submission token in the form"
    return match.group(1)


def send(client: Client, inspection: Inspection, kind: str, answers: dict[str, str]) -> Any:
    page = client.get(url(inspection, f"{kind}/"))
    return client.post(url(inspection, f"{kind}/"), {"token": token_in(page.text), **answers})


def test_a_parent_answers_and_is_told_it_was_received(sheffield: Inspection) -> None:
    client = Client(enforce_csrf_checks=True)
    response = send(client, sheffield, "parents_carers", {"needs_met": "Not very well"})
    assert response.status_code == 302
    assert response["Location"] == url(sheffield, "parents_carers/sent/")
    page = client.get(response["Location"])
    assert "Your answers were received" in page.text
    assert SurveyResponse.objects.get().answers == {"needs_met": "Not very well"}
    assert not client.cookies, "the survey sets no cookie"


def test_each_form_has_its_own_token_and_is_never_cached(sheffield: Inspection) -> None:
    first, second = (Client().get(url(sheffield, "parents_carers/")) for _ in range(2))
    assert token_in(first.text) != token_in(second.text)
    assert "no-store" in first["Cache-Control"]


def test_the_form_states_anonymity_and_the_retention_period(sheffield: Inspection) -> None:
    page = Client().get(url(sheffield, "parents_carers/"))
    assert "This survey is anonymous" in page.text
    assert "deleted 90 days after the inspection letter is published" in page.text
    assert "Up to 1000 characters" in page.text


def test_the_easy_read_version_has_its_own_wording(sheffield: Inspection) -> None:
    page = Client().get(url(sheffield, "children_young_people/?version=easy-read"))
    assert "Do grown-ups listen to you?" in page.text
    standard = Client().get(url(sheffield, "children_young_people/"))
    assert "Do the adults who help you listen to what you want?" in standard.text


def test_personal_data_is_refused_with_the_answers_kept_and_nothing_stored(
    sheffield: Inspection,
) -> None:
    text = "My daughter Amy, aged 7, has waited a year."
    response = send(Client(), sheffield, "parents_carers", {"could_be_better": text})
    assert response.status_code == 400
    html = response.text
    assert "Your answer to \u201cWhat could be better?\u201d looks like it includes" in html
    assert "a person&#x27;s name next to an age" in html
    assert "has waited a year." in html, "the answer is shown again to correct"
    assert not SurveyResponse.objects.exists()


def test_a_post_without_the_form_token_is_refused(sheffield: Inspection) -> None:
    response = Client().post(url(sheffield, "practitioners/"), {"sector": "Health"})
    assert response.status_code == 400
    forged = tokens.issue(sheffield.pk, "practitioners") + "x"
    response = Client().post(url(sheffield, "practitioners/"), {"token": forged})
    assert response.status_code == 400
    assert "not on this site" in response.text
    assert not SurveyResponse.objects.exists()


def test_a_token_for_another_survey_is_refused(sheffield: Inspection) -> None:
    other = tokens.issue(sheffield.pk, "parents_carers")
    response = Client().post(url(sheffield, "practitioners/"), {"token": other})
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_the_same_form_posted_twice_is_stored_once(sheffield: Inspection) -> None:
    client = Client()
    page = client.get(url(sheffield, "practitioners/"))
    data = {"token": token_in(page.text), "sector": "Education"}
    for _ in range(2):
        assert client.post(url(sheffield, "practitioners/"), data).status_code == 302
    assert SurveyResponse.objects.count() == 1


def test_a_filled_in_honeypot_stores_nothing(sheffield: Inspection) -> None:
    client = Client()
    page = client.get(url(sheffield, "practitioners/"))
    data = {"token": token_in(page.text), "website": "http://spam.example"}
    assert client.post(url(sheffield, "practitioners/"), data).status_code == 302
    assert not SurveyResponse.objects.exists()


def test_a_client_over_its_hourly_limit_gets_429(
    sheffield: Inspection, settings: pytest.FixtureRequest
) -> None:
    settings.AREASEND_SURVEY_RESPONSES_PER_CLIENT_PER_HOUR = 2  # type: ignore[attr-defined]
    client = Client()
    for _ in range(2):
        assert send(client, sheffield, "practitioners", {}).status_code == 302
    assert send(client, sheffield, "practitioners", {}).status_code == 429
    assert SurveyResponse.objects.count() == 2


def test_a_closed_survey_shows_no_form(
    sheffield: Inspection, today: Callable[[dt.date], None]
) -> None:
    today(D(2026, 12, 7))
    page = Client().get(url(sheffield, "parents_carers/"))
    assert "The survey closed on 4 December 2026." in page.text
    assert 'name="token"' not in page.text


@pytest.mark.parametrize("status", [Inspection.Status.PLANNED, Inspection.Status.DEFERRED])
def test_no_survey_page_exists_for_a_planned_or_deferred_inspection(
    sheffield: Inspection, status: str
) -> None:
    Inspection.objects.filter(pk=sheffield.pk).update(status=status)
    for rest in ("", "parents_carers/", "poster/", "parents_carers/sent/"):
        assert Client().get(url(sheffield, rest)).status_code == 404


def test_an_unknown_survey_kind_is_404(sheffield: Inspection) -> None:
    assert Client().get(url(sheffield, "governors/")).status_code == 404


def test_the_poster_has_the_short_address_and_a_qr_code_as_svg(
    sheffield: Inspection, settings: pytest.FixtureRequest
) -> None:
    settings.AREASEND_SITE_URL = "https://areasend.example"  # type: ignore[attr-defined]
    page = Client().get(url(sheffield, "poster/"))
    address = f"https://areasend.example{url(sheffield)}"
    assert address in page.text
    assert '<svg role="img" aria-label="QR code for ' + address in page.text


# -- the summary: the inspection team only ------------------------------------------------


def _answers(inspection: Inspection, n: int, kind: str = "parents_carers") -> None:
    for i in range(n):
        answers = {"needs_met": "Quite well", "works_well": f"Answer {i}"}
        if kind != "parents_carers":
            answers = {}
        do_submit_survey_response(inspection, kind, answers, nonce=f"{kind}{i}")


@pytest.mark.parametrize("username", ["lead", "cqc"])
def test_the_team_reads_counts_tables_and_answers(
    sheffield: Inspection, people: dict[str, Person], username: str
) -> None:
    _answers(sheffield, 10)
    client = Client()
    force_login_verified(client, people[username].user)
    page = client.get(url(sheffield, "results/"))
    assert page.status_code == 200
    assert "Parents and carers: 10 responses" in page.text
    assert "Wednesday 2 December" in page.text
    assert "How well are your child&#x27;s needs met by the help they get?" in page.text
    assert "Answer 9" in page.text


def test_each_closed_question_is_a_chart_beside_its_table(
    sheffield: Inspection, people: dict[str, Person]
) -> None:
    _answers(sheffield, 10)
    client = Client()
    force_login_verified(client, people["lead"].user)
    html = client.get(url(sheffield, "results/")).text
    block = html[html.index('id="parents_carers-needs_met"') :]
    block = block[: block.index("</table>")]
    assert '<svg class="app-chart"' in block
    assert 'aria-labelledby="chart-parents_carers-needs_met-title"' in block
    # All ten answered "Quite well": its bar is the full width, its count written beside it.
    assert '<rect x="0.0" y="' in block and 'width="360.0"' in block
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">10</td>' in block


def test_a_survey_with_fewer_than_ten_responses_has_no_breakdown(
    sheffield: Inspection, people: dict[str, Person]
) -> None:
    _answers(sheffield, 9)
    client = Client()
    force_login_verified(client, people["lead"].user)
    page = client.get(url(sheffield, "results/"))
    assert "Fewer than 10 responses: no breakdown" in page.text
    assert "How well are your child&#x27;s needs met" not in page.text
    assert "<svg" not in page.text


@pytest.mark.parametrize("username", ["sheffield", "rotherham", "planner", "admin", "dfe"])
def test_everyone_outside_the_team_gets_404(
    sheffield: Inspection, people: dict[str, Person], username: str
) -> None:
    _answers(sheffield, 10)
    client = Client()
    force_login_verified(client, people[username].user)
    assert client.get(url(sheffield, "results/")).status_code == 404
    assert client.post(url(sheffield, "results/")).status_code == 404
    assert not Evidence.objects.exists()


def test_the_public_gets_no_summary(sheffield: Inspection) -> None:
    _answers(sheffield, 10)
    response = Client().get(url(sheffield, "results/"))
    assert response.status_code in (302, 404)
    assert "Answer 9" not in response.text


def test_the_lead_copies_the_counts_into_the_evidence_record(
    sheffield: Inspection, people: dict[str, Person]
) -> None:
    _answers(sheffield, 3)
    _answers(sheffield, 2, "children_young_people")
    client = Client()
    force_login_verified(client, people["lead"].user)
    assert client.post(url(sheffield, "results/")).status_code == 302
    evidence = Evidence.objects.get(inspection=sheffield)
    assert (evidence.parent_responses, evidence.young_people_responses) == (3, 2)


# -- free-text answers: search and themes, the inspection team only ------------------------


def _one_answer(inspection: Inspection) -> SurveyResponse:
    answers = {"could_be_better": "The wait for speech therapy."}
    return do_submit_survey_response(inspection, "parents_carers", answers, nonce="w1")


def test_the_team_searches_the_written_answers_with_a_get_form(
    sheffield: Inspection, people: dict[str, Person]
) -> None:
    _answers(sheffield, 2)
    client = Client()
    force_login_verified(client, people["lead"].user)
    page = client.get(url(sheffield, "results/"), {"q": "answer 1"})
    assert '<form method="get"' in page.text
    assert 'value="answer 1"' in page.text
    assert "Answer 1" in page.text and "Answer 0" not in page.text


def test_the_team_tags_an_answer_and_filters_by_its_theme(
    sheffield: Inspection, people: dict[str, Person]
) -> None:
    response = _one_answer(sheffield)
    _answers(sheffield, 1)
    client = Client()
    force_login_verified(client, people["cqc"].user)
    tag_url = url(sheffield, f"results/{response.pk}/could_be_better/themes/")
    form = client.get(tag_url)
    assert form.status_code == 200 and "The wait for speech therapy." in form.text
    sent = client.post(tag_url, {"themes": ["waiting_times"]})
    assert sent.status_code == 302
    assert sent["Location"].endswith(f"#answer-{response.pk}-could_be_better")
    page = client.get(url(sheffield, "results/"), {"theme": "waiting_times"})
    assert "Waiting times for assessment</strong>" in page.text
    assert "The wait for speech therapy." in page.text and "Answer 0" not in page.text


def test_an_unknown_theme_is_refused_on_the_page_and_changes_nothing(
    sheffield: Inspection, people: dict[str, Person]
) -> None:
    response = _one_answer(sheffield)
    client = Client()
    force_login_verified(client, people["lead"].user)
    tag_url = url(sheffield, f"results/{response.pk}/could_be_better/themes/")
    page = client.post(tag_url, {"themes": ["made_up"]})
    assert page.status_code == 400
    assert "There is no theme \u201cmade_up\u201d." in page.text
    assert not AnswerTags.objects.exists()


def test_an_answer_not_given_or_of_another_inspection_is_404(
    sheffield: Inspection, people: dict[str, Person]
) -> None:
    response = _one_answer(sheffield)
    client = Client()
    force_login_verified(client, people["lead"].user)
    assert (
        client.get(url(sheffield, f"results/{response.pk}/works_well/themes/")).status_code == 404
    )
    assert (
        client.get(url(sheffield, f"results/{response.pk + 1}/works_well/themes/")).status_code
        == 404
    )


@pytest.mark.parametrize("username", ["sheffield", "rotherham", "planner", "admin", "dfe"])
def test_tagging_is_404_outside_the_team(
    sheffield: Inspection, people: dict[str, Person], username: str
) -> None:
    response = _one_answer(sheffield)
    client = Client()
    force_login_verified(client, people[username].user)
    tag_url = url(sheffield, f"results/{response.pk}/could_be_better/themes/")
    assert client.get(tag_url).status_code == 404
    assert client.post(tag_url, {"themes": ["waiting_times"]}).status_code == 404
    assert client.get(url(sheffield, "results/"), {"q": "wait"}).status_code == 404
    assert not AnswerTags.objects.exists()


def test_the_public_cannot_tag(sheffield: Inspection) -> None:
    response = _one_answer(sheffield)
    tag_url = url(sheffield, f"results/{response.pk}/could_be_better/themes/")
    answer = Client().post(tag_url, {"themes": ["waiting_times"]})
    assert answer.status_code in (302, 404)
    assert not AnswerTags.objects.exists()
