"""What a history means on a given day: the answer of ``evaluate``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from areasend.framework.knowledge import Standing


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
    standing: Standing = Standing.DUE
    #: False for duties never published (engagement meetings): staff see them, the public not.
    public: bool = True

    @property
    def not_recorded(self) -> bool:
        return self.standing is Standing.NOT_RECORDED

    @property
    def late_days(self) -> int | None:
        """Calendar days a done duty came after its due date; None if on time or not done."""
        if self.standing is not Standing.LATE or self.met_on is None:
            return None
        return (self.met_on - self.due).days

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "what": self.what,
            "who": str(self.who),
            "due": self.due.isoformat(),
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "overdue": self.overdue,
            "standing": str(self.standing),
            "late_days": self.late_days,
            "public": self.public,
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

    @property
    def public_obligations(self) -> tuple[Obligation, ...]:
        """What the public may read: never an unpublished duty (engagement meetings)."""
        return tuple(o for o in self.obligations if o.public)

    @property
    def public_upcoming(self) -> tuple[Obligation, ...]:
        """Public duties not yet done that the record can vouch for (due or overdue)."""
        return tuple(
            o for o in self.public_obligations if o.standing in (Standing.DUE, Standing.OVERDUE)
        )

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
