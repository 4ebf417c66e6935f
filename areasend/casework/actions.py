"""What every ``do_*`` service shares: the permission check, the person acting, the
framework's refusal as a ``CaseworkError``, and one locked change with one conflict message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.models import AuditEntry, Person
from areasend.accounts.permissions import Action, User, can
from areasend.casework.errors import CaseworkError
from areasend.framework.events import HistoryError

M = TypeVar("M", bound=models.Model)


def require(actor: User, action: Action, *, where: str = "here", **scope: Any) -> None:
    """Refuse with 403 unless the permission table lets ``actor`` take ``action``."""
    if not can(actor, action, **scope):
        raise PermissionDenied(f"You may not {action.value.replace('.', ' ')} {where}.")


def person(actor: User) -> Person:
    """The person behind a signed-in account (every casework account has one)."""
    found: Person = actor.person  # type: ignore[union-attr]
    return found


@contextmanager
def framework_refuses() -> Iterator[None]:
    """Turn the framework's refusal of an event into the step's ``CaseworkError``."""
    try:
        yield
    except HistoryError as error:
        message = "; ".join(p.message for p in error.problems)
        raise CaseworkError(f"The framework refuses this step: {message}") from error


def refuse_if_changed(
    obj: models.Model, version: int, did: str, *, field: str | None, detail: str = ""
) -> None:
    """Refuse a change made on ``version`` of ``obj`` when someone saved another since, in
    the one conflict message: who did what and when (from the audit trail), and that
    nothing of this change was saved. ``did`` says what they did ("saved the letter")."""
    current = obj.version  # type: ignore[attr-defined]
    if current == version:
        return
    last = (
        AuditEntry.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk))
        .select_related("actor")
        .first()
    )
    who = (
        (last.actor.get_full_name() or last.actor.get_username())
        if last and last.actor
        else "Someone else"
    )
    when = f" at {timezone.localtime(last.at):%H:%M on %-d %B %Y}" if last else ""
    raise CaseworkError(
        f"{who} {did}{when}, after you opened it (version {current}). "
        f"Your change was not saved: reload the page and make it again.{detail}",
        field=field,
    )


@contextmanager
def locked_change(
    actor: User,
    action: str,
    queryset: models.QuerySet[M],
    obj: M,
    *,
    area: Callable[[M], Any],
    versioned: bool = True,
) -> Iterator[M]:
    """Lock ``obj``'s row, yield it for checks and changes, then save, version and audit
    it, all in one transaction.

    The checks run on the locked row (``refuse_if_changed`` among them), so two people
    changing it at once cannot both pass them. ``area`` gives the audit entry's area.
    """
    with transaction.atomic():
        locked = queryset.select_for_update().get(pk=obj.pk)
        before = snapshot(locked)
        yield locked
        if versioned:
            locked.version += 1  # type: ignore[attr-defined]
        locked.save()
        audit(actor, action, locked, area=area(locked), before=before, after=snapshot(locked))
    obj.refresh_from_db()
