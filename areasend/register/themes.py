"""Weakness themes: a small vocabulary and the keyword rules that assign one to each weakness.

Pure data and one function, documented in docs/register.md. Rules are tried in
order and the first whose pattern matches the weakness text wins, so more
specific themes come before broad ones (an "EHC plan" weakness that mentions
leaders is about plans). Staff correct a wrong assignment with a
ThemeCorrection, which wins over these rules.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

OTHER = "other"


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str
    pattern: re.Pattern[str]


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


#: The vocabulary, in the order the rules are tried.
THEMES: tuple[Theme, ...] = (
    Theme("ehc_plans", "EHC plan quality", _words(
        r"ehc", r"education,? health and care plan", r"statutory assessment", r"annual review",
    )),
    Theme("waiting_times", "Waiting times for assessment", _words(
        r"waiting", r"wait\b", r"waits", r"delays?", r"timel(?:y|iness)", r"backlog",
        r"neurodevelopment", r"autism (?:spectrum disorder )?(?:assessment|diagnos)",
        r"asd pathway",
    )),
    Theme("joint_commissioning", "Joint commissioning", _words(r"commission")),
    Theme("co_production", "Co-production", _words(
        r"co-?produc", r"parents?'?", r"carers?", r"families", r"young people's views",
        r"engagement", r"communication with",
    )),
    Theme("local_offer", "Local Offer", _words(r"local offer")),
    Theme("preparing_for_adulthood", "Preparation for adulthood", _words(
        r"adulthood", r"transition", r"post-?16", r"post-?19", r"employment", r"independen",
    )),
    Theme("health", "Health provision and therapies", _words(
        r"health", r"therap", r"camhs", r"mental", r"speech", r"occupational", r"physio",
        r"designated (?:clinical|medical) officer", r"\bdco\b", r"\bdmo\b", r"clinical",
    )),
    Theme("outcomes", "Outcomes and attainment", _words(
        r"standards", r"attainment", r"outcomes", r"absence", r"progress of",
    )),
    Theme("identification", "Identification and early years", _words(
        r"identif", r"early years", r"early help", r"early intervention", r"graduated",
        r"sen support", r"mainstream", r"inclusion", r"exclusion", r"attendance",
    )),
    Theme("information_self_evaluation", "Information sharing and self-evaluation", _words(
        r"self-?evaluation", r"information", r"data", r"monitoring", r"quality assurance",
        r"evaluat", r"intelligence", r"sharing",
    )),
    Theme("leadership", "Leadership and strategy", _words(
        r"leader", r"strateg", r"governance", r"accountab", r"vision", r"oversight",
        r"responsibility", r"reforms?\b", r"partnership",
    )),
)  # fmt: skip

LABELS: dict[str, str] = {t.slug: t.label for t in THEMES} | {OTHER: "Other"}
CHOICES: list[tuple[str, str]] = list(LABELS.items())


def theme_for(text: str) -> str:
    """The slug of the first theme whose rule matches, or ``OTHER``."""
    for theme in THEMES:
        if theme.pattern.search(text):
            return theme.slug
    return OTHER


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


def text_hash(text: str) -> str:
    """Identifies a weakness's wording however it is cased or spaced."""
    return hashlib.sha256(normalise(text).encode()).hexdigest()
