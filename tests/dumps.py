"""A dump of the database, to show that a refused or failed step changed nothing, and a
failure to inject into a step."""

from __future__ import annotations

import io
import sys
from types import ModuleType

import pytest
from django.core.management import call_command

from areasend.accounts import audit as audit_module


class Injected(RuntimeError):
    pass


def fail_audit_of(monkeypatch: pytest.MonkeyPatch, services: ModuleType, action: str) -> None:
    """Make the audit entry of ``action`` fail in ``services``: the audit entry is the last
    write of every service step, so a step that is all or nothing must leave no trace."""
    real = audit_module.audit

    def failing(actor: object, name: str, obj: object, **kwargs: object) -> object:
        if name == action:
            raise Injected(f"injected failure in {action}")
        return real(actor, name, obj, **kwargs)  # type: ignore[arg-type]

    # The step's audit entry may be written by the services module (or a module of its
    # package) or by the kernel's locked change: every one of them is made to fail.
    for name, module in list(sys.modules.items()):
        ours = name.startswith(services.__name__) or name == "areasend.casework.actions"
        if ours and getattr(module, "audit", None) is real:
            monkeypatch.setattr(module, "audit", failing)


def database_dump(*apps: str) -> str:
    """Every row of ``apps`` (all apps but Django's own bookkeeping when none are named)."""
    out = io.StringIO()
    if apps:
        call_command("dumpdata", *apps, stdout=out)
    else:
        call_command(
            "dumpdata", exclude=["sessions", "contenttypes", "auth.permission"], stdout=out
        )
    return out.getvalue()


def dump_but_rejections() -> str:
    """Every row but the record of refused files (``RejectedFile``), which a refusal adds."""
    out = io.StringIO()
    call_command(
        "dumpdata",
        exclude=["sessions", "contenttypes", "auth.permission", "letters.rejectedfile"],
        stdout=out,
    )
    return out.getvalue()


def only_rejection_kept(reason_part: str) -> bool:
    """One refused file is recorded, with a reason that says ``reason_part``; its body is not."""
    from areasend.letters.models import RejectedFile

    rows = list(RejectedFile.objects.values_list("reason", flat=True))
    return len(rows) == 1 and reason_part in rows[0]
