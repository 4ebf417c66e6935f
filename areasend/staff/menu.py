"""Each person's menu and landing page, from the permission table: a link is offered only
if the guard its page declares (``view.action`` or ``PAGE_RULES``) lets the person in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.urls import resolve, reverse

from areasend.accounts.models import Role
from areasend.accounts.permissions import PAGE_RULES, Action, User, can, person_of


@dataclass(frozen=True)
class Link:
    text: str
    href: str


def _rule(namespace: str, name: str) -> str | None:
    return (
        PAGE_RULES.get(f"{namespace}:{name}") or PAGE_RULES.get(namespace) or PAGE_RULES.get(name)
    )


@lru_cache(maxsize=1024)
def _guard(href: str) -> tuple[Action | None, str | None]:
    """The action or page rule guarding ``href``. The addresses are fixed, so each is
    resolved once per process: every staff page builds the menu."""
    match = resolve(href)
    action: Action | None = getattr(match.func, "action", None)
    return action, None if action is not None else _rule(match.namespace, match.url_name or "")


def allowed(user: User, href: str, *, area_id: int | None = None) -> bool:
    """Whether the page at ``href`` would let ``user`` in, by the guard it declares."""
    action, rule = _guard(href)
    if action is not None:
        return can(user, action, area_id=area_id)
    if rule == "public":
        return True
    if not user.is_authenticated:
        return False
    if rule == "signed-in":
        return True
    if rule == "staff":
        verified = getattr(user, "is_verified", None)
        return bool(getattr(user, "is_staff", False) and callable(verified) and verified())
    if rule is not None and rule.startswith("perm:"):
        has_perm = getattr(user, "has_perm", None)
        return callable(has_perm) and bool(has_perm(rule.removeprefix("perm:")))
    return False  # tokens and API bearers: never a menu link


def menu_for(user: User) -> list[Link]:
    """The staff links of the service navigation, in the order people work."""
    person = person_of(user)
    candidates = [
        Link("What is due", reverse("due")),
        Link("Inspections", reverse("inspections:list")),
        Link("Planner", reverse("planner:plan")),
        Link("Letters to review", reverse("letters:queue")),
    ]
    # Only area officers work for a partnership, the one kind of organisation with an area
    # (ROLE_ORGANISATIONS): reading anyone else's organisation would cost every page a query.
    officer = person is not None and person.role == Role.AREA_OFFICER
    area = person.organisation.area if person is not None and officer else None
    links = [link for link in candidates if allowed(user, link.href)]
    if area is not None:
        plans = reverse("improvement:area", args=[area.slug])
        if allowed(user, plans, area_id=area.pk):
            links.append(Link("Your area's plans", plans))
    elif allowed(user, reverse("staff:areas")):
        text = "Areas you support" if person and person.role == Role.ADVISER else "Plans"
        links.append(Link(text, reverse("staff:areas")))
    if allowed(user, reverse("watcher:runs")):
        links.append(Link("Watcher", reverse("watcher:runs")))
    people = reverse("staff:people")
    if person is not None and person.role == Role.ADMINISTRATOR and allowed(user, people):
        links.append(Link("People", people))
    return links


def landing_for(user: User) -> str:
    """Where a person starts after signing in: the page their role works from."""
    person = person_of(user)
    role = person.role if person is not None else None
    if role == Role.ADMINISTRATOR:
        people = reverse("staff:people")
        if allowed(user, people):
            return people
    if role == Role.ADVISER:
        return reverse("staff:areas")
    if role in (Role.LEAD_INSPECTOR, Role.TEAM_INSPECTOR):
        return reverse("inspections:list")
    links = menu_for(user)
    return links[0].href if links else reverse("register:area_list")
