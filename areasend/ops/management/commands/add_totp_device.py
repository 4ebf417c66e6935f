"""`manage.py add_totp_device USERNAME`: an authenticator app as the user's second factor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from areasend.accounts.services import do_add_authenticator


class Command(BaseCommand):
    help = (
        "Register a TOTP authenticator for a user and print the otpauth:// link to add to the "
        "app. From then on the user signs in with password and code."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator app", help="what to call the device")

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: options["username"]})
        except User.DoesNotExist:
            raise CommandError(f"no user {options['username']!r}") from None
        # An operator at the server's console: no staff account acts, as in load_demo_people.
        device = do_add_authenticator(AnonymousUser(), user, name=options["name"])
        self.stdout.write(
            "Add this to the authenticator app (as a link or QR code), then sign in with a code:\n"
            + device.config_url
        )
