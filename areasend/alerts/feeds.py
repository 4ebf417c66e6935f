"""Atom feeds of publications, nationally and per area."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from areasend.alerts.notices import followed
from areasend.alerts.publications import Publication
from areasend.areas.models import HistoryEvent, LocalArea

LATEST = 50


class PlainTextAtomFeed(Atom1Feed):
    """Atom with ``<summary type="text">``.

    Django writes summaries as ``type="html"``, so a reader would render the
    weakness wording (escaped once, by XML) as live markup. As text, a reader
    shows ``<script>`` as the characters it is (RFC 4287 section 3.1.1.1).
    """

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class _Publications(Feed):  # type: ignore[type-arg]
    feed_type = PlainTextAtomFeed

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return item.summary

    def item_link(self, item: Publication) -> str:
        return item.link

    def item_guid(self, item: Publication) -> str:
        return f"areasend:{item.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Publication) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(item.date, dt.time(9)))

    def item_updateddate(self, item: Publication) -> dt.datetime:
        return item.recorded_at


class NationalFeed(_Publications):
    title = "areasend: area SEND inspection publications in England"
    link = "/"
    subtitle = "Inspections announced; letters, plans and progress judgements published."

    def items(self) -> list[Publication]:
        return followed(HistoryEvent.objects.all(), limit=LATEST)


class AreaFeed(_Publications):
    def get_object(self, request: HttpRequest, slug: str) -> LocalArea:
        return get_object_or_404(LocalArea, slug=slug)

    def title(self, area: LocalArea) -> str:
        return f"areasend: {area.name} SEND inspection publications"

    def link(self, area: LocalArea) -> str:
        return f"/areas/{area.slug}/"

    def items(self, area: LocalArea) -> list[Publication]:
        return followed(HistoryEvent.objects.filter(area=area), limit=LATEST)
