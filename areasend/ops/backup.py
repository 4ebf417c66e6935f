"""Back up and restore the whole database (docs/operations.md).

PostgreSQL: a plain SQL dump by pg_dump (with DROP ... IF EXISTS before each object), restored
by psql in a single transaction, so a failed restore leaves the database as it was.
SQLite: the online backup API (sqlite3.Connection.backup), which copies a consistent snapshot
while the application keeps running, and copies it back page by page on restore.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections


class BackupError(Exception):
    """The backup or restore could not be done; the message says why."""


def _settings(alias: str) -> dict[str, Any]:
    return dict(connections[alias].settings_dict)


def _postgres_env(db: dict[str, Any]) -> dict[str, str]:
    # libpq's own variables: the password never appears on a command line.
    env = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not on PATH; install the PostgreSQL client tools.")
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def backup(target: Path, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Write a backup of the database to `target` (which must not exist yet)."""
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    if connection.vendor == "postgresql":
        db = _settings(alias)
        _run(
            [_tool("pg_dump"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--file", str(target)],
            _postgres_env(db),
        )  # fmt: skip
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:
        raise BackupError(f"backups of {connection.vendor} databases are not supported.")


def restore(source: Path, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Replace the whole database with the backup in `source`."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with source.open("rb") as head:
            if b"PostgreSQL database dump" not in head.read(4096):
                raise BackupError(f"{source} is not a PostgreSQL dump made by backup_db.")
        db = _settings(alias)
        # Our own connection must not hold locks the dump's DROP statements wait for.
        connection.close()
        _run(
            [_tool("psql"), "--quiet", "--no-psqlrc", "--single-transaction",
             "--set", "ON_ERROR_STOP=1", "--file", str(source)],
            _postgres_env(db),
        )  # fmt: skip
    elif connection.vendor == "sqlite":
        try:
            backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            backup_db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is not an SQLite database: {error}") from error
        try:
            connection.ensure_connection()
            backup_db.backup(connection.connection)
        finally:
            backup_db.close()
    else:
        raise BackupError(f"restoring {connection.vendor} databases is not supported.")
