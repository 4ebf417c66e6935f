"""Registering and revoking an authenticator app are audited like every change, and the audit
trail never holds the app's secret."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from areasend.accounts.models import AuditEntry
from tests.otp import force_login_verified

pytestmark = pytest.mark.django_db


def test_registering_an_app_is_audited_without_its_secret() -> None:
    user = User.objects.create_user("inspector", password="Kestrel-9aq-Moor")
    out = io.StringIO()
    call_command("add_totp_device", "inspector", stdout=out)
    device = TOTPDevice.objects.get(user=user)
    assert device.config_url in out.getvalue()  # shown once, to whoever enrols
    entry = AuditEntry.objects.get(action="add_authenticator")
    assert (entry.object_id, entry.after) == (
        str(device.pk),
        {"user": user.pk, "name": "authenticator app", "confirmed": True},
    )
    assert device.key not in json.dumps([entry.before, entry.after])


def test_an_administrator_revokes_a_lost_app_and_it_is_audited(client: Client) -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    admin = User.objects.get(username="admin")
    call_command("add_totp_device", "lead", stdout=io.StringIO())
    lost = TOTPDevice.objects.get(user__username="lead")
    force_login_verified(client, admin)
    response = client.post(f"/admin/otp_totp/totpdevice/{lost.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    entry = AuditEntry.objects.get(action="revoke_authenticator")
    assert (entry.actor_id, entry.object_id, entry.after) == (admin.pk, str(lost.pk), None)
    assert entry.before == {"user": lost.user_id, "name": lost.name, "confirmed": True}
