"""A dump of the database, to show that a refused or failed step changed nothing."""

from __future__ import annotations

import io

from django.core.management import call_command


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
