"""Which reminders have gone to whom: each obligation is sent to each person once."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from areasend.accounts.models import Person
from areasend.casework.guards import long_date


class ReminderSent(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reminders")
    #: area code, rule, inspection and due date: an obligation's identity.
    obligation = models.CharField(max_length=200)
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "obligation"], name="one_reminder_each")
        ]

    def __str__(self) -> str:
        return f"{self.obligation} to {self.person} on {long_date(self.sent_on)}"


class CalendarToken(models.Model):
    """One secret address for a person's calendar feed (areasend/reminders/calendars.py).

    The address carries the row's id and ``nonce``, signed with SECRET_KEY: forging one needs
    both the key and the database. A token answers until it expires or is revoked; a person has
    at most one that answers, and a new one revokes the old.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="calendar_tokens")
    nonce = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"calendar link of {self.person} from {long_date(self.created_at.date())}"
