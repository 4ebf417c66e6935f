"""The fields partial writes a select's options itself: the same options, selection and
escaping as Django's own widget renders."""

from __future__ import annotations

import re

import pytest
from django import forms

from areasend.casework.forms import GovukForm
from areasend.casework.govuk_tags import select_options

CHOICES = [("", "Any"), ("a&b", "Tom & Jerry <script>"), ("2", "Two")]


class _Form(GovukForm):
    pick = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(
        choices=[("North", [("n1", "Leeds"), ("n2", "York")]), ("s1", "Bristol")], required=False
    )


def _options(markup: str) -> list[tuple[str, bool, str]]:
    found = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', markup)
    return [(value, bool(mark), label) for value, mark, label in found]


@pytest.mark.parametrize("data", [None, {"pick": "a&b"}, {"pick": "2", "grouped": "n2"}, {}])
def test_the_options_are_the_widgets_own(data: dict[str, str] | None) -> None:
    form = _Form(data)
    for name in ("pick", "grouped"):
        ours = _options(select_options(form[name]))
        django = _options(form[name].as_widget())
        assert ours == django and ours, name


def test_labels_and_values_are_escaped_and_groups_kept() -> None:
    markup = select_options(_Form({"pick": "a&b"})["pick"])
    assert '<option value="a&amp;b" selected>Tom &amp; Jerry &lt;script&gt;</option>' in markup
    assert "<script>" not in markup
    grouped = select_options(_Form()["grouped"])
    assert '<optgroup label="North"><option value="n1">Leeds</option>' in grouped
