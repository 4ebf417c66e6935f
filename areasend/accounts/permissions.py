"""The permission table: who may do what, over which areas and inspections.

This table is the one place permissions are decided. Views ask ``can``;
the documentation (docs/permissions.md) is rendered from ``PERMISSIONS`` by
``manage.py render_permissions`` and a test fails if the two differ.

Scopes say how far a role's right reaches:

- ``ANY``: every area and inspection;
- ``OWN_AREA``: the person's own local area partnership only;
- ``TEAM``: inspections the person is on the team of;
- ``LEAD``: inspections the person leads.

Once an inspection's letter is published its findings and letter are public:
``PUBLIC_WHEN_PUBLISHED`` lists those actions. Until then the embargo holds:
draft findings and the letter are seen by the inspection team only, whatever
else a role may do (administrators included).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from areasend.accounts.models import Person, Role


class Action(StrEnum):
    INSPECTION_CREATE = "inspection.create"
    INSPECTION_VIEW = "inspection.view"
    INSPECTION_MANAGE = "inspection.manage"
    CHECKLIST_COMPLETE = "checklist.complete"
    EVIDENCE_RECORD = "evidence.record"
    FINDINGS_VIEW = "findings.view"
    FINDINGS_EDIT = "findings.edit"
    OUTCOME_DECIDE = "outcome.decide"
    LETTER_VIEW = "letter.view"
    LETTER_EDIT = "letter.edit"
    LETTER_PUBLISH = "letter.publish"
    OBLIGATIONS_VIEW = "obligations.view"
    HISTORY_RECORD = "history.record"
    LETTER_IMPORT = "letter_import.import"
    LETTER_CONFIRM = "letter_import.confirm"
    PROGRESS_JUDGE = "progress.judge"
    DEFERRAL_REQUEST = "deferral.request"
    DEFERRAL_DECIDE = "deferral.decide"
    PLAN_VIEW = "plan.view"
    PLAN_EDIT = "plan.edit"
    PLAN_JUDGE = "plan.judge"
    SUPPORT_RECORD = "support.record"
    ENGAGEMENT_RECORD = "engagement.record"
    WATCHER_RUN = "watcher.run"
    PROGRAMME_PLAN = "programme.plan"
    CALENDAR_REVOKE = "calendar.revoke"
    LOCAL_OFFER_EDIT = "local_offer.edit"
    SURVEYS_VIEW = "surveys.view"
    SURVEYS_TAG = "surveys.tag"
    PEOPLE_ADD = "people.add"


class Scope(StrEnum):
    ANY = "any area"
    OWN_AREA = "own area"
    TEAM = "on the team"
    LEAD = "leads it"


DESCRIPTIONS: dict[Action, str] = {
    Action.INSPECTION_CREATE: "Create an inspection and notify the area",
    Action.INSPECTION_VIEW: "See an inspection's casework: dates, team, checklist, evidence",
    Action.INSPECTION_MANAGE: "Change an inspection's team and record fieldwork",
    Action.CHECKLIST_COMPLETE: "Complete the family-communication checklist",
    Action.EVIDENCE_RECORD: "Record evidence: surveys, webinar, meetings, visits, case samples",
    Action.FINDINGS_VIEW: "See findings before the letter is published",
    Action.FINDINGS_EDIT: "Record findings",
    Action.OUTCOME_DECIDE: "Decide the outcome",
    Action.LETTER_VIEW: "See the letter before it is published",
    Action.LETTER_EDIT: "Draft and review the letter",
    Action.LETTER_PUBLISH: "Date and publish the letter",
    Action.OBLIGATIONS_VIEW: "See what is due",
    Action.HISTORY_RECORD: "Record events in an area's history through the API",
    Action.LETTER_IMPORT: "Import letter files into the review queue",
    Action.LETTER_CONFIRM: "Confirm an imported letter into an area's history",
    Action.PROGRESS_JUDGE: "Judge progress on each weakness at a revisit or monitoring inspection",
    Action.DEFERRAL_REQUEST: "Ask to defer an inspection",
    Action.DEFERRAL_DECIDE: "Grant or refuse a deferral",
    Action.PLAN_VIEW: "See improvement plans, their actions and progress reports",
    Action.PLAN_EDIT: "Write, update, submit and publish the area's improvement plans",
    Action.PLAN_JUDGE: "Judge whether a plan is fit for purpose",
    Action.SUPPORT_RECORD: "Record support and challenge, releases and improvement notices",
    Action.ENGAGEMENT_RECORD: "Record engagement meetings and thematic visits (2023 framework)",
    Action.WATCHER_RUN: "See the Ofsted watcher's runs and start one",
    Action.PROGRAMME_PLAN: "Ask for the inspection programme plan to be computed",
    Action.CALENDAR_REVOKE: "Revoke another person's calendar link (each person may their own)",
    Action.LOCAL_OFFER_EDIT: "Record the address of the area's Local Offer page",
    Action.SURVEYS_VIEW: "See the notice-week survey responses and their summary",
    Action.SURVEYS_TAG: "Tag a survey's free-text answers by theme",
    Action.PEOPLE_ADD: "Add a person's account, with their organisation and role",
}

_INSPECTORS = {Role.LEAD_INSPECTOR: Scope.TEAM, Role.TEAM_INSPECTOR: Scope.TEAM}

PERMISSIONS: dict[Action, dict[Role, Scope]] = {
    Action.INSPECTION_CREATE: {Role.PLANNER: Scope.ANY, Role.LEAD_INSPECTOR: Scope.ANY},
    Action.INSPECTION_VIEW: {
        Role.PLANNER: Scope.ANY,
        **_INSPECTORS,
        Role.AREA_OFFICER: Scope.OWN_AREA,
        Role.ADMINISTRATOR: Scope.ANY,
    },
    Action.INSPECTION_MANAGE: {Role.PLANNER: Scope.ANY, Role.LEAD_INSPECTOR: Scope.LEAD},
    Action.CHECKLIST_COMPLETE: {Role.AREA_OFFICER: Scope.OWN_AREA},
    Action.EVIDENCE_RECORD: dict(_INSPECTORS),
    Action.FINDINGS_VIEW: dict(_INSPECTORS),
    Action.FINDINGS_EDIT: dict(_INSPECTORS),
    Action.OUTCOME_DECIDE: {Role.LEAD_INSPECTOR: Scope.LEAD},
    Action.LETTER_VIEW: dict(_INSPECTORS),
    Action.LETTER_EDIT: {Role.LEAD_INSPECTOR: Scope.LEAD},
    Action.LETTER_PUBLISH: {Role.LEAD_INSPECTOR: Scope.LEAD},
    Action.OBLIGATIONS_VIEW: {
        Role.PLANNER: Scope.ANY,
        **_INSPECTORS,
        Role.AREA_OFFICER: Scope.OWN_AREA,
        Role.ADVISER: Scope.ANY,
    },
    Action.HISTORY_RECORD: {Role.PLANNER: Scope.ANY, Role.ADMINISTRATOR: Scope.ANY},
    # Whoever reviews the queue may fill it; nothing imported is public until confirmed.
    Action.LETTER_IMPORT: {Role.PLANNER: Scope.ANY, Role.LEAD_INSPECTOR: Scope.ANY},
    # Published letters of inspections run outside casework: the write gate refuses the rest.
    Action.LETTER_CONFIRM: {Role.PLANNER: Scope.ANY, Role.LEAD_INSPECTOR: Scope.ANY},
    Action.PROGRESS_JUDGE: {Role.LEAD_INSPECTOR: Scope.LEAD},
    Action.DEFERRAL_REQUEST: {Role.AREA_OFFICER: Scope.OWN_AREA},
    Action.DEFERRAL_DECIDE: {Role.PLANNER: Scope.ANY},
    Action.PLAN_VIEW: {
        Role.PLANNER: Scope.ANY,
        Role.LEAD_INSPECTOR: Scope.ANY,
        Role.TEAM_INSPECTOR: Scope.ANY,
        Role.AREA_OFFICER: Scope.OWN_AREA,
        Role.ADVISER: Scope.ANY,
        Role.ADMINISTRATOR: Scope.ANY,
    },
    Action.PLAN_EDIT: {Role.AREA_OFFICER: Scope.OWN_AREA},
    Action.PLAN_JUDGE: {Role.PLANNER: Scope.ANY, Role.LEAD_INSPECTOR: Scope.ANY},
    Action.SUPPORT_RECORD: {Role.ADVISER: Scope.ANY},
    Action.ENGAGEMENT_RECORD: {Role.PLANNER: Scope.ANY, Role.LEAD_INSPECTOR: Scope.ANY},
    Action.WATCHER_RUN: {Role.PLANNER: Scope.ANY},
    Action.PROGRAMME_PLAN: {Role.PLANNER: Scope.ANY},
    Action.CALENDAR_REVOKE: {Role.ADMINISTRATOR: Scope.ANY},
    Action.LOCAL_OFFER_EDIT: {Role.AREA_OFFICER: Scope.OWN_AREA},
    # Responses are evidence under embargo: the team only, before and after publication.
    Action.SURVEYS_VIEW: dict(_INSPECTORS),
    Action.SURVEYS_TAG: dict(_INSPECTORS),
    Action.PEOPLE_ADD: {Role.ADMINISTRATOR: Scope.ANY},
}

#: How each URL name ("namespace:name"), namespace or un-namespaced URL name
#: outside casework is guarded: "public" (everyone), "signed-in" (any staff
#: account), "token" (a signed link), "bearer" (an API token whose person the
#: table allows the action), "staff" (Django admin), or a Django
#: permission. Casework views declare their ``Action`` on the view itself
#: (``view.action``). The generated permission test walks every URL and fails
#: on one that is in neither.
PAGE_RULES: dict[str, str] = {
    "register": "public",
    "admin": "staff",
    "letters": "perm:letters.review_letterimport",
    "planner": "perm:planner.plan_programme",
    "healthz": "public",
    "reminders:area": "public",
    # Calendar programs cannot sign in: a person's feed is reached by a signed token.
    "reminders:person": "token",
    "reminders:mine": "signed-in",
    # Sign-in lands here; it sends each role on to the page it works from.
    "staff:home": "signed-in",
    # Accounts are the administrator's, behind the admin's own gate: staff, second factor given.
    "staff:people": "staff",
    "staff:add_person": "staff",
    "alerts": "public",
    "api": "public",
    "api:record_events": "bearer",
    "alerts:confirm": "token",
    "alerts:unsubscribe": "token",
    # The surveys and their poster are for everyone; the summary declares its Action.
    "surveys:index": "public",
    "surveys:form": "public",
    "surveys:thanks": "public",
    "surveys:poster": "public",
}

#: What everyone, signed in or not, may see once the letter is published.
PUBLIC_WHEN_PUBLISHED = frozenset({Action.FINDINGS_VIEW, Action.LETTER_VIEW})

#: Actions that change a published inspection: none, the letter is final.
CLOSED_WHEN_PUBLISHED = frozenset(
    {
        Action.EVIDENCE_RECORD,
        Action.FINDINGS_EDIT,
        Action.OUTCOME_DECIDE,
        Action.LETTER_EDIT,
        Action.LETTER_PUBLISH,
        Action.CHECKLIST_COMPLETE,
        Action.PROGRESS_JUDGE,
        Action.DEFERRAL_REQUEST,
        Action.DEFERRAL_DECIDE,
    }
)


class Inspected(Protocol):
    """What the table needs to know of an inspection."""

    @property
    def area_id(self) -> int: ...

    @property
    def is_published(self) -> bool: ...

    @property
    def is_announced(self) -> bool:
        """Whether the area has been notified: until then it is the inspectorate's plan."""
        ...

    def team_role(self, user_id: int) -> str | None: ...


