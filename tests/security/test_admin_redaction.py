"""The admin shows no draft casework: audit entries of an inspection under embargo keep their
before and after hidden until the letter is published, on every admin page, for every admin
(superusers included); and no admin page ever shows an authenticator app's secret."""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Iterator

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from areasend.accounts.admin import REDACTED
from areasend.accounts.models import AuditEntry, Person
from areasend.areas.models import LocalArea
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.inspections import services as s
from areasend.inspections.models import Inspection
from tests.otp import force_login_verified

pytestmark = pytest.mark.django_db

CANARY = "EMBARGOED-LETTER-CANARY"
D = dt.date


@pytest.fixture
def people() -> dict[str, Person]:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    return {p.user.username: p for p in Person.objects.select_related("user")}


@pytest.fixture
def draft(people: dict[str, Person]) -> Inspection:
    """Rotherham's inspection with its outcome decided and the letter drafted, not published."""
    lead = people["lead"].user
    inspection = s.do_create_inspection(
        lead, area=LocalArea.objects.get(slug="rotherham"), kind=InspectionKind.FULL,
        framework=Framework.F2016, notified_on=D(2021, 6, 28),
    )  # fmt: skip
    s.do_start_fieldwork(lead, inspection, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, inspection, on=D(2021, 7, 9))
    s.do_add_finding(lead, inspection, question="identify", kind="significant", text="Waits")
    s.do_decide_outcome(lead, inspection, outcome=Outcome.WSOA, decided_on=D(2021, 7, 12))
    letter = s.do_draft_letter(lead, inspection)
    s.do_revise_letter(
        lead, letter, body=f"{letter.body}\n\n{CANARY}", version=letter.version, reviewed=True
    )
    return inspection


def admin_pages() -> Iterator[str]:
    """Every admin page: the index, each model's list and add page, and each record's page."""
    yield reverse("admin:index")
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        yield reverse("admin:app_list", args=[info[0]])
        yield reverse("admin:{}_{}_changelist".format(*info))
        yield reverse("admin:{}_{}_add".format(*info))
        records = model._default_manager.values_list("pk", flat=True)
        # Every audit entry and authenticator app; a sample of the shipped reference rows.
        for pk in records if model in (AuditEntry, TOTPDevice) else records[:5]:
            yield reverse("admin:{}_{}_change".format(*info), args=[pk])
            yield reverse("admin:{}_{}_history".format(*info), args=[pk])


def walk(client: Client) -> dict[str, str]:
    bodies = {}
    for path in admin_pages():
        response = client.get(path)
        assert response.status_code in (200, 302, 403, 404), f"{path}: {response.status_code}"
        bodies[path] = response.content.decode()
    return bodies


@pytest.fixture(params=["administrator", "superuser"])
def admin_client(request: pytest.FixtureRequest, people: dict[str, Person]) -> Client:
    user = people["admin"].user
    if request.param == "superuser":
        user = User.objects.create_superuser("root", password="Kestrel-9aq-Moor")
    client = Client()
    force_login_verified(client, user)
    return client


def test_no_admin_page_shows_an_embargoed_letter_until_it_is_published(
    admin_client: Client, people: dict[str, Person], draft: Inspection
) -> None:
    revised = AuditEntry.objects.get(action="revise_letter", object_type="inspections.Letter")
    assert (
        revised.after is not None and CANARY in revised.after["body"]
    )  # the trail holds it: the admin must not show it
    page = reverse("admin:accounts_auditentry_change", args=[revised.pk])
    bodies = walk(admin_client)
    assert page in bodies
    assert [path for path, body in bodies.items() if CANARY in body] == []
    assert REDACTED in bodies[page]

    s.do_publish_letter(
        people["lead"].user, draft, dated=D(2021, 8, 20), published_on=D(2021, 8, 27)
    )
    assert CANARY in admin_client.get(page).content.decode()


def test_the_draft_outcome_is_hidden_until_publication(
    admin_client: Client, people: dict[str, Person], draft: Inspection
) -> None:
    decided = AuditEntry.objects.get(action="decide_outcome")
    assert decided.after is not None and decided.after["outcome"] == Outcome.WSOA.value
    page = reverse("admin:accounts_auditentry_change", args=[decided.pk])
    before = admin_client.get(page).content.decode()
    assert REDACTED in before
    assert f'"outcome": "{Outcome.WSOA.value}"' not in before
    s.do_publish_letter(
        people["lead"].user, draft, dated=D(2021, 8, 20), published_on=D(2021, 8, 27)
    )
    after = admin_client.get(page).content.decode()
    assert REDACTED not in after
    assert f"&quot;outcome&quot;: &quot;{Outcome.WSOA.value}&quot;" in after


def test_entries_outside_casework_are_shown_in_full(
    admin_client: Client, people: dict[str, Person]
) -> None:
    added = AuditEntry.objects.filter(action="add_person").first()
    assert added is not None
    body = admin_client.get(reverse("admin:accounts_auditentry_change", args=[added.pk]))
    assert REDACTED not in body.content.decode()
    assert "&quot;role&quot;" in body.content.decode()


def test_no_admin_page_shows_an_authenticator_app_s_secret(
    admin_client: Client, people: dict[str, Person]
) -> None:
    devices = list(TOTPDevice.objects.all())
    assert devices  # the demo administrator's, and the signed-in admin's own
    secrets = [d.key for d in devices] + [base64.b32encode(d.bin_key).decode() for d in devices]
    secrets += [d.config_url for d in devices]
    bodies = walk(admin_client)
    assert any("totpdevice" in path for path in bodies)
    leaks = [path for path, body in bodies.items() for secret in secrets if secret in body]
    assert leaks == []
    for name in ("otp_totp_totpdevice_config", "otp_totp_totpdevice_qrcode"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:{name}", kwargs={"pk": devices[0].pk})
    assert admin_client.get(f"/admin/otp_totp/totpdevice/{devices[0].pk}/qrcode/").status_code in (
        302,
        404,
    )
