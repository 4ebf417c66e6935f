"""Counting a request's SQL statements, to show a page's queries do not grow with its rows."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from areasend.areas.statuses import forget_recent


def queries_for(client: Client, path: str) -> int:
    """The statements one uncached GET of ``path`` runs (the public-page cache emptied first)."""
    cache.clear()
    forget_recent()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return len(captured.captured_queries)
