"""The daily reminder: each responsible person gets the obligations due within ten
working days and those overdue, each obligation once, however often the job runs.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

from areasend.accounts.models import Person, Role
from areasend.framework.calendar import england
from areasend.framework.status import Party
from areasend.inspections.due import DueRow, obligations_for
from areasend.reminders.models import ReminderSent

log = logging.getLogger(__name__)
#: How far ahead a reminder looks, in working days (issue 4: ten).
AHEAD_WD = 10


def obligation_key(row: DueRow) -> str:
    ob = row.obligation
    return f"{row.area.gss_code}|{ob.rule}|{ob.inspection or ''}|{ob.due.isoformat()}"


#: Whom a reminder goes to: the people who must act, not everyone who may look.
RESPONSIBLE: dict[str, frozenset[Party]] = {
    Role.PLANNER: frozenset({Party.INSPECTORATE}),
    Role.LEAD_INSPECTOR: frozenset({Party.INSPECTORATE}),
    Role.TEAM_INSPECTOR: frozenset({Party.INSPECTORATE}),
    Role.AREA_OFFICER: frozenset({Party.LOCAL_AREA}),
    Role.ADVISER: frozenset({Party.DFE_NHSE, Party.SECRETARY_OF_STATE}),
    Role.ADMINISTRATOR: frozenset(),
}


def upcoming(person: Person, today: dt.date) -> list[DueRow]:
    """Open obligations on the person's side due within the window or overdue, soonest first."""
    horizon = england().add_working_days(today, AHEAD_WD)
    parties = RESPONSIBLE[person.role]
    return [
        r
        for r in obligations_for(person.user, today)
        if r.obligation.due <= horizon and r.obligation.who in parties
    ]


def _message(person: Person, rows: list[DueRow], today: dt.date) -> EmailMessage:
    lines = [
        f"Dear {person.name},",
        "",
        f"These obligations are overdue or due in the next {AHEAD_WD} working days "
        f"(as of {today:%-d %B %Y}):",
        "",
    ]
    for row in rows:
        ob = row.obligation
        state = "OVERDUE" if ob.overdue else "due"
        due = f"{state} {ob.due:%-d %B %Y}"
        lines.append(f"- {row.area.name}: {ob.what} ({ob.who}), {due} [{ob.rule}]")
    lines += ["", "Each reminder is sent once. See everything due at /due/ in areasend."]
    return EmailMessage(
        subject=f"areasend: {len(rows)} obligation{'s' if len(rows) != 1 else ''} due",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.user.email],
    )


def send_reminders(today: dt.date) -> int:
    """Email every person their new reminders; returns how many obligations were sent."""
    sent = 0
    people = Person.objects.select_related("user", "organisation").exclude(user__email="")
    for person in people.filter(user__is_active=True):
        rows = upcoming(person, today)
        if not rows:
            continue
        try:
            with transaction.atomic():
                fresh = []
                for row in rows:
                    # The unique constraint makes a second run (even a concurrent one) a no-op.
                    try:
                        with transaction.atomic():
                            ReminderSent.objects.create(
                                person=person, obligation=obligation_key(row), sent_on=today
                            )
                    except IntegrityError:
                        continue
                    fresh.append(row)
                if fresh:
                    # Inside the transaction: if the mail cannot go, nothing is marked sent.
                    _message(person, fresh, today).send()
                    sent += len(fresh)
        except OSError:
            log.exception("reminder email to person %s failed; will retry next run", person.pk)
    return sent
