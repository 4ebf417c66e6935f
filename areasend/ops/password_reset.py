"""Password reset in the service's own pages, with abuse limits (docs/decisions/0022).

Django's reset form sends an email to any address typed in, as often as asked, and answers 500
when the mail server fails. Here a client may ask a few times an hour, and an address gets one
email within the resend window however often it is asked for. A failed send is logged by Django's
form (logger django.contrib.auth) while the visitor sees the same "check your email" page, which
never says whether the address is known.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetDoneView, PasswordResetView
from django.http import HttpRequest, HttpResponse

from areasend.ops.limits import Limit, client_over_limit, take

log = logging.getLogger(__name__)


def per_address() -> Limit:
    return Limit("reset-address", 1, int(settings.AREASEND_EMAIL_RESEND_MINUTES * 60))


class LimitedPasswordResetForm(PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.error_messages["required"] = "Enter your email address"
        email.error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not take(per_address(), self.cleaned_data["email"]):
            log.info("password reset: an email went to this address within the resend window")
            return
        super().save(*args, **kwargs)


class LimitedPasswordResetView(PasswordResetView):
    form_class = LimitedPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Links use the configured address, not the request's Host header.
        self.extra_email_context = {"site_url": _site(), "reset_hours": reset_hours()}
        return client_over_limit(request) or super().post(request, *args, **kwargs)


class ResetDoneView(PasswordResetDoneView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "reset_hours": reset_hours()}


def reset_hours() -> int:
    return max(1, round(settings.PASSWORD_RESET_TIMEOUT / 3600))


def _site() -> str:
    return str(settings.AREASEND_SITE_URL).rstrip("/")


def send_set_password_link(request: HttpRequest, user: AbstractBaseUser) -> None:
    """The new account's first email: the reset link, worded as a welcome, under the same
    per-address limit as a reset."""
    form = LimitedPasswordResetForm({"email": getattr(user, "email", "")})
    if form.is_valid():
        form.save(
            request=request,
            use_https=request.is_secure(),
            email_template_name="registration/new_account_email.txt",
            subject_template_name="registration/new_account_subject.txt",
            extra_email_context={"site_url": _site(), "reset_hours": reset_hours()},
        )
