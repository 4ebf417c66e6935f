"""Case references become pseudonyms the service gives (ADR 0023).

A reference typed before this change that is not already ``CS-`` and a number
(it might be "Jane-Smith-1" or an NHS number) is replaced by the inspection's
next free pseudonym, in the order the cases were added; ``CS-014`` and the like
are kept, so every stored case stays readable under a reference of the new
form. The old value is not kept anywhere: that is the point.
"""

import re
from typing import Any

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

import areasend.inspections.models

# The pseudonym format as of this migration (casework.pseudonyms may change later).
PSEUDONYM = re.compile(r"CS-(\d{3,13})")


def pseudonymise(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    CaseSample = apps.get_model("inspections", "CaseSample")
    by_inspection: dict[int, list[Any]] = {}  # historical models have no static type
    for case in CaseSample.objects.order_by("inspection_id", "pk"):
        by_inspection.setdefault(case.inspection_id, []).append(case)
    for cases in by_inspection.values():
        kept = [m for m in (PSEUDONYM.fullmatch(c.reference) for c in cases) if m]
        number = max((int(m.group(1)) for m in kept), default=0)
        for case in cases:
            if not PSEUDONYM.fullmatch(case.reference):
                number += 1
                case.reference = f"CS-{number:03d}"
                case.save(update_fields=["reference"])


class Migration(migrations.Migration):
    dependencies = [("inspections", "0002_progress_judgements_and_deferrals")]

    operations = [
        migrations.RunPython(pseudonymise, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="casesample",
            name="reference",
            field=models.CharField(
                max_length=16, validators=[areasend.inspections.models.validate_pseudonym]
            ),
        ),
    ]
