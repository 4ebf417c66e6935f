"""backup_db and restore_db round-trip the whole database, row by row, on SQLite and (when
the suite runs there) on PostgreSQL with pg_dump and psql."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from areasend.areas.models import HistoryEvent, LocalArea
from areasend.areas.reference import load_reference


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted, with values in comparable form."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(include_views=False)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                for row in cursor.fetchall()
            ]
            tables[table] = sorted(rows, key=repr)
    return tables


needs_tools = pytest.mark.skipif(
    connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("psql")),
    reason="pg_dump and psql are needed to back up PostgreSQL",
)


@pytest.fixture
def reference_data() -> None:
    """An earlier transactional test's flush also removes the reference rows the data
    migration loaded; put them back with the migration's own loader."""
    if not LocalArea.objects.exists():
        load_reference(apps)


@needs_tools
@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_every_row_of_a_demo_database(tmp_path: Path, reference_data):
    call_command("load_demo", stdout=StringIO())
    User.objects.create_user("inspector", email="i@example.org", password="Kestrel-9aq-Moor")
    before = snapshot()
    assert len(before["areas_historyevent"]) > 50
    assert sum(len(rows) for rows in before.values()) > 1000

    backup = tmp_path / "areasend.backup"
    call_command("backup_db", str(backup), stdout=StringIO())
    assert backup.stat().st_size > 0

    HistoryEvent.objects.all().delete()
    User.objects.all().delete()
    User.objects.create_user("intruder")
    assert snapshot() != before

    call_command("restore_db", str(backup), "--no-input", stdout=StringIO())
    after = snapshot()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table


@pytest.mark.django_db
def test_backup_never_overwrites_a_file(tmp_path: Path):
    existing = tmp_path / "kept"
    existing.write_text("earlier backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_db", str(existing))
    assert existing.read_text() == "earlier backup"


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path):
    junk = tmp_path / "notes.txt"
    junk.write_text("these are not the rows you are looking for\n" * 100)
    count = HistoryEvent.objects.count()
    areas = connection.introspection.table_names()
    with pytest.raises(CommandError, match=r"not an SQLite database|not a PostgreSQL dump"):
        call_command("restore_db", str(junk), "--no-input")
    with pytest.raises(CommandError, match="is not a file"):
        call_command("restore_db", str(tmp_path / "missing"), "--no-input")
    assert HistoryEvent.objects.count() == count
    assert connection.introspection.table_names() == areas
