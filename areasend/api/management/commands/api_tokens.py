"""List API tokens (never their secrets) or revoke one; revoking is audited."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from areasend.api.models import ApiToken
from areasend.api.services import do_revoke_token


class Command(BaseCommand):
    help = "List API tokens, or revoke one by its id: `api_tokens list`, `api_tokens revoke ID`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        listing = sub.add_parser("list", help="Every token: id, person, name, use, state.")
        listing.add_argument("--user", help="Only this person's tokens (a username).")
        revoke = sub.add_parser("revoke", help="Revoke a token: it answers 401 from now on.")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "revoke":
            token = ApiToken.objects.select_related("user").filter(pk=options["id"]).first()
            if token is None:
                raise CommandError(f"no API token #{options['id']}")
            was = token.revoked
            do_revoke_token(None, token, via="manage.py api_tokens revoke")
            self.stdout.write(f"{token.label} {'was already' if was else 'is now'} revoked")
            return
        tokens = ApiToken.objects.select_related("user").order_by("pk")
        if options.get("user"):
            tokens = tokens.filter(user__username=options["user"])
        for token in tokens:
            used = f"{token.last_used:%Y-%m-%d %H:%M}" if token.last_used else "never used"
            state = "revoked" if token.revoked else "active"
            self.stdout.write(
                f"{token.pk}\t{token.user.get_username()}\t{token.name}\t"
                f"created {token.created_at:%Y-%m-%d}\t{used}\t{state}"
            )
