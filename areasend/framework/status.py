"""What a history means on a given day: the answer of ``evaluate``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Party(StrEnum):
    """Who an obligation falls on."""

    INSPECTORATE = "Ofsted and CQC"
    LOCAL_AREA = "local area partnership"
    DFE_NHSE = "DfE and NHS England"
    SECRETARY_OF_STATE = "Secretary of State"


@dataclass(frozen=True)
class Obligation:
    rule: str
    what: str
    who: Party
    due: dt.date
    met_on: dt.date | None
    overdue: bool
    inspection: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "what": self.what,
            "who": str(self.who),
            "due": self.due.isoformat(),
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "overdue": self.overdue,
            "inspection": self.inspection,
        }


@dataclass(frozen=True)
class Refusal:
    """An event that may not come next, and the rule that says so."""

    event: str
    reason: str
    rule: str | None = None


@dataclass(frozen=True)
class AreaStatus:
    today: dt.date
    state: str
    state_label: str
    obligations: tuple[Obligation, ...]
    allowed: tuple[str, ...]
    refused: tuple[Refusal, ...]

    @property
    def open_obligations(self) -> tuple[Obligation, ...]:
        return tuple(o for o in self.obligations if o.met_on is None)

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "state": self.state,
            "state_label": self.state_label,
            "obligations": [o.to_json() for o in self.obligations],
            "allowed": list(self.allowed),
            "refused": [
                {"event": r.event, "reason": r.reason, "rule": r.rule} for r in self.refused
            ],
        }
