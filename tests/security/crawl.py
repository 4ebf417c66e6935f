"""Every address the project answers, with real and bad values in its path, and the people
who ask: what the bad-input sweep and the embargo canary sweep both walk.

The addresses come from Django's resolver (the admin and the django-ninja API included), so
a new page is swept without anyone listing it here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

#: One person for every role of load_demo_people (and both sides of the inspection team).
PEOPLE = (
    "planner",
    "lead",
    "inspector",
    "cqc",
    "sheffield",
    "rotherham",
    "medway",
    "dfe",
    "nhse",
    "admin",
)

# A path parameter: <converter:name> or a regex group (?P<name>...).
_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its route text (params as <name>) and its name for test ids."""

    route: str
    name: str
    params: tuple[str, ...]

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")

    def fill(self, values: dict[str, str]) -> str:
        def put(match: re.Match[str]) -> str:
            return values[match.group("name") or match.group("rname")]

        text = _PARAM.sub(put, self.route)
        # Regex routes (the admin's app index and catch-all) carry their anchors.
        return "/" + text.replace("^", "").replace("$", "")


def _walk(resolver: URLResolver, prefix: str) -> Iterator[str]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def routes() -> list[Route]:
    """Every pattern of the URLconf once (a route shadowed by an earlier one is not reachable)."""
    seen: dict[str, Route] = {}
    for text in _walk(get_resolver(), ""):
        if text in seen:
            continue
        names = tuple(m.group("name") or m.group("rname") for m in _PARAM.finditer(text))
        label = text or "home"
        seen[text] = Route(text, label, names)
    return list(seen.values())


#: Values no real object has, in every shape a path converter accepts.
BAD_PATH_VALUES = ("no-such-thing", "99999999999999999999999", "-1", "%2e%2e")


@dataclass
class Values:
    """Real values for each path parameter name (the first is used unless a route needs more)."""

    by_name: dict[str, list[str]] = field(default_factory=dict)
    #: per admin model path (app/model): primary keys of real rows
    admin_objects: dict[str, list[str]] = field(default_factory=dict)

    def real(self, route: Route) -> Iterator[dict[str, str]]:
        """Fillings of the route's parameters with real values, one per value of its first
        parameter (so each inspection, area, plan... is asked for), others at their first."""
        if not route.params:
            yield {}
            return
        options = [self._options(route, name) for name in route.params]
        if any(not o for o in options):
            return
        for first in options[0]:
            yield {route.params[0]: first} | {
                n: o[0] for n, o in zip(route.params[1:], options[1:], strict=True)
            }

    def _options(self, route: Route, name: str) -> list[str]:
        if name == "object_id" or (route.is_admin and name in ("id", "pk")):
            model = "/".join(route.route.split("/")[1:3])
            return self.admin_objects.get(model, [])[:2]
        return self.by_name.get(name, [])

    def bad(self, route: Route) -> Iterator[dict[str, str]]:
        """Each parameter in turn given each bad value, the others real."""
        real = next(self.real(route), None)
        if real is None:
            real = dict.fromkeys(route.params, "1")
        for name in route.params:
            for value in BAD_PATH_VALUES:
                yield real | {name: value}


def gather_values() -> Values:
    """Real values from the database for every path parameter the URLconf uses."""
    from django.apps import apps
    from django.contrib import admin
    from django.contrib.contenttypes.models import ContentType
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from areasend.areas.models import LocalArea
    from areasend.improvement.models import (
        GovernanceReport,
        Milestone,
        Plan,
        PlanAction,
        PlanWeakness,
    )
    from areasend.inspections.models import Finding, Inspection
    from areasend.letters.models import LetterImport
    from areasend.surveys.questions import Kind

    inspections = list(Inspection.objects.order_by("pk"))
    # The area under embargo and the one with an improvement plan.
    areas = ["sheffield", "medway"]
    admin_user = User.objects.get(username="admin")
    values = Values(
        by_name={
            "ref": [i.reference for i in inspections],
            "slug": areas,
            "pk": [str(f.pk) for f in Finding.objects.order_by("pk")[:1]]
            + [str(x.pk) for x in LetterImport.objects.order_by("pk")[:1]],
            "plan": [str(p.pk) for p in Plan.objects.order_by("pk")[:2]],
            "report": [str(r.pk) for r in GovernanceReport.objects.order_by("pk")[:1]],
            # The first plan's own records, so its step pages are asked for with real ones.
            "weakness": [str(w.pk) for w in PlanWeakness.objects.order_by("plan", "pk")[:1]],
            "action": [str(a.pk) for a in PlanAction.objects.order_by("weakness__plan", "pk")[:1]],
            "milestone": [
                str(m.pk) for m in Milestone.objects.order_by("action__weakness__plan", "pk")[:1]
            ],
            "gss_code": list(
                LocalArea.objects.filter(slug__in=areas).values_list("gss_code", flat=True)
            ),
            "uidb64": [urlsafe_base64_encode(force_bytes(admin_user.pk))],
            "token": ["set-by-the-test"],
            "content_type_id": [str(ContentType.objects.get_for_model(LocalArea).pk)],
            "id": [str(admin_user.pk)],
            "app_label": ["accounts", "areas"],
            "url": ["no/such/page/"],
            "kind": [k.value for k in Kind],
        }
    )
    for model in admin.site._registry:
        label = f"{model._meta.app_label}/{model._meta.model_name}"
        values.admin_objects[label] = [
            str(pk)
            for pk in apps.get_model(model._meta.label).objects.values_list("pk", flat=True)[:2]
        ]
    return values


def signed_in(user: User | None) -> Client:
    """A client signed in as the user with a verified second factor (as the sign-in page leaves
    staff who have an authenticator app), or anonymous for None."""
    client = Client(raise_request_exception=False)
    if user is None:
        return client
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="sweep", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def people() -> dict[str, User | None]:
    users = {u.username: u for u in User.objects.filter(username__in=PEOPLE)}
    missing = set(PEOPLE) - set(users)
    assert not missing, f"demo people missing: {missing}"
    return {"anonymous": None} | {name: users[name] for name in PEOPLE}


_FORM_FIELD = re.compile(
    r"<(?:input|select|textarea)\b[^>]*\bname=\"(?P<name>[^\"]+)\"(?P<rest>[^>]*)>", re.I
)
_TYPE = re.compile(r"\btype=\"(?P<type>[^\"]+)\"", re.I)


def form_fields(html: str) -> dict[str, str]:
    """Names of the fields of the page's forms, each with its input type (text if none)."""
    found: dict[str, str] = {}
    for match in _FORM_FIELD.finditer(html):
        name = match.group("name")
        if name == "csrfmiddlewaretoken":
            continue
        kind = _TYPE.search(match.group(0))
        found.setdefault(name, kind.group("type").lower() if kind else "text")
    return found
