"""Load every local area since May 2016 and its NHS partners from the shipped CSVs."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from areasend.areas.reference import load_reference


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("areas", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
