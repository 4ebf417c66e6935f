"""API tokens are listed, revoked and audited, by a command and in the admin, and never
shown again once issued; a revoked token answers 401 and writes nothing."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from areasend.accounts.models import AuditEntry, Person
from areasend.api.models import ApiToken
from areasend.areas.models import HistoryEvent
from tests.otp import force_login_verified

pytestmark = pytest.mark.django_db

EVENT = {"date": "2024-05-01", "event": "engagement_meeting"}


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _post(client: Client, token: str) -> Any:
    return client.post(
        "/api/areas/E06000035/events", json.dumps({"events": [EVENT]}),
        content_type="application/json", headers={"Authorization": f"Bearer {token}"},
    )  # fmt: skip


def test_issuing_a_token_by_command_is_audited_without_the_secret(
    people: dict[str, Person],
) -> None:
    plain = _run("create_api_token", "planner", "--name", "nightly sync").strip()
    token = ApiToken.objects.get()
    entry = AuditEntry.objects.get(action="issue_api_token")
    assert (entry.object_id, entry.via) == (str(token.pk), "manage.py create_api_token")
    assert entry.after == {"id": token.pk, "name": "nightly sync", "user": "planner",
                           "revoked": False}  # fmt: skip
    assert plain not in json.dumps(entry.after) and token.token_hash not in json.dumps(entry.after)


def test_tokens_are_listed_without_their_secrets_and_revoked_by_command(
    client: Client, people: dict[str, Person]
) -> None:
    plain = _run("create_api_token", "planner", "--name", "nightly sync").strip()
    token = ApiToken.objects.get()
    listed = _run("api_tokens", "list")
    assert "nightly sync" in listed and "planner" in listed and "active" in listed
    assert plain not in listed and token.token_hash not in listed
    assert _post(client, plain).status_code == 201
    assert "is now revoked" in _run("api_tokens", "revoke", str(token.pk))
    entry = AuditEntry.objects.get(action="revoke_api_token")
    assert entry.before is not None and entry.after is not None
    assert entry.before["revoked"] is False and entry.after["revoked"] is True
    assert entry.via == "manage.py api_tokens revoke"
    count = HistoryEvent.objects.count()
    refused = _post(client, plain)
    assert refused.status_code == 401
    assert HistoryEvent.objects.count() == count
    assert "revoked" in _run("api_tokens", "list", "--user", "planner")
    assert "already revoked" in _run("api_tokens", "revoke", str(token.pk))
    assert AuditEntry.objects.filter(action="revoke_api_token").count() == 1
    with pytest.raises(CommandError, match="no API token #999"):
        _run("api_tokens", "revoke", "999")


def test_the_admin_lists_and_revokes_tokens_and_never_shows_or_issues_one(
    client: Client, people: dict[str, Person]
) -> None:
    plain = _run("create_api_token", "planner", "--name", "nightly sync").strip()
    token = ApiToken.objects.get()
    admin = people["admin"].user
    # Administrators are not superusers: the role's own rights and a second factor suffice.
    assert not admin.is_superuser
    force_login_verified(client, admin)
    listing = client.get("/admin/api/apitoken/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "nightly sync" in page and plain not in page and token.token_hash not in page
    detail = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert "nightly sync" in detail and plain not in detail and token.token_hash not in detail
    assert client.get("/admin/api/apitoken/add/").status_code == 403
    revoked = client.post(
        "/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked
    entry = AuditEntry.objects.get(action="revoke_api_token")
    assert entry.actor == admin and entry.via == "admin by admin"
    assert _post(client, plain).status_code == 401
