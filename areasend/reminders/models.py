"""Which reminders have gone to whom: each obligation is sent to each person once."""

from __future__ import annotations

from django.db import models

from areasend.accounts.models import Person


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
        return f"{self.obligation} to {self.person} on {self.sent_on}"
