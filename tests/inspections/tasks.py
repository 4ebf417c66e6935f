"""Read the GOV.UK task list of an inspection page as a test sees it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from django.test import Client

ITEM = re.compile(r'<li class="govuk-task-list__item[^"]*">(.*?)</li>', re.S)
LINK = re.compile(r'<a class="govuk-link govuk-task-list__link" href="([^"]+)"[^>]*>([^<]+)</a>')
PLAIN = re.compile(r"<div>([^<]+)</div>")
HINT = re.compile(r'class="govuk-task-list__hint">(.*?)</div>', re.S)
STATUS = re.compile(r'class="govuk-task-list__status[^"]*"[^>]*>(.*?)</div>', re.S)
TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Row:
    title: str
    status: str
    href: str | None  # None: the person may not take the step now
    hint: str


def rows(page: str) -> dict[str, Row]:
    """Each task of the page by its title."""
    found: dict[str, Row] = {}
    for item in ITEM.findall(page):
        link = LINK.search(item)
        title = unescape(link.group(2) if link else PLAIN.search(item).group(1))  # type: ignore[union-attr]
        hint = HINT.search(item)
        status = STATUS.search(item)
        assert status is not None
        found[title.strip()] = Row(
            title.strip(),
            TAGS.sub("", status.group(1)).strip(),
            unescape(link.group(1)) if link else None,
            unescape(TAGS.sub("", hint.group(1))).strip() if hint else "",
        )
    return found


def task_list(client: Client, reference: str) -> dict[str, Row]:
    response = client.get(f"/inspections/{reference}/")
    assert response.status_code == 200
    return rows(response.content.decode())
