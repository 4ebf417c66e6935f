"""Finding vocabulary: headings over several findings of one kind."""

from __future__ import annotations

import pytest

from areasend.framework.findings import plural_label


@pytest.mark.parametrize(
    ("label", "plural"),
    [
        ("Strength", "Strengths"),
        ("Area for development", "Areas for development"),
        ("Area for improvement", "Areas for improvement"),
        ("Area of significant weakness", "Areas of significant weakness"),
    ],
)
def test_the_head_noun_takes_the_plural(label: str, plural: str) -> None:
    assert plural_label(label) == plural
