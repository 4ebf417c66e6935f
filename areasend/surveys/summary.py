"""What the inspection team reads of the surveys: counts by survey and by day, each closed
question as a table with a bar chart beside it (the register's SVG helper, so the chart and
the table always agree), and the free-text answers.

Small numbers are suppressed: a survey with fewer than ``MINIMUM`` responses shows its count
and its free text (which the team reads anyway) but no breakdown of its closed questions, in
which a handful of answers could point to a family.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils.safestring import SafeString

from areasend.inspections.models import Inspection
from areasend.register.catalogue import Column
from areasend.register.charts import bar_chart
from areasend.register.figures import Figure
from areasend.surveys.models import SurveyResponse
from areasend.surveys.questions import AUDIENCE, Kind, bank

MINIMUM = 10


_COLUMNS = (
    Column("answer", "Answer", "string", True),
    Column("responses", "Responses", "integer", True),
)


@dataclass(frozen=True)
class Table:
    #: Unique on the page: the chart's title is labelled by an id made from it.
    slug: str
    question: str
    rows: list[tuple[str, int]]

    @property
    def chart(self) -> SafeString:
        figure = Figure(self.slug, self.question, "", _COLUMNS, list(self.rows), ("responses",))
        return bar_chart(figure)


@dataclass(frozen=True)
class Texts:
    question: str
    answers: list[str]


@dataclass(frozen=True)
class SurveySummary:
    kind: Kind
    audience: str
    count: int
    suppressed: bool
    tables: list[Table]
    texts: list[Texts]


@dataclass(frozen=True)
class Summary:
    surveys: list[SurveySummary]
    days: list[tuple[dt.date, dict[Kind, int]]]

    @property
    def total(self) -> int:
        return sum(s.count for s in self.surveys)


def summarise(inspection: Inspection) -> Summary:
    surveys = bank(inspection.framework) or {}
    rows = list(
        SurveyResponse.objects.filter(inspection=inspection)
        .order_by("submitted_on", "pk")
        .values_list("kind", "submitted_on", "answers")
    )
    by_day: dict[dt.date, Counter[Kind]] = {}
    for kind, day, _ in rows:
        by_day.setdefault(day, Counter())[Kind(kind)] += 1
    out = []
    for kind, survey in surveys.items():
        answers = [a for k, _, a in rows if k == kind]
        suppressed = len(answers) < MINIMUM
        tables = [
            Table(
                f"{kind}-{q.key}",
                q.text,
                [(c, sum(1 for a in answers if a.get(q.key) == c)) for c in q.choices],
            )
            for q in survey.questions
            if q.choices and not suppressed
        ]
        texts = [
            Texts(q.text, [a[q.key] for a in answers if q.key in a])
            for q in survey.questions
            if q.is_free_text
        ]
        out.append(SurveySummary(kind, AUDIENCE[kind], len(answers), suppressed, tables, texts))
    days = [(day, {k: c[k] for k in Kind}) for day, c in sorted(by_day.items())]
    return Summary(out, days)
