"""One gate for every write (issue 14, ADR 0021): through the API as a planner or an
administrator, the letter review queue as a planner, another team's lead or the team's own
lead, and the loaders that management commands run, nothing is published around casework,
nothing is dated after today, the API's source is the server's, a retry adds nothing, and
each write leaves an audit entry naming the person and the channel. Every refusal leaves the
stored data exactly as it was."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from areasend.accounts.models import AuditEntry, Person
from areasend.api.models import IdempotentWrite
from areasend.api.services import do_issue_token
from areasend.areas.event_log import do_import_history
from areasend.areas.models import HistoryEvent, LocalArea
from areasend.framework.events import HistoryError
from areasend.inspections.models import Inspection
from areasend.inspections.services import do_draft_letter, do_publish_letter, do_revise_letter
from areasend.letters.models import LetterImport
from areasend.letters.record import LetterRecord
from areasend.letters.services import corrected, do_confirm_import, do_import_letter
from tests.dates import typed
from tests.dumps import database_dump
from tests.letters.synthetic import as_text, letter_2016
from tests.security.conftest import CANARY

pytestmark = pytest.mark.django_db

MEDWAY = "E06000035"
#: What the API's refusals must leave as it was (the api app's own rows change on every
#: authenticated call: a token's last use).
STORED = ("areas", "inspections", "accounts", "letters", "improvement")


def _after(entry: AuditEntry) -> dict[str, Any]:
    after: dict[str, Any] | None = entry.after
    assert after is not None
    return after


def _newest_audit() -> int:
    # Other modules may leave history loaded for the session: count only what a test adds.
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _stored() -> str:
    return database_dump(*STORED)


def _token(people: dict[str, Person], username: str) -> str:
    return do_issue_token(None, people[username].user, "test", via="test")[1]


def _post(client: Client, token: str, events: list[dict[str, Any]], key: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(
        f"/api/areas/{MEDWAY}/events", json.dumps({"events": events}),
        content_type="application/json", headers=headers,
    )  # fmt: skip


def _letter(reference: str, **fields: Any) -> list[dict[str, Any]]:
    weaknesses = ["a weakness from outside casework"]
    common = {"inspection": reference, "outcome": "wsoa", "weaknesses": weaknesses, **fields}
    return [
        {"date": "2018-01-31", "event": "letter_dated", **common},
        {"date": "2018-02-08", "event": "letter_published", **common},
    ]


def _tomorrow() -> str:
    return (timezone.localdate() + dt.timedelta(days=1)).isoformat()


# -- the API, as a planner and as an administrator --------------------------------------


@pytest.mark.parametrize("role", ["planner", "admin"])
def test_an_api_token_cannot_publish_a_letter_for_an_inspection_run_in_casework(
    client: Client, people: dict[str, Person], casework: Inspection, role: str
) -> None:
    token = _token(people, role)
    before = _stored()
    response = _post(client, token, _letter(casework.reference))
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert {p["line"] for p in problems} == {1, 2}
    assert all("run in casework" in p["message"] for p in problems)
    assert _stored() == before
    # The casework's own step still works afterwards: the lead publishes.
    lead = people["lead"].user
    letter = do_draft_letter(lead, casework)
    do_revise_letter(lead, letter, body=letter.body, version=letter.version, reviewed=True)
    do_publish_letter(lead, casework, dated=dt.date(2018, 1, 31), published_on=dt.date(2018, 2, 8))
    published = HistoryEvent.objects.get(event="letter_published")
    assert published.source == f"casework:{casework.reference}"
    assert published.fields["weaknesses"] == [CANARY]


@pytest.mark.parametrize("role", ["planner", "admin"])
def test_an_api_token_cannot_slip_a_letter_under_another_id_while_casework_runs(
    client: Client, people: dict[str, Person], casework: Inspection, role: str
) -> None:
    token = _token(people, role)
    before = _stored()
    fresh = [
        {"date": "2017-12-04", "event": "fieldwork_started", "inspection": "medway-elsewhere"},
        *_letter("medway-elsewhere"),
    ]
    response = _post(client, token, fresh)
    assert response.status_code == 422
    assert (
        "notified on 27 November 2017 is run in casework"
        in response.json()["problems"][0]["message"]
    )
    assert _stored() == before
    assert CANARY not in client.get(f"/api/areas/{MEDWAY}/history").content.decode()


@pytest.mark.parametrize("role", ["planner", "admin"])
def test_an_api_event_dated_after_today_is_refused(
    client: Client, people: dict[str, Person], role: str
) -> None:
    token = _token(people, role)
    before = _stored()
    planned = {"date": _tomorrow(), "event": "engagement_meeting"}
    response = _post(client, token, [planned])
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert problem["field"] == "date" and "after today" in problem["message"]
    assert _stored() == before


@pytest.mark.parametrize("role", ["planner", "admin"])
def test_the_source_of_an_api_event_is_the_tokens_not_the_callers(
    client: Client, people: dict[str, Person], role: str
) -> None:
    token = _token(people, role)
    before = _stored()
    phishing = {"date": "2024-05-01", "event": "engagement_meeting",
                "source": "https://phishing.example/login"}  # fmt: skip
    response = _post(client, token, [phishing])
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "source"
    assert _stored() == before
    phishing.pop("source")
    assert _post(client, token, [phishing]).status_code == 201
    assert HistoryEvent.objects.get(area__gss_code=MEDWAY).source == f"api:{role}"


@pytest.mark.parametrize("role", ["planner", "admin"])
def test_a_retried_api_write_adds_nothing(
    client: Client, people: dict[str, Person], role: str
) -> None:
    token = _token(people, role)
    visit = {"date": "2024-05-01", "event": "engagement_meeting"}
    assert _post(client, token, [visit]).status_code == 201
    before = _stored()
    # A blind retry: the identical event is refused, not stored twice.
    again = _post(client, token, [visit])
    assert again.status_code == 422 and again.json()["problems"][0]["field"] == "event"
    # Twice in one request: the same.
    other = {"date": "2024-06-03", "event": "engagement_meeting"}
    assert _post(client, token, [other, other]).status_code == 422
    assert _stored() == before
    # With an Idempotency-Key: the first answer again, and nothing written.
    first = _post(client, token, [other], key="sync-42")
    assert first.status_code == 201
    after_first = _stored()
    retry = _post(client, token, [other], key="sync-42")
    assert (retry.status_code, retry.json()) == (201, first.json())
    assert _stored() == after_first
    assert HistoryEvent.objects.filter(area__gss_code=MEDWAY).count() == 2
    # The same key for another request is refused.
    third = {"date": "2024-07-01", "event": "engagement_meeting"}
    reused = _post(client, token, [third], key="sync-42")
    assert reused.status_code == 422 and "Idempotency-Key" in reused.json()["detail"]
    assert _stored() == after_first and IdempotentWrite.objects.count() == 1


@pytest.mark.parametrize("role", ["planner", "admin"])
def test_an_api_write_is_audited_naming_the_person_and_the_token(
    client: Client, people: dict[str, Person], role: str
) -> None:
    token, plain = do_issue_token(None, people[role].user, "nightly sync", via="test")
    visit = {"date": "2024-05-01", "event": "engagement_meeting"}
    assert _post(client, plain, [visit]).status_code == 201
    entry = AuditEntry.objects.filter(action="record_events").get()
    assert entry.actor == people[role].user
    assert entry.via == f"API token #{token.pk} 'nightly sync'"
    assert entry.area == LocalArea.objects.get(gss_code=MEDWAY)
    assert _after(entry)["channel"] == "api" and _after(entry)["source"] == f"api:{role}"
    assert _after(entry)["events"][0]["event"] == "engagement_meeting"
    assert plain not in json.dumps(entry.after) + entry.via


# -- the letter review queue -------------------------------------------------------------


def _imported() -> tuple[LetterImport, LetterRecord]:
    do_import_letter(as_text(letter_2016()), "medway.txt")
    letter = LetterImport.objects.get()
    return letter, corrected(
        LetterRecord.from_json(letter.record), publication_date=dt.date(2018, 2, 8)
    )


@pytest.mark.parametrize("reviewer", ["planner", "lead-other", "lead"])
def test_no_reviewer_confirms_a_letter_onto_an_inspection_run_in_casework(
    people: dict[str, Person], casework: Inspection, reviewer: str
) -> None:
    """Another team's lead, a planner, and even the team's own lead: the casework publishes
    its own letter, so the queue cannot publish one around it."""
    letter, record = _imported()
    before = database_dump()
    with pytest.raises(HistoryError, match="run in casework"):
        do_confirm_import(letter, record, by=people[reviewer].user, notified=dt.date(2017, 11, 27))
    assert database_dump() == before


def test_the_review_page_refuses_a_letter_for_casework_and_shows_why(
    client: Client, people: dict[str, Person], casework: Inspection
) -> None:
    letter, _ = _imported()
    client.force_login(people["lead-other"].user)
    before = database_dump()
    dates = {"inspection_start": "2017-12-04", "inspection_end": "2017-12-08",
             "letter_date": "2018-01-31", "publication_date": "2018-02-08",
             "notified": "2017-11-27"}  # fmt: skip
    form = {
        "action": "confirm", "kind": "2016_full", "area": "Medway", "outcome": "wsoa",
        "weaknesses": "a weakness", "improvements": "", "progress": "", **typed(dates),
    }  # fmt: skip
    response = client.post(reverse("letters:review", args=[letter.pk]), form)
    assert response.status_code == 400
    assert "run in casework" in response.content.decode()
    assert database_dump() == before


@pytest.mark.parametrize("reviewer", ["planner", "lead-other", "lead"])
def test_a_letter_published_after_today_is_not_confirmed(
    people: dict[str, Person], reviewer: str
) -> None:
    letter, record = _imported()
    record = corrected(record, publication_date=timezone.localdate() + dt.timedelta(days=30))
    before = database_dump()
    with pytest.raises(HistoryError, match="after today"):
        do_confirm_import(letter, record, by=people[reviewer].user, notified=dt.date(2017, 11, 27))
    assert database_dump() == before


@pytest.mark.parametrize("who", ["inspector", "medway", "dfe"])
def test_only_roles_the_table_allows_confirm_a_letter(people: dict[str, Person], who: str) -> None:
    letter, record = _imported()
    before = database_dump()
    with pytest.raises(PermissionDenied):
        do_confirm_import(letter, record, by=people[who].user, notified=dt.date(2017, 11, 27))
    assert database_dump() == before


@pytest.mark.parametrize("reviewer", ["planner", "lead-other"])
def test_a_confirmation_is_audited_naming_the_reviewer_and_the_queue(
    people: dict[str, Person], reviewer: str
) -> None:
    letter, record = _imported()
    start = _newest_audit()
    do_confirm_import(letter, record, by=people[reviewer].user, notified=dt.date(2017, 11, 27))
    entry = AuditEntry.objects.get(action="import_history", pk__gt=start)
    assert entry.actor == people[reviewer].user and entry.via == "letter review queue"
    assert _after(entry)["channel"] == "letter review"
    assert [e["event"] for e in _after(entry)["events"]][-1] == "letter_published"


# -- the loaders that management commands run ----------------------------------------------


def test_a_loaded_history_cannot_write_around_casework(casework: Inspection) -> None:
    before = database_dump()
    lines = [json.dumps({"area": MEDWAY, **e}) for e in _letter(casework.reference)]
    with pytest.raises(HistoryError, match="run in casework"):
        do_import_history("\n".join(lines), source="a file")
    assert database_dump() == before
    medway = list(HistoryEvent.objects.filter(area__gss_code=MEDWAY).values_list("pk", "event"))
    with pytest.raises(CommandError, match="run in casework"):
        # The shipped demonstration histories hold Medway's real 2017 letter; each file is
        # its own import, so the files before Medway's are loaded and Medway's is refused.
        call_command("load_demo", stdout=io.StringIO())
    assert list(HistoryEvent.objects.filter(area__gss_code=MEDWAY).values_list("pk", "event")) == (
        medway
    )
    assert CANARY not in json.dumps(list(HistoryEvent.objects.values_list("fields", flat=True)))


def test_a_loaded_history_dated_after_today_is_refused(db: None) -> None:
    before = database_dump()
    line = json.dumps({"area": MEDWAY, "date": _tomorrow(), "event": "engagement_meeting"})
    with pytest.raises(HistoryError, match="after today"):
        do_import_history(line, source="a file")
    assert database_dump() == before


def test_a_loaded_history_is_audited_naming_the_command(db: None) -> None:
    start, stored = _newest_audit(), HistoryEvent.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    entries = AuditEntry.objects.filter(action="import_history", pk__gt=start)
    assert entries.exists() and {e.via for e in entries} == {"manage.py load_demo"}
    assert all(e.actor is None and len(_after(e)["events"]) > 0 for e in entries)
    added = HistoryEvent.objects.count() - stored
    assert added > 0 and sum(len(_after(e)["events"]) for e in entries) == added


# -- casework itself -----------------------------------------------------------------------


def test_casework_writes_through_the_same_gate_and_is_audited(
    people: dict[str, Person], casework: Inspection
) -> None:
    entries = AuditEntry.objects.filter(action="record_events", area=casework.area)
    assert [_after(e)["events"][0]["event"] for e in entries.order_by("pk")] == [
        "inspection_notified", "fieldwork_started", "fieldwork_ended",
    ]  # fmt: skip
    assert {(e.actor, e.via, _after(e)["channel"]) for e in entries} == {
        (people["lead"].user, "casework", "casework")
    }
