"""Survey responses: anonymous, one row per response.

A row holds no IP address, cookie, account or name, and only the day it was sent: the day is
enough to count responses by day, and a time of day would help match a response to a person
(docs/decisions/0039-notice-week-surveys.md). Responses are deleted under ops.retention once
the letter is published and the retention period has passed; the counts stay in the evidence
record.
"""

from __future__ import annotations

from django.db import models

from areasend.inspections.models import Inspection
from areasend.surveys.questions import Kind


class SurveyResponse(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="survey_responses"
    )
    kind = models.CharField(max_length=24, choices=[(k.value, k.value) for k in Kind])
    submitted_on = models.DateField()
    # Question key -> the choice or the text given; unanswered questions are left out.
    answers = models.JSONField(default=dict)
    # From the signed submission token: the same form sent twice is stored once.
    nonce = models.CharField(max_length=64, unique=True)

    class Meta:
        indexes = [models.Index(fields=["inspection", "kind", "submitted_on"])]

    def __str__(self) -> str:
        return f"{self.kind} response to {self.inspection_id} on {self.submitted_on}"


class AnswerTags(models.Model):
    """The themes a team member gave one free-text answer (register.themes' slugs).

    A row of its own, not a field of the response: sending a response stays one insert, and
    the audit entry for a tagging copies the themes, never the answer's text. It goes with its
    response under retention."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="tags")
    question = models.CharField(max_length=40)
    themes = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_tag_set_per_answer")
        ]

    def __str__(self) -> str:
        return f"Themes of answer {self.question} in response {self.response_id}"
