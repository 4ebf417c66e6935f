"""The question bank, kept as data per framework version (``questions/<framework>.json``) so an
inspectorate can change the questions without changing code. Every question is optional; a
question without choices takes one free-text answer of at most ``free_text_max`` characters."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

BANKS = Path(__file__).parent / "questions"


class Kind(StrEnum):
    PARENTS_CARERS = "parents_carers"
    CHILDREN_YOUNG_PEOPLE = "children_young_people"
    PRACTITIONERS = "practitioners"


#: Who each survey is for, as the pages and the evidence record name them.
AUDIENCE = {
    Kind.PARENTS_CARERS: "parents and carers",
    Kind.CHILDREN_YOUNG_PEOPLE: "children and young people",
    Kind.PRACTITIONERS: "practitioners",
}


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    easy_read: str
    choices: tuple[str, ...]

    @property
    def is_free_text(self) -> bool:
        return not self.choices


@dataclass(frozen=True)
class Survey:
    kind: Kind
    title: str
    intro: str
    easy_read_intro: str
    questions: tuple[Question, ...]
    free_text_max: int

    @property
    def has_easy_read(self) -> bool:
        return bool(self.easy_read_intro)

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


@cache
def bank(framework: str) -> dict[Kind, Survey] | None:
    """The surveys of a framework version, or None if it has none (before 2023 the inspectorate
    ran its own survey outside the service)."""
    path = BANKS / f"{framework}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    limit = int(data["free_text_max"])
    return {
        Kind(kind): Survey(
            kind=Kind(kind),
            title=s["title"],
            intro=s["intro"],
            easy_read_intro=s.get("easy_read_intro", ""),
            questions=tuple(
                Question(q["key"], q["text"], q.get("easy_read", ""), tuple(q.get("choices", ())))
                for q in s["questions"]
            ),
            free_text_max=limit,
        )
        for kind, s in data["surveys"].items()
    }
