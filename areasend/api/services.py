"""API tokens issued, revoked and used to write, each one audited (ADR 0021).

The write goes through the history's gate (``areas.event_log.do_record_events``) as the
token's person, with the source set here from the token, never by the caller. A write
sent with an ``Idempotency-Key`` is kept with its answer in the same transaction, so a
retry of it, even one racing the first, gets the first answer and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from areasend.accounts.audit import audit
from areasend.accounts.permissions import Action, User, can
from areasend.api.models import ApiToken, IdempotentWrite
from areasend.areas.event_log import Channel, Writer, do_record_events
from areasend.areas.models import LocalArea
from areasend.framework.events import Event

#: A stored answer: the HTTP status and its JSON body.
Answer = tuple[int, dict[str, Any]]


class KeyReused(ValueError):
    """An Idempotency-Key sent again with another request (the IETF draft's 422)."""


def _shown(token: ApiToken) -> dict[str, Any]:
    # What an audit entry keeps of a token: never its hash, which stands for the secret.
    return {"id": token.pk, "name": token.name, "user": token.user.get_username(),
            "revoked": token.revoked}  # fmt: skip


@transaction.atomic
def do_issue_token(
    actor: User | None, user: AbstractBaseUser, name: str, *, via: str
) -> tuple[ApiToken, str]:
    """A new token for ``user``; the plain value is returned once and never stored."""
    if not name.strip():
        raise ValueError("Say what the token is for.")
    token, plain = ApiToken.issue(user, name.strip())
    audit(actor, "issue_api_token", token, area=None, before=None, after=_shown(token), via=via)
    return token, plain


@transaction.atomic
def do_revoke_token(actor: User | None, token: ApiToken, *, via: str) -> ApiToken:
    """Revoke the token: it answers 401 from now on. Revoking a revoked token changes nothing."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked:
        return token
    before = _shown(token)
    token.revoked = True
    token.save(update_fields=["revoked"])
    audit(actor, "revoke_api_token", token, area=None, before=before, after=_shown(token), via=via)
    return token


def request_hash(gss_code: str, body: Any) -> str:
    return hashlib.sha256(json.dumps([gss_code, body], sort_keys=True).encode()).hexdigest()


def do_record_through_api(
    token: ApiToken,
    area: LocalArea,
    events: Sequence[Event],
    *,
    key: str | None = None,
    fingerprint: str = "",
) -> Answer:
    """Record the events as the token's person; the answer for the caller.

    Raises PermissionDenied when the table does not let the person record history,
    KeyReused for a key sent with another request, and HistoryError when the gate or the
    framework refuses: nothing is stored then.
    """
    if not can(token.user, Action.HISTORY_RECORD, area_id=area.pk):
        raise PermissionDenied("this token's user may not record history")
    if key is not None:
        kept = _kept(token, key, fingerprint)
        if kept is not None:
            return kept
    writer = Writer(
        Channel.API,
        source=f"api:{token.user.get_username()}",
        actor=token.user,
        via=token.label,
    )
    try:
        with transaction.atomic():
            status = do_record_events(area, events, writer=writer)
            answer: Answer = (
                201,
                {"added": len(events), "state": status.state, "state_label": status.state_label},
            )
            if key is not None:
                IdempotentWrite.objects.create(
                    token=token, key=key, request_hash=fingerprint,
                    status=answer[0], response=answer[1],
                )  # fmt: skip
    except IntegrityError:
        # The same key committed meanwhile by a racing retry: ours rolled back, theirs stands.
        kept = _kept(token, key or "", fingerprint)
        if kept is None:
            raise
        return kept
    return answer


def _kept(token: ApiToken, key: str, fingerprint: str) -> Answer | None:
    kept = IdempotentWrite.objects.filter(token=token, key=key).first()
    if kept is None:
        return None
    if kept.request_hash != fingerprint:
        raise KeyReused("this Idempotency-Key was already used for a different request")
    return kept.status, kept.response
