"""Following an area by email: double opt-in, one-click unsubscribe, each alert once.

The address is used for these alerts and nothing else: an unconfirmed sign-up is
deleted after a week, and unsubscribing deletes the address.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from areasend.alerts.models import AlertSent, Subscription
from areasend.alerts.notices import followed
from areasend.areas.models import HistoryEvent, LocalArea

log = logging.getLogger(__name__)
_SALT = "areasend.alerts"
CONFIRM_DAYS = 7


def _site() -> str:
    return str(getattr(settings, "AREASEND_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


def token(subscription: Subscription, purpose: str) -> str:
    return signing.dumps({"s": subscription.pk, "p": purpose}, salt=_SALT)


def from_token(value: str, purpose: str) -> Subscription | None:
    """The subscription a link names, or None if the link is forged, stale or used up."""
    max_age = dt.timedelta(days=CONFIRM_DAYS) if purpose == "confirm" else None
    try:
        data = signing.loads(value, salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("p") != purpose or not isinstance(data.get("s"), int):
        return None
    return Subscription.objects.select_related("area").filter(pk=data["s"]).first()


def unsubscribe_url(subscription: Subscription) -> str:
    return _site() + reverse("alerts:unsubscribe", args=[token(subscription, "unsubscribe")])


class NotSent(Exception):
    """The confirmation email could not be sent; nothing was stored."""


def do_subscribe(email: str, area: LocalArea) -> Subscription:
    """Record the sign-up and send the confirmation link, unless one went to this address for
    this area within the resend window, or the address has had its day's emails: asking twenty
    times sends one email. NotSent (and nothing stored) if the mail server fails."""
    now = timezone.now()
    email = email.strip().lower()
    resend = dt.timedelta(minutes=settings.AREASEND_EMAIL_RESEND_MINUTES)
    with transaction.atomic():
        subscription, _ = Subscription.objects.get_or_create(email=email, area=area)
        # Locked, so two requests at once cannot both decide to send.
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.confirmed_at is not None:
            return subscription
        if subscription.confirmation_sent_at and now - subscription.confirmation_sent_at < resend:
            return subscription
        sent_today = Subscription.objects.filter(
            email=email, confirmation_sent_at__gt=now - dt.timedelta(days=1)
        ).count()
        if sent_today >= settings.AREASEND_EMAILS_PER_ADDRESS_PER_DAY:
            log.info("follow sign-up: the address has had its emails for today")
            return subscription
        link = _site() + reverse("alerts:confirm", args=[token(subscription, "confirm")])
        try:
            EmailMessage(
                subject=f"Confirm: follow {area.name} on areasend",
                body=(
                    f"Someone, probably you, asked to be emailed when an inspection of {area.name} "
                    "is announced, and when its inspection letters, plans or progress judgements "
                    "are published.\n\n"
                    f"To start, confirm within {CONFIRM_DAYS} days: {link}\n\n"
                    "If it was not you, ignore this email: the address will be deleted and you "
                    "will hear nothing more."
                ),
                to=[email],
            ).send()
        except OSError as error:  # smtplib's errors and refused connections alike
            log.error("follow sign-up: the confirmation email could not be sent: %r", error)
            # Leaving the atomic block by the exception undoes the sign-up as well.
            raise NotSent from error
        subscription.confirmation_sent_at = now
        subscription.save(update_fields=["confirmation_sent_at"])
    return subscription


def do_confirm(subscription: Subscription) -> Subscription:
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def do_unsubscribe(subscription: Subscription) -> None:
    """Forget the address for this area altogether."""
    subscription.delete()


def _alert(subscription: Subscription, lines: list[str], *, news: str) -> EmailMessage:
    url = unsubscribe_url(subscription)
    body = "\n".join(
        [
            f"New for {subscription.area.name} on areasend:",
            "",
            *lines,
            "",
            f"Stop these emails (one click): {url}",
        ]
    )
    return EmailMessage(
        subject=f"{subscription.area.name}: {news}",
        body=body,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_alerts(now: dt.datetime | None = None) -> int:
    """Email each confirmed follower what was announced or published since they confirmed;
    returns emails."""
    now = now or timezone.now()
    Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - dt.timedelta(days=CONFIRM_DAYS)
    ).delete()
    sent = 0
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False).select_related("area")
    for subscription in confirmed:
        assert subscription.confirmed_at is not None
        rows = HistoryEvent.objects.filter(
            area=subscription.area, recorded_at__gt=subscription.confirmed_at
        )
        with transaction.atomic():
            lines, announced = [], []
            for item in reversed(followed(rows)):
                try:
                    with transaction.atomic():
                        AlertSent.objects.create(subscription=subscription, publication=item.key)
                except IntegrityError:
                    continue
                lines.append(f"- {item.date:%-d %B %Y}: {item.summary} ({_site()}{item.link})")
                announced.append(item.key.endswith("|inspection_notified"))
            if lines:
                news = "inspection announced" if all(announced) else "new inspection publication"
                _alert(subscription, lines, news=news).send()
                sent += 1
    return sent
