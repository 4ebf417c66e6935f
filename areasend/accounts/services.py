"""Adding organisations and people: the only way accounts are created in code."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.models import (
    ROLE_ORGANISATIONS,
    Organisation,
    OrganisationKind,
    Person,
    Role,
)
from areasend.accounts.permissions import Action, User
from areasend.areas.models import LocalArea
from areasend.casework.actions import require
from areasend.casework.errors import CaseworkError

#: Django permissions the older pages (letter review queue, planner) and the admin check, per
#: role. Administrators are staff, never superusers: they get the admin pages for accounts and
#: shipped reference data, read-only audit trail, authenticator apps (to revoke a lost one) and
#: paused sign-ins (to clear one early), and nothing of casework
#: (docs/decisions/0022-admin-second-factor-and-email-limits.md).
DJANGO_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.PLANNER: ("planner.plan_programme", "letters.review_letterimport"),
    Role.LEAD_INSPECTOR: ("letters.review_letterimport",),
    Role.ADMINISTRATOR: (
        "accounts.view_organisation", "accounts.add_organisation", "accounts.change_organisation",
        "accounts.view_person", "accounts.add_person", "accounts.change_person",
        "accounts.view_auditentry",
        "auth.view_user", "auth.add_user", "auth.change_user",
        "otp_totp.view_totpdevice", "otp_totp.delete_totpdevice",
        "axes.view_accessattempt", "axes.delete_accessattempt",
        "areas.view_officialinspectionrecord",
        "register.view_themecorrection", "register.add_themecorrection",
        "register.change_themecorrection",
        "reminders.view_calendartoken",
        "api.view_apitoken", "api.change_apitoken",
    ),
}  # fmt: skip

NATIONAL = {
    OrganisationKind.OFSTED: "Ofsted",
    OrganisationKind.CQC: "Care Quality Commission",
    OrganisationKind.DFE: "Department for Education",
    OrganisationKind.NHSE: "NHS England",
}


def national_organisation(kind: OrganisationKind) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(name=NATIONAL[kind], kind=kind)
    return organisation


def partnership_for(area: LocalArea) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        area=area,
        defaults={"name": f"{area.name} local area partnership", "kind": "partnership"},
    )
    return organisation


@transaction.atomic
def do_add_person(
    actor: User,
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    organisation: Organisation,
    role: Role,
    nominated_officer: bool = False,
) -> Person:
    """A staff account with its role; ValidationError if the role does not fit."""
    user = get_user_model().objects.create_user(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        password=password,
        is_staff=role == Role.ADMINISTRATOR,
    )
    person = Person(
        user=user, organisation=organisation, role=role, nominated_officer=nominated_officer
    )
    person.full_clean(exclude=["user"])
    if (
        nominated_officer
        and Person.objects.filter(organisation=organisation, nominated_officer=True).exists()
    ):
        raise ValidationError(f"{organisation} already has a nominated officer.")
    person.save()
    _grant(user, role)
    audit(actor, "add_person", person, area=organisation.area, before=None, after=snapshot(person))
    return person


def _grant(user: AbstractBaseUser, role: str) -> None:
    for name in DJANGO_PERMISSIONS.get(role, ()):
        app_label, codename = name.split(".")
        user.user_permissions.add(  # type: ignore[attr-defined]
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def do_invite_person(
    actor: User,
    *,
    first_name: str,
    last_name: str,
    email: str,
    organisation: Organisation,
    role: str,
) -> Person:
    """An administrator adds a person: their account signs in with the email address, and
    has a random password nobody knows until the person sets their own from the link the
    page sends (a usable password, as Django sends reset links only for those)."""
    require(actor, Action.PEOPLE_ADD, where="to accounts")
    first, last, address = first_name.strip(), last_name.strip(), email.strip().lower()
    if not first:
        raise CaseworkError("Enter their first name", field="first_name")
    if not last:
        raise CaseworkError("Enter their last name", field="last_name")
    if role not in ROLE_ORGANISATIONS:
        raise CaseworkError("Choose their role", field="role")
    if organisation.kind not in ROLE_ORGANISATIONS[role]:
        raise CaseworkError(
            f"A {Role(role).label.lower()} cannot work for {organisation.get_kind_display()}: "
            f"choose another role or organisation.",
            field="role",
        )
    users = get_user_model().objects
    taken = users.filter(Q(email__iexact=address) | Q(username__iexact=address)).first()
    if taken is not None:
        raise CaseworkError(
            f"{taken.get_full_name() or taken.get_username()} already has an account with "
            f"this email address",
            field="email",
        )
    with transaction.atomic():
        user = users.create_user(
            username=address,
            first_name=first,
            last_name=last,
            email=address,
            password=secrets.token_urlsafe(32),
            is_staff=role == Role.ADMINISTRATOR,
        )
        person = Person.objects.create(user=user, organisation=organisation, role=role)
        _grant(user, role)
        audit(
            actor, "add_person", person, area=organisation.area, before=None,
            after=snapshot(person),
        )  # fmt: skip
    return person


def _authenticator_record(device: TOTPDevice) -> dict[str, object]:
    # Never snapshot(): the device's key is the second factor itself.
    return {"user": device.user_id, "name": device.name, "confirmed": device.confirmed}


@transaction.atomic
def do_add_authenticator(
    actor: User, user: AbstractBaseUser, *, name: str, key: str = ""
) -> TOTPDevice:
    """An authenticator app (TOTP) as the user's second factor; its secret is the caller's to
    hand over once (config_url) and is kept out of the audit trail."""
    device = TOTPDevice(user=user, name=name, confirmed=True)
    if key:
        device.key = key
    device.save()
    person = getattr(user, "person", None)
    audit(
        actor, "add_authenticator", device, area=person.organisation.area if person else None,
        before=None, after=_authenticator_record(device),
    )  # fmt: skip
    return device


@transaction.atomic
def do_revoke_authenticator(actor: User, device: TOTPDevice) -> None:
    """Delete an authenticator app, e.g. on a lost phone: the user needs a new one to sign in."""
    person = getattr(device.user, "person", None)
    audit(
        actor, "revoke_authenticator", device, area=person.organisation.area if person else None,
        before=_authenticator_record(device), after=None,
    )  # fmt: skip
    device.delete()
