"""Issue an API token for a user and print it once (only its hash is kept); audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from areasend.api.services import do_issue_token


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it; it cannot be shown again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="API client")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user '{options['username']}'")
        try:
            _, plain = do_issue_token(None, user, options["name"], via="manage.py create_api_token")
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(plain)
