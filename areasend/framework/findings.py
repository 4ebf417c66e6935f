"""What inspectors find, and how a letter is laid out, per framework (data).

2016 (OF-INS-*, OF-LET-1): findings answer the three inspection questions;
the letter gives main findings, then strengths and areas for development
under each question, and, where a WSOA is required, the statutory
determination listing the areas of significant weakness.

2023 (NF-OUT-3, published reports): findings sit under the report's three
sections; areas for priority action arise only with outcome 3 (§4.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from areasend.framework.events import Framework, Outcome


class FindingKind(StrEnum):
    STRENGTH = "strength"
    DEVELOPMENT = "development"
    SIGNIFICANT = "significant"


@dataclass(frozen=True)
class FindingVocabulary:
    #: code → the question (2016) or report section (2023) a finding sits under
    questions: tuple[tuple[str, str], ...]
    #: kind → what this framework calls it
    kinds: tuple[tuple[FindingKind, str], ...]
    #: the outcomes that make significant findings the plan's items
    followed_up_by: frozenset[Outcome]
    #: the letter's heading for the list of significant findings
    significant_heading: str
    rule: str


VOCABULARY: dict[Framework, FindingVocabulary] = {
    Framework.F2016: FindingVocabulary(
        questions=(
            (
                "identify",
                "How effectively does the local area identify children and young "
                "people who have special educational needs and/or disabilities?",
            ),
            (
                "assess_meet",
                "How effectively does the local area assess and meet the needs of "
                "children and young people who have special educational needs and/or disabilities?",
            ),
            (
                "outcomes",
                "How effectively does the local area improve outcomes for children and "
                "young people who have special educational needs and/or disabilities?",
            ),
        ),
        kinds=(
            (FindingKind.STRENGTH, "Strength"),
            (FindingKind.DEVELOPMENT, "Area for development"),
            (FindingKind.SIGNIFICANT, "Area of significant weakness"),
        ),
        followed_up_by=frozenset({Outcome.WSOA}),
        significant_heading="Areas of significant weakness",
        rule="OF-LET-1",
    ),
    Framework.F2023: FindingVocabulary(
        questions=(
            ("experience", "What is it like to be a child or young person with SEND in this area?"),
            ("effective", "What is the area partnership doing that is effective?"),
            ("better", "What does the area partnership need to do better?"),
        ),
        kinds=(
            (FindingKind.STRENGTH, "Strength"),
            (FindingKind.DEVELOPMENT, "Area for improvement"),
            (FindingKind.SIGNIFICANT, "Area for priority action"),
        ),
        followed_up_by=frozenset({Outcome.SYSTEMIC_FAILINGS}),
        significant_heading="Areas for priority action",
        rule="NF-OUT-3",
    ),
}

OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.WSOA: "A written statement of action is required",
    Outcome.NO_WSOA: "No written statement of action is required",
    Outcome.POSITIVE: "The local area partnership's arrangements typically lead to positive "
    "experiences and outcomes for children and young people with SEND",
    Outcome.INCONSISTENT: "The local area partnership's arrangements lead to inconsistent "
    "experiences and outcomes for children and young people with SEND",
    Outcome.SYSTEMIC_FAILINGS: "There are widespread and/or systemic failings leading to "
    "significant concerns about the experiences and outcomes of children and young people "
    "with SEND",
}


def follows_up(framework: Framework, outcome: Outcome) -> bool:
    """Whether the outcome comes with significant findings to follow up.

    OF-WSOA-1: a WSOA is required exactly when inspectors find significant
    weaknesses; §4.4: areas for priority action come only with outcome 3.
    """
    return outcome in VOCABULARY[framework].followed_up_by


def plural_label(label: str) -> str:
    """A heading over several findings of one kind: the head noun takes the plural,
    "Area for development" -> "Areas for development", "Strength" -> "Strengths"."""
    head, _, rest = label.partition(" ")
    return f"{head}s {rest}" if rest else f"{head}s"