User = AbstractBaseUser | AnonymousUser


def person_of(user: User) -> Person | None:
    if not user.is_authenticated:
        return None
    # The related-object error is an AttributeError: staff without a profile get None.
    person: Person | None = getattr(user, "person", None)
    return person


def scope_holds(
    scope: Scope, person: Person, area_id: int | None, inspection: Inspected | None
) -> bool:
    if scope is Scope.ANY:
        return True
    if scope is Scope.OWN_AREA:
        if inspection is not None and not inspection.is_announced:
            # A planned inspection is not the area's to see until the notification call.
            return False
        if inspection is None and area_id is None:
            # No particular area in view (a list): the list is filtered later.
            return person.organisation.area_id is not None
        target = inspection.area_id if inspection is not None else area_id
        return target is not None and target == person.organisation.area_id
    if inspection is None:
        # Without a particular inspection in view (a list, a form to create one)
        # a team scope means "on some team": the list is filtered later.
        return True
    role = inspection.team_role(person.user_id)
    return role is not None and (scope is Scope.TEAM or role == "lead")


def can(
    user: User,
    action: Action,
    *,
    area_id: int | None = None,
    inspection: Inspected | None = None,
) -> bool:
    if inspection is not None and inspection.is_published:
        if action in PUBLIC_WHEN_PUBLISHED:
            return True
        if action in CLOSED_WHEN_PUBLISHED:
            return False
    person = person_of(user)
    if person is None:
        return False
    scope = PERMISSIONS[action].get(Role(person.role))
    return scope is not None and scope_holds(scope, person, area_id, inspection)


