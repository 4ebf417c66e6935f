"""People who follow an area by email. The address is kept for this and nothing else."""

from __future__ import annotations

from django.db import models

from areasend.areas.models import LocalArea


class Subscription(models.Model):
    email = models.EmailField()
    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(auto_now_add=True)
    #: Set when the person follows the link in the confirmation email (double opt-in).
    confirmed_at = models.DateTimeField(null=True, blank=True)
    #: When the last confirmation email went: asking again soon after sends no other.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "area"], name="one_subscription_each")
        ]

    def __str__(self) -> str:
        state = "confirmed" if self.confirmed_at else "unconfirmed"
        return f"{self.area} ({state})"


class AlertSent(models.Model):
    """A publication already emailed to a subscriber: each goes once."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="sent")
    publication = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "publication"], name="one_alert_each")
        ]

    def __str__(self) -> str:
        return self.publication
