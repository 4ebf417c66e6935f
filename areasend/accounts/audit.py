"""The audit trail every service function leaves (who, when, before, after)."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.forms.models import model_to_dict

from areasend.accounts.models import AuditEntry
from areasend.accounts.permissions import User
from areasend.areas.models import LocalArea


def snapshot(obj: models.Model | None) -> dict[str, Any] | None:
    """A JSON-ready copy of a record's fields, for the before and after of an entry."""
    if obj is None:
        return None
    data: dict[str, Any] = json.loads(json.dumps(model_to_dict(obj), cls=DjangoJSONEncoder))
    return data


def audit(
    actor: User | None,
    action: str,
    obj: models.Model,
    *,
    area: LocalArea | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    via: str = "",
) -> AuditEntry:
    return record_audit(
        actor,
        action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        area=area,
        before=before,
        after=after,
        via=via,
    )


def record_audit(
    actor: User | None,
    action: str,
    *,
    object_type: str,
    object_id: str,
    area: LocalArea | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    via: str = "",
) -> AuditEntry:
    """An entry for what is not one stored record (events appended to a history).

    ``actor`` is the person (None for a command run on the server); ``via`` names
    the token, command or queue the change came through, so an entry always says who.
    """
    return AuditEntry.objects.create(
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        area=area,
        before=before,
        after=after,
        via=via[:120],
    )
