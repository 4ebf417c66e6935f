"""The area's Local Offer page: where families find what the area itself publishes.

In the notice week councils put the inspection's dates and the ways to take part on
their Local Offer website; the register links there (register.notice_week). The
address is set by the area's own officer, and only an https address is taken, because
the public page links to it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from areasend.accounts.audit import audit
from areasend.accounts.permissions import Action, User, can
from areasend.areas.models import LocalArea

MAX_LENGTH = 500
_https = URLValidator(schemes=["https"])


class LinkError(ValueError):
    """An address the public pages will not link to, with the field it concerns."""

    def __init__(self, message: str, *, field: str) -> None:
        self.field = field
        super().__init__(message)


def public_link(value: str, *, what: str, field: str) -> str:
    """The address cleaned, or LinkError: blank (no link) or a full https address."""
    value = value.strip()
    if not value:
        return ""
    if len(value) > MAX_LENGTH:
        raise LinkError(f"{what} must be at most {MAX_LENGTH} characters.", field=field)
    try:
        _https(value)
    except ValidationError as error:
        raise LinkError(
            f"{what} must be a full web address starting https://, like "
            "https://www.example.gov.uk/send/local-offer",
            field=field,
        ) from error
    return value


def do_set_local_offer_url(actor: User, area: LocalArea, url: str) -> LocalArea:
    """Record (or, blank, remove) the address of the area's Local Offer page."""
    if not can(actor, Action.LOCAL_OFFER_EDIT, area_id=area.pk):
        raise PermissionDenied("You may not record the Local Offer page of this area.")
    if not area.is_current:
        raise LinkError(f"{area.name} no longer exists as a local area.", field="url")
    cleaned = public_link(url, what="The Local Offer page", field="url")
    with transaction.atomic():
        locked = LocalArea.objects.select_for_update().get(pk=area.pk)
        if locked.local_offer_url == cleaned:
            return locked
        # Only the field: an area's snapshot would drag in its many-to-many relations.
        before = {"local_offer_url": locked.local_offer_url}
        locked.local_offer_url = cleaned
        locked.save(update_fields=["local_offer_url"])
        audit(
            actor,
            "set_local_offer_url",
            locked,
            area=locked,
            before=before,
            after={"local_offer_url": cleaned},
        )
    area.refresh_from_db()
    return area
