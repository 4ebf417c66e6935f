"""Fictional people for every role, so a newcomer can walk an inspection from both sides.

Idempotent. Everyone shares one demonstration password; the command prints
the sign-in details. The administrator also has a demonstration authenticator
app, since the admin needs a second factor (docs/decisions/0022): its key is
published like the password. Never run it on a real deployment: it refuses when DEBUG
is off unless --force is given, the password signs nobody in outside development and
`check --deploy` fails while demo people are present (areasend/ops/checks.py).
"""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from areasend.accounts.demo import EMAIL_DOMAIN
from areasend.accounts.demo import PASSWORD as PASSWORD  # re-exported: tests read it here
from areasend.accounts.models import OrganisationKind, Role
from areasend.accounts.services import (
    do_add_authenticator,
    do_add_person,
    national_organisation,
    partnership_for,
)
from areasend.areas.models import LocalArea

#: The demo administrator's authenticator key (base32, for an app or `oathtool --totp -b`).
TOTP_KEY = "MFZGKYLTMVXGILLEMVWW6LLUN52HAIJB"

#: username, first name, last name, organisation (kind or area slug), role, nominated officer
PEOPLE: tuple[tuple[str, str, str, str, Role, bool], ...] = (
    ("planner", "Nadia", "Okafor", "ofsted", Role.PLANNER, False),
    ("lead", "Tom", "Hartley", "ofsted", Role.LEAD_INSPECTOR, False),
    ("inspector", "Ruth", "Ellison", "ofsted", Role.TEAM_INSPECTOR, False),
    ("cqc", "Sam", "Parekh", "cqc", Role.TEAM_INSPECTOR, False),
    ("rotherham", "Dana", "Whitfield", "rotherham", Role.AREA_OFFICER, True),
    ("rotherham-icb", "Lewis", "Brennan", "rotherham", Role.AREA_OFFICER, False),
    ("sheffield", "Maya", "Fenwick", "sheffield", Role.AREA_OFFICER, True),
    ("medway", "Owen", "Castell", "medway", Role.AREA_OFFICER, True),
    ("southend", "Priya", "Lomax", "southend-on-sea", Role.AREA_OFFICER, True),
    ("nottinghamshire", "Ben", "Achterberg", "nottinghamshire", Role.AREA_OFFICER, True),
    ("dfe", "Alex", "Moreno", "dfe", Role.ADVISER, False),
    ("nhse", "Grace", "Adeyemi", "nhse", Role.ADVISER, False),
    ("admin", "Iris", "Kowalski", "ofsted", Role.ADMINISTRATOR, False),
)


class Command(BaseCommand):
    help = "Create the fictional demonstration people (idempotent) and print how to sign in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Allow with DEBUG off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo people are for development: DEBUG is off (use --force).")
        users = get_user_model().objects
        for username, first, last, org, role, nominated in PEOPLE:
            if users.filter(username=username).exists():
                continue
            if org in OrganisationKind.values:
                organisation = national_organisation(OrganisationKind(org))
            else:
                organisation = partnership_for(LocalArea.objects.get(slug=org))
            do_add_person(
                AnonymousUser(),
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@{EMAIL_DOMAIN}",
                password=PASSWORD,
                organisation=organisation,
                role=role,
                nominated_officer=nominated,
            )
        for admin in users.filter(
            username__in=[p[0] for p in PEOPLE if p[4] == Role.ADMINISTRATOR]
        ):
            if not TOTPDevice.objects.filter(user=admin).exists():
                do_add_authenticator(
                    AnonymousUser(),
                    admin,
                    name="demo authenticator app",
                    key=base64.b32decode(TOTP_KEY).hex(),
                )
        self.stdout.write(f"Demo sign-in (password for everyone: {PASSWORD}):")
        for username, first, last, org, role, nominated in PEOPLE:
            extra = ", nominated officer" if nominated else ""
            self.stdout.write(f"  {username:<14} {first} {last}: {role.label} ({org}{extra})")
        self.stdout.write(
            f"The admin (/admin/) needs a security code: add the key {TOTP_KEY} to an "
            f"authenticator app, or run `oathtool --totp -b {TOTP_KEY}`."
        )
