"""API tokens: a bearer token per person and purpose, stored only as its hash."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @classmethod
    def issue(cls, user: models.Model, name: str) -> tuple[ApiToken, str]:
        """A new token: the plain value is returned once and never stored (unaudited: people
        and commands issue through ``api.services.do_issue_token``)."""
        plain = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, token_hash=digest(plain)), plain

    @property
    def label(self) -> str:
        """How audit entries and stored sources name the token (never its secret)."""
        return f"API token #{self.pk} '{self.name}'"


class IdempotentWrite(models.Model):
    """A write's answer kept under its ``Idempotency-Key``: a retry gets it again, unwritten."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="writes")
    key = models.CharField(max_length=200)
    #: The request the key was first used for: the same key with another body is refused.
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="one_write_per_token_and_key")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.token})"