def render_table() -> str:
    """The permission table as Markdown, for docs/permissions.md."""
    roles = list(Role)
    lines = [
        "# Permissions",
        "",
        "Generated by `python manage.py render_permissions` from",
        "`areasend/accounts/permissions.py`; a test fails if this file and the code differ.",
        "Cells give the scope of the right: *any area*; *own area* (the person's local area",
        "partnership); *on the team* (inspections the person is on the team of); *leads it*",
        "(inspections the person leads). A blank cell: no right. Anonymous visitors have none.",
        "",
        "| Action | " + " | ".join(r.label for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for action, grants in PERMISSIONS.items():
        cells = [str(grants[r]) if r in grants else "" for r in roles]
        lines.append(f"| {DESCRIPTIONS[action]} | " + " | ".join(cells) + " |")
    public = ", ".join(DESCRIPTIONS[a].lower() for a in sorted(PUBLIC_WHEN_PUBLISHED))
    closed = ", ".join(DESCRIPTIONS[a].lower() for a in sorted(CLOSED_WHEN_PUBLISHED))
    lines += [
        "",
        "## Once the letter is published",
        "",
        f"- Everyone, signed in or not, may: {public}.",
        f"- Nobody may any longer: {closed}.",
        "",
        "## The embargo",
        "",
        "Until the letter is published, findings and the letter are seen by the inspection team",
        "only. Planners, administrators, the area itself, DfE and NHS England advisers and the",
        "public see neither. Pages for an inspection a person may not see answer 404 (not 403),",
        "so guessing another area's inspection reveals nothing, not even that it exists.",
        "An inspection that is only planned is the inspectorate's: the area sees it from the",
        "notification call on.",
        "",
    ]
    return "\n".join(lines)
