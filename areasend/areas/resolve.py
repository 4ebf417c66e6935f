"""Resolve an area from a code or a name as published, at a date.

Letters, spreadsheets and people write "Bristol", "City of Bristol",
"Bristol, City of" or "Hull"; councils merge, split and are recoded. A
resolver answers with exactly one area valid on the given day, or raises
``AreaLookupError`` that lists the candidates so a person can choose.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from areasend.casework import clock

# Words that decorate a council's name without telling areas apart.
_NOISE = {
    "council", "county", "city", "of", "borough", "london", "royal", "metropolitan",
    "district", "the", "and", "local", "authority", "area", "partnership", "send", "lb",
}  # fmt: skip
_CODE = re.compile(r"^(E\d{8}|\d{3})$", re.IGNORECASE)
#: A fuzzy match is taken only when it is this good and clearly ahead of the next area.
FUZZY_ACCEPT = 88.0
FUZZY_MARGIN = 6.0


def normalise(name: str) -> str:
    text = name.lower().replace("&", " and ").replace("st.", "st ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(text.split())


def core(name: str) -> str:
    """The distinguishing words of a name; the whole name when nothing else is left."""
    normal = normalise(name)
    words = [w for w in normal.split() if w not in _NOISE]
    return " ".join(words) or normal


@dataclass(frozen=True)
class AreaRecord:
    gss_code: str
    name: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    names: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()

    def in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def label(self) -> str:
        span = ""
        if self.valid_from or self.valid_to:
            start = self.valid_from.isoformat() if self.valid_from else ""
            end = self.valid_to.isoformat() if self.valid_to else "now"
            span = f", {start} to {end}" if start else f", until {end}"
        return f"{self.name} ({self.gss_code}{span})"


class AreaLookupError(LookupError):
    def __init__(self, message: str, candidates: Iterable[AreaRecord] = ()) -> None:
        self.candidates = tuple(candidates)
        if self.candidates:
            message += "; candidates: " + ", ".join(c.label() for c in self.candidates)
        super().__init__(message)


@dataclass
class AreaDirectory:
    records: list[AreaRecord]
    _by_code: dict[str, AreaRecord] = field(init=False, default_factory=dict)
    _by_key: dict[str, set[str]] = field(init=False, default_factory=dict)
    _by_gss: dict[str, AreaRecord] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for record in self.records:
            self._by_gss[record.gss_code] = record
            for code in (record.gss_code, *record.codes):
                self._by_code[code.upper()] = record
            for name in (record.name, *record.names):
                for key in {normalise(name), core(name)}:
                    self._by_key.setdefault(key, set()).add(record.gss_code)

    def get(self, gss_code: str) -> AreaRecord:
        return self._by_gss[gss_code]

    def resolve(self, query: str, on: dt.date | None = None) -> AreaRecord:
        text = query.strip()
        if not text:
            raise AreaLookupError("an empty area name or code")
        if _CODE.match(text):
            record = self._by_code.get(text.upper())
            if record is None:
                raise AreaLookupError(f"no local area has the code '{text}'")
            return self._at(record, on, text)
        matches = self._by_key.get(normalise(text)) or self._by_key.get(core(text))
        if matches:
            return self._choose([self._by_gss[c] for c in sorted(matches)], on, text)
        return self._fuzzy(text, on)

    def _fuzzy(self, text: str, on: dt.date | None) -> AreaRecord:
        scored = process.extract(core(text), list(self._by_key), scorer=fuzz.WRatio, limit=12)
        best: dict[str, float] = {}
        for key, score, _ in scored:
            for code in self._by_key[key]:
                best[code] = max(best.get(code, 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if on is not None:
            ranked = [kv for kv in ranked if self._by_gss[kv[0]].in_force_on(on)] or ranked
        plausible = [self._by_gss[c] for c, s in ranked if s >= 60][:5]
        if not ranked or ranked[0][1] < FUZZY_ACCEPT:
            raise AreaLookupError(f"no local area is called '{text}'", plausible)
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FUZZY_MARGIN:
            raise AreaLookupError(f"'{text}' could be more than one local area", plausible)
        return self._at(self._by_gss[ranked[0][0]], on, text)

    def _choose(self, records: list[AreaRecord], on: dt.date | None, text: str) -> AreaRecord:
        day = on or clock.today()
        in_force = [r for r in records if r.in_force_on(day)]
        if len(in_force) == 1:
            return in_force[0]
        if len(records) == 1:
            return self._at(records[0], on, text)
        raise AreaLookupError(f"'{text}' could be more than one local area on {day}", records)

    def _at(self, record: AreaRecord, on: dt.date | None, text: str) -> AreaRecord:
        if on is None or record.in_force_on(on):
            return record
        if record.valid_from and on < record.valid_from:
            before = [self._by_gss[c] for c in record.predecessors]
            raise AreaLookupError(
                f"'{text}' ({record.name}) did not exist until {record.valid_from}; "
                f"on {on} the area was another council",
                before,
            )
        after = [self._by_gss[c] for c in record.successors]
        if len(after) == 1 and after[0].in_force_on(on):
            return after[0]
        raise AreaLookupError(
            f"'{text}' ({record.name}) ceased on {record.valid_to}; "
            f"on {on} its area belongs to its successors",
            after,
        )


def directory_from_db() -> AreaDirectory:
    """Build a directory from the database: five reads of a few hundred rows, as values (the
    public search builds one on a cache miss, so no model instance per row)."""
    from areasend.areas.models import AreaCode, AreaName, LocalArea

    names: dict[int, list[str]] = defaultdict(list)
    for area_id, name in AreaName.objects.values_list("area_id", "name"):
        names[area_id].append(name)
    codes: dict[int, list[str]] = defaultdict(list)
    for area_id, code in AreaCode.objects.values_list("area_id", "code"):
        codes[area_id].append(code)
    predecessors: dict[int, list[str]] = defaultdict(list)
    successors: dict[int, list[str]] = defaultdict(list)
    links = LocalArea.predecessors.through.objects.values_list(
        "from_localarea_id", "from_localarea__gss_code", "to_localarea_id", "to_localarea__gss_code"
    )
    for later, later_code, earlier, earlier_code in links:
        predecessors[later].append(earlier_code)
        successors[earlier].append(later_code)
    areas = LocalArea.objects.values_list("pk", "gss_code", "name", "valid_from", "valid_to")
    return AreaDirectory(
        [
            AreaRecord(
                gss_code=code,
                name=name,
                valid_from=valid_from,
                valid_to=valid_to,
                names=tuple(names[pk]),
                codes=tuple(codes[pk]),
                predecessors=tuple(predecessors[pk]),
                successors=tuple(successors[pk]),
            )
            for pk, code, name, valid_from, valid_to in areas
        ]
    )
