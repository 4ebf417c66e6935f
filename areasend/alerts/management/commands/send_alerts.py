"""Email followers what has been published for their areas since they confirmed (once each)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from areasend.alerts.services import send_alerts


class Command(BaseCommand):
    help = "Send publication alerts to confirmed followers; run it every few minutes or hourly."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_alerts()} alert emails sent")
