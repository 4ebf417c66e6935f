"""``evaluate(history, today)``: where an area stands, what is due, what may come next.

The history is replayed event by event (``replay``) into a small model
(``model``): the area's inspections, and its *cycles* (a full inspection with
its plans, revisits or monitoring inspections, DfE/NHSE visits and notices,
until the next full inspection supersedes it). Two tables in ``tables`` drive
the replay:

- ``PHASE_ALLOWS``: which events of one inspection may follow in each of its
  phases (notified, fieldwork, awaiting its letter, reported);
- ``ALLOWS``: which area events each state allows.

An event refused by either (``gates``), or by a rule's finer check, is a
``Problem`` naming its line and the rule; all of them are raised together as a
``HistoryError``. Obligations are then derived from the model by small builders
(``obligations``), each naming the rule it comes from; ``follow_ups``,
``monitored`` and ``plans`` answer from the same replay. Someone changing a rule edits
``tables``. docs/framework-engine.md has the state diagram and the parameter table.
"""

from areasend.framework.evaluate.answer import evaluate, state_label
from areasend.framework.evaluate.follow_ups import FollowUp, follow_up
from areasend.framework.evaluate.monitored import Monitoring, monitoring
from areasend.framework.evaluate.plans import RequiredPlan, required_plans
from areasend.framework.evaluate.replay import chronology
from areasend.framework.evaluate.tables import (
    ALLOWS,
    DUTIES,
    INSPECTION_SCOPED,
    JUDGED_PLANS,
    PHASE_ALLOWS,
    PHASE_STATES,
    PLAN_RULES,
    PUBLICATION,
    REFUSES,
    RESUMES,
    STATES,
    UNRECORDED_LABELS,
    VALID_OUTCOMES,
    Duty,
)

__all__ = [
    "ALLOWS",
    "DUTIES",
    "INSPECTION_SCOPED",
    "JUDGED_PLANS",
    "PHASE_ALLOWS",
    "PHASE_STATES",
    "PLAN_RULES",
    "PUBLICATION",
    "REFUSES",
    "RESUMES",
    "STATES",
    "UNRECORDED_LABELS",
    "VALID_OUTCOMES",
    "Duty",
    "FollowUp",
    "Monitoring",
    "RequiredPlan",
    "chronology",
    "evaluate",
    "follow_up",
    "monitoring",
    "required_plans",
    "state_label",
]
