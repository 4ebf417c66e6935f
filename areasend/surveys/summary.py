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
from areasend.register.themes import LABELS
from areasend.surveys.models import AnswerTags, SurveyResponse
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
class Answer:
    response: int
    question: str
    text: str
    #: Theme slugs (register.themes), as the team tagged it.
    themes: list[str]

    @property
    def labels(self) -> list[str]:
        return [LABELS[slug] for slug in self.themes if slug in LABELS]


@dataclass(frozen=True)
class Texts:
    question: str
    answers: list[Answer]


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


def _written(
    responses: list[tuple[int, dict[str, str]]],
    key: str,
    tagged: dict[tuple[int, str], list[str]],
) -> list[Answer]:
    return [Answer(pk, key, a[key], tagged.get((pk, key), [])) for pk, a in responses if key in a]


def _shown(answer: Answer, search: str, theme: str) -> bool:
    return (not search or search.casefold() in answer.text.casefold()) and (
        not theme or theme in answer.themes
    )


def summarise(inspection: Inspection, *, search: str = "", theme: str = "") -> Summary:
    """Everything, or with the free-text answers narrowed to those containing ``search``
    (ignoring case) and tagged ``theme``; the counts and tables are never narrowed."""
    surveys = bank(inspection.framework) or {}
    rows = list(
        SurveyResponse.objects.filter(inspection=inspection)
        .order_by("submitted_on", "pk")
        .values_list("pk", "kind", "submitted_on", "answers")
    )
    tagged = {
        (r, q): t
        for r, q, t in AnswerTags.objects.filter(response__inspection=inspection).values_list(
            "response", "question", "themes"
        )
    }
    search = search.strip()
    by_day: dict[dt.date, Counter[Kind]] = {}
    for _, kind, day, _ in rows:
        by_day.setdefault(day, Counter())[Kind(kind)] += 1
    out = []
    for kind, survey in surveys.items():
        responses = [(pk, a) for pk, k, _, a in rows if k == kind]
        answers = [a for _, a in responses]
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
            Texts(
                q.text,
                [
                    answer
                    for answer in _written(responses, q.key, tagged)
                    if _shown(answer, search, theme)
                ],
            )
            for q in survey.questions
            if q.is_free_text
        ]
        out.append(SurveySummary(kind, AUDIENCE[kind], len(answers), suppressed, tables, texts))
    days = [(day, {k: c[k] for k in Kind}) for day, c in sorted(by_day.items())]
    return Summary(out, days)
