"""Sign-in with an optional second factor (django-otp, TOTP).

Staff who have an authenticator app registered (`manage.py add_totp_device USERNAME`) must give
its current 6-digit code with their password; everyone else signs in with the password alone,
but the admin opens only to a session signed in with a code (areasend/ops/admin_site.py).
A wrong or missing code counts as a failed sign-in, so sign-in throttling covers it too.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django_otp import devices_for_user


class SignInForm(AuthenticationForm):
    otp_token = forms.CharField(label="Security code", required=False, max_length=10, strip=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        # AuthenticationForm sets the username's max_length after the field is built, so no
        # validator checks it: a longer name reached django-axes, whose record of the attempt
        # PostgreSQL then refused (a 500). Check it here, before anything is recorded.
        longest = getattr(self.fields["username"], "max_length", None) or 150
        self.fields["username"].validators.append(
            MaxLengthValidator(longest, f"Your username is at most {longest} characters")
        )
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()  # the password, through django-axes
        user = self.get_user()
        if user is None:  # a field left empty: the field's own "required" error says so
            return cleaned
        token = "".join((cleaned.get("otp_token") or "").split())
        # for_verify locks the devices (select_for_update) so one code cannot be used twice
        # concurrently: that needs a transaction, as requests run in autocommit.
        with transaction.atomic():
            devices = list(devices_for_user(user, for_verify=True))
            if not devices:
                return cleaned
            for device in devices:
                if token and device.verify_token(token):
                    # django-otp marks the session verified when Django logs the user in.
                    user.otp_device = device  # type: ignore[attr-defined]
                    return cleaned
        user_login_failed.send(
            sender=__name__, credentials={"username": user.get_username()}, request=self.request
        )
        self.user_cache = None
        self.add_error(
            "otp_token", "Enter the 6-digit security code your authenticator app shows now"
        )
        return cleaned


class SignInView(LoginView):
    form_class = SignInForm
