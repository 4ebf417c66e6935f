"""Deployment checks (`manage.py check --deploy`): what makes a running service unsafe although
its settings load. Each is an Error, so the command fails (docs/decisions/0024-safe-by-default.md).

The demo checks read the database named by DATABASE_URL: run the command against the
database the service will use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError, connection

from areasend.accounts.demo import EMAIL_DOMAIN, PASSWORD

#: Mail backends that accept a message and deliver it to nobody.
UNDELIVERING_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@register(Tags.security, deploy=True)
def development_settings(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[Error]:
    if getattr(settings, "DEVELOPMENT", False) or settings.DEBUG:
        return [
            Error(
                "Development settings (DEBUG, a published secret key) in a deployment.",
                hint="Use DJANGO_SETTINGS_MODULE=areasend.settings_production and unset "
                "AREASEND_ENV.",
                id="areasend.E001",
            )
        ]
    return []


def _usernames(users: Any) -> str:
    names = sorted(users.values_list("username", flat=True)[:10])
    return ", ".join(names) + (" and others" if users.count() > len(names) else "")


@register(Tags.security, deploy=True)
def demo_people(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    User = get_user_model()
    try:
        if User._meta.db_table not in connection.introspection.table_names():
            return []  # no accounts yet: nobody to find
        demo = User.objects.filter(email__iendswith="@" + EMAIL_DOMAIN)
        found: list[CheckMessage] = []
        if demo.exists():
            found.append(
                Error(
                    f"Demonstration people are present: {_usernames(demo)}.",
                    hint=f"Delete every account with an @{EMAIL_DOMAIN} address; "
                    "load_demo_people is for development only.",
                    id="areasend.E002",
                )
            )
        # Every account's hash, checked without upgrading it (no setter): a person may have
        # chosen the published password, whatever their address.
        candidates = User.objects.filter(is_active=True).exclude(password__startswith="!")
        weak = [
            user.pk
            for user in candidates.only("pk", "password")
            if check_password(PASSWORD, user.password)
        ]
        if weak:
            found.append(
                Error(
                    f"Accounts whose password is the published demo password: "
                    f"{_usernames(User.objects.filter(pk__in=weak))}.",
                    hint="Set them new passwords (manage.py changepassword USERNAME).",
                    id="areasend.E003",
                )
            )
        return found
    except DatabaseError as error:
        return [
            Error(
                f"Could not read the accounts to look for demo people ({type(error).__name__}).",
                hint="Run the check with DATABASE_URL naming the service's database.",
                id="areasend.E004",
            )
        ]


@register(Tags.security, deploy=True)
def mail_relay(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[Error]:
    backend = settings.EMAIL_BACKEND
    if backend in UNDELIVERING_BACKENDS:
        return [
            Error(
                f"EMAIL_BACKEND {backend} delivers no mail: sign-up confirmations, password "
                "resets and reminders would reach nobody.",
                hint="Use the SMTP backend (the default) with EMAIL_HOST set.",
                id="areasend.E005",
            )
        ]
    if backend == SMTP_BACKEND and not settings.EMAIL_HOST:
        return [
            Error(
                "EMAIL_HOST is not set: no mail relay.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, ... as the relay needs).",
                id="areasend.E006",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def proxies(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[Error]:
    count: int = getattr(settings, "AREASEND_TRUSTED_PROXY_COUNT", 0)
    tls_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if count < 0:
        return [
            Error(
                f"AREASEND_TRUSTED_PROXY_COUNT is {count}: it counts proxies.",
                hint="Set it to the number of proxies that append to X-Forwarded-For (0: none).",
                id="areasend.E007",
            )
        ]
    if tls_header and count == 0:
        return [
            Error(
                "A TLS proxy header is trusted (AREASEND_TLS_PROXY_HEADER), yet no proxy is "
                "counted: sign-in throttling would see every client as the proxy's address.",
                hint="Set AREASEND_TRUSTED_PROXY_COUNT to the number of proxies in front of the "
                "service, and gunicorn's forwarded_allow_ips to their addresses.",
                id="areasend.E008",
            )
        ]
    if count > 0 and not tls_header:
        return [
            Error(
                f"AREASEND_TRUSTED_PROXY_COUNT is {count} but no TLS proxy header is trusted: "
                "behind a TLS-terminating proxy every request would look like plain HTTP.",
                hint="Set AREASEND_TLS_PROXY_HEADER to the header the proxy sets (e.g. "
                "X-Forwarded-Proto), or the count to 0 if there is no proxy.",
                id="areasend.E009",
            )
        ]
    return []
