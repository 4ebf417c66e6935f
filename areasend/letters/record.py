"""What a letter says, field by field, each with a confidence and the text it came from.

Unknown stays unknown: a field the parser could not find has value None and
confidence 0, never a placeholder. ``problems`` lists why the record needs a
person to look at it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: Below this a field is shown as weak on the review page.
CONFIDENT = 0.8


class LetterKind(StrEnum):
    FULL_2016 = "2016_full"
    REVISIT_2016 = "2016_revisit"
    FULL_2023 = "2023_full"
    MONITORING_2023 = "2023_monitoring"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def framework(self) -> str:
        return self.value[:4]

    @property
    def inspection_kind(self) -> str:
        return self.value[5:]


_KIND_LABELS = {
    LetterKind.FULL_2016: "2016 framework: inspection outcome letter",
    LetterKind.REVISIT_2016: "2016 framework: revisit letter",
    LetterKind.FULL_2023: "2023 framework: full inspection report",
    LetterKind.MONITORING_2023: "2023 framework: monitoring inspection report",
}


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T | None
    confidence: float = 0.0
    span: tuple[int, int] | None = None

    @property
    def weak(self) -> bool:
        return self.value is None or self.confidence < CONFIDENT

    def as_json(self) -> dict[str, Any]:
        value: Any = self.value
        if isinstance(value, dt.date):
            value = value.isoformat()
        return {
            "value": value,
            "confidence": round(self.confidence, 2),
            "span": list(self.span) if self.span else None,
        }


def unknown() -> Found[Any]:
    return Found(None)


@dataclass(frozen=True)
class Progress:
    weakness: str
    sufficient: bool


@dataclass(frozen=True)
class LetterRecord:
    kind: Found[LetterKind] = field(default_factory=unknown)
    area_name: Found[str] = field(default_factory=unknown)
    area_code: Found[str] = field(default_factory=unknown)
    inspection_start: Found[dt.date] = field(default_factory=unknown)
    inspection_end: Found[dt.date] = field(default_factory=unknown)
    letter_date: Found[dt.date] = field(default_factory=unknown)
    publication_date: Found[dt.date] = field(default_factory=unknown)
    previous_inspection: Found[dt.date] = field(default_factory=unknown)
    outcome: Found[str] = field(default_factory=unknown)
    weaknesses: tuple[Found[str], ...] = ()
    weakness_count: Found[int] = field(default_factory=unknown)
    #: How many weaknesses the letter's own summary says were addressed sufficiently (revisits).
    sufficient_count: Found[int] = field(default_factory=unknown)
    improvements: tuple[Found[str], ...] = ()
    progress: tuple[Found[Progress], ...] = ()
    next_inspection: Found[str] = field(default_factory=unknown)
    monitoring_inspection: Found[str] = field(default_factory=unknown)
    nhs_partners: tuple[Found[str], ...] = ()
    team: tuple[Found[str], ...] = ()
    #: To whom the letter is written, as roles ("Accountable Officer, NHS Medway CCG"), no names.
    addressees: tuple[Found[str], ...] = ()
    problems: tuple[str, ...] = ()

    SCALARS = (
        "kind", "area_name", "area_code", "inspection_start", "inspection_end", "letter_date",
        "publication_date", "previous_inspection", "outcome", "weakness_count",
        "sufficient_count", "next_inspection", "monitoring_inspection",
    )  # fmt: skip
    LISTS = ("weaknesses", "improvements", "progress", "nhs_partners", "team", "addressees")

    def judgements(self) -> list[Progress]:
        return [found.value for found in self.progress if found.value is not None]

    def with_problem(self, problem: str) -> LetterRecord:
        return replace(self, problems=(*self.problems, problem))

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name).as_json() for name in self.SCALARS}
        for name in self.LISTS:
            items = []
            for found in getattr(self, name):
                item = found.as_json()
                if isinstance(found.value, Progress):  # None stays None: a verdict not read
                    item["value"] = {
                        "weakness": found.value.weakness,
                        "sufficient": found.value.sufficient,
                    }
                items.append(item)
            data[name] = items
        data["problems"] = list(self.problems)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LetterRecord:
        def scalar(name: str) -> Found[Any]:
            item = data.get(name) or {}
            value = item.get("value")
            if value is not None and name in _DATES:
                value = dt.date.fromisoformat(value)
            elif value is not None and name == "kind":
                value = LetterKind(value)
            span = item.get("span")
            return Found(value, float(item.get("confidence", 0.0)), tuple(span) if span else None)

        def items(name: str) -> tuple[Found[Any], ...]:
            found = []
            for item in data.get(name) or []:
                value = item["value"]
                if name == "progress" and value is not None:
                    value = Progress(value["weakness"], bool(value["sufficient"]))
                span = item.get("span")
                found.append(Found(value, float(item["confidence"]), tuple(span) if span else None))
            return tuple(found)

        fields: dict[str, Any] = {name: scalar(name) for name in cls.SCALARS}
        fields.update({name: items(name) for name in cls.LISTS})
        return cls(**fields, problems=tuple(data.get("problems") or ()))


_DATES = {
    "inspection_start", "inspection_end", "letter_date", "publication_date", "previous_inspection",
}  # fmt: skip
