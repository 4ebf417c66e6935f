"""What each inspection outcome means for families, in plain words, with where it comes from.

Labels live in ``labels.py`` (``OUTCOME_NAMES``); these are the one-paragraph
explanations a parent reads first on an area page. Each cites the framework.md rules it
restates, so a reader (or a reviewer) can check it says nothing the rules do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from areasend.framework.events import Outcome


@dataclass(frozen=True)
class Meaning:
    text: str
    source: str  # framework.md sections and rule IDs


MEANINGS: Final = MappingProxyType(
    {
        Outcome.WSOA: Meaning(
            "Inspectors found serious problems in how the area supports children and young "
            "people with special educational needs and disabilities (SEND). The council and "
            "the local NHS had to write a plan, called a written statement of action. It says "
            "how they will fix each problem and by when. Inspectors check the plan. The "
            "Department for Education and NHS England then watch how it is carried out.",
            "framework.md §1.5 OF-LET-1, OF-LET-2; §1.6 OF-WSOA-1 to OF-WSOA-8",
        ),
        Outcome.NO_WSOA: Meaning(
            "Inspectors did not find problems serious enough to need a formal plan. The report "
            "still lists what works well and what should get better. The area does not have to "
            "send a written statement of action.",
            "framework.md §1.5 OF-LET-1; §1.6 OF-WSOA-1",
        ),
        Outcome.POSITIVE: Meaning(
            "This is the best of the three outcomes. Inspectors found that children and young "
            "people with special educational needs and disabilities (SEND) usually have good "
            "experiences and results. Where things need to improve, the council and the local "
            "NHS are already acting. The next full inspection is usually within about 5 years.",
            "framework.md §4.4 (outcome 1), NF-OUT-1",
        ),
        Outcome.INCONSISTENT: Meaning(
            "This is the middle of the three outcomes. Inspectors found that children and young "
            "people with SEND have good experiences in some cases but not in others. The "
            "council and the local NHS must work together to improve. They must update their "
            "plan for SEND (the strategic plan). The next full inspection is usually within "
            "about 3 years.",
            "framework.md §4.4 (outcome 2)",
        ),
        Outcome.SYSTEMIC_FAILINGS: Meaning(
            "This is the most serious of the three outcomes. Inspectors found wide or deep "
            "failings that worry them a great deal. The council and the local NHS must act "
            "urgently. They must write a priority action plan saying how they will fix the "
            "most serious problems. Inspectors come back for a monitoring inspection, usually "
            "about 18 months after the report. The next full inspection is usually within "
            "about 3 years.",
            "framework.md §4.4 (outcome 3); §4.5 NF-PLAN-2; §4.6",
        ),
    }
)


def meaning_of(outcome: str) -> Meaning | None:
    """The plain explanation of a stored outcome value, or None for none recorded."""
    try:
        return MEANINGS[Outcome(outcome)]
    except ValueError:
        return None
