"""Sending an answer costs one insert: no page of the survey reads the responses, and the
request does no other write (issue 19: thousands of answers arrive in an evening)."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from areasend.inspections.models import Inspection
from areasend.surveys.models import SurveyResponse
from tests.surveys.test_views import token_in, url


def test_sending_an_answer_is_one_insert_and_reads_no_response(sheffield: Inspection) -> None:
    client = Client()
    page = client.get(url(sheffield, "parents_carers/"))
    answers = {"token": token_in(page.text), "needs_met": "Quite well"}
    with CaptureQueriesContext(connection) as queries:
        sent = client.post(url(sheffield, "parents_carers/"), answers)
    assert sent.status_code == 302
    sql = [q["sql"] for q in queries.captured_queries]
    writes = [s for s in sql if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert len(writes) == 1 and "surveys_surveyresponse" in writes[0]
    assert not any('FROM "surveys_surveyresponse"' in s for s in sql)
    assert SurveyResponse.objects.count() == 1
