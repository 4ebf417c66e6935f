"""Template filters for the GOV.UK form partials (``{% load govuk_forms %}``, registered in
the template settings: the kernel is not an installed app)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _text(value: object) -> str:
    """Escaped as Django's conditional_escape would, without its per-call wrappers."""
    markup = getattr(value, "__html__", None)
    return str(markup()) if callable(markup) else html.escape(str(value))


def _options(choices: Iterable[Any], selected: set[str]) -> Iterator[str]:
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # a group: (name, [(value, label), ...])
            inner = "".join(_options(label, selected))
            yield f'<optgroup label="{_text(value)}">{inner}</optgroup>\n'
        else:
            mark = " selected" if str(value) in selected else ""
            yield f'<option value="{_text(value)}"{mark}>{_text(label)}</option>\n'


@register.filter
def select_options(field: BoundField) -> SafeString:
    """A select's options, marked selected as its widget would mark them. Django's widget
    renders each option through a template of its own, most of a page's time with a list of
    every area."""
    selected = {str(v) for v in field.field.widget.format_value(field.value())}
    # Every value and label is escaped above.
    return mark_safe("".join(_options(getattr(field.field, "choices", ()), selected)))
