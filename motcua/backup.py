"""`flask --app wsgi backup PATH` and `restore PATH`.

SQLite: sqlite3's online backup API copies the database page by page in one consistent snapshot, even while the
servers keep writing (copying the file itself could catch half a transaction). PostgreSQL: `pg_dump -Fc`, also
one consistent snapshot, restored with `pg_restore`. A restore goes only into an EMPTY database (a fresh file,
or a database with no rows), so it can never silently mix or overwrite a centre's data.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import Engine, func, inspect, select, table
from sqlalchemy.engine import URL

from models import db


class BackupError(click.ClickException):
    pass


def sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("This SQLite database lives in memory; there is nothing to back up.")
    return Path(url.database)


def backup_sqlite(database: Path, destination: Path) -> None:
    source = sqlite3.connect(database)
    target = sqlite3.connect(destination)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def restore_sqlite(backup: Path, database: Path) -> None:
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            raise BackupError(f"{backup} is not a Một Cửa backup (it has no alembic_version table).")
        target = sqlite3.connect(database)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{backup} is not a readable SQLite backup ({error}).") from None
    finally:
        source.close()


def libpq_url(url: URL) -> tuple[str, dict]:
    """A libpq address for pg_dump/pg_restore, and the environment carrying the password (never argv)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    # URL.set() skips None values: build the address without the password from its parts.
    plain = URL.create("postgresql", url.username, None, url.host, url.port, url.database, url.query)
    return plain.render_as_string(hide_password=False), env


def _pg_tool(name: str, command: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} is not installed (apt-get install postgresql-client). Run by hand:\n  {command}"
        )
    return path


def backup_postgresql(url: URL, destination: Path) -> None:
    address, env = libpq_url(url)
    command = f"pg_dump --format=custom --no-owner --file={destination} '{address}'"
    pg_dump = _pg_tool("pg_dump", command)
    run = subprocess.run(
        [pg_dump, "--format=custom", "--no-owner", f"--file={destination}", address],
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise BackupError(f"pg_dump failed: {run.stderr.strip()}\nThe command was:\n  {command}")


def restore_postgresql(backup: Path, url: URL) -> None:
    address, env = libpq_url(url)
    command = f"pg_restore --clean --if-exists --no-owner --exit-on-error --dbname='{address}' {backup}"
    pg_restore = _pg_tool("pg_restore", command)
    run = subprocess.run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={address}",
            str(backup),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise BackupError(f"pg_restore failed: {run.stderr.strip()}\nThe command was:\n  {command}")


def rows_held(engine: Engine) -> dict[str, int]:
    """Rows in each of our tables that exist in this database (none exist in a brand-new one)."""
    present = set(inspect(engine).get_table_names())
    counts = {}
    with engine.connect() as connection:
        for name in sorted(present & set(db.metadata.tables)):
            counts[name] = connection.scalar(select(func.count()).select_from(table(name)))
    return {name: count for name, count in counts.items() if count}


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Back up the database to PATH (SQLite: online backup; PostgreSQL: pg_dump -Fc). Safe while serving."""
    if path.exists():
        raise BackupError(f"{path} already exists; choose a new file name (backups are never overwritten).")
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        backup_sqlite(sqlite_path(url), path)
    elif url.get_backend_name() == "postgresql":
        backup_postgresql(url, path)
    else:
        raise BackupError(f"No backup recipe for {url.get_backend_name()}.")
    click.echo(f"Backup written to {path} ({path.stat().st_size} bytes).")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(path: Path) -> None:
    """Restore a backup made by `backup` into this EMPTY database. Stop the servers first."""
    url = db.engine.url
    held = rows_held(db.engine)
    if held:
        listed = ", ".join(f"{name} ({count})" for name, count in sorted(held.items())[:5])
        raise BackupError(
            f"Refusing to restore: this database is not empty ({listed}). Restore into a new, empty "
            "database (point DATABASE_URL at it); never over a centre's live data."
        )
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the tables the restore replaces
    if url.get_backend_name() == "sqlite":
        restore_sqlite(path, sqlite_path(url))
    elif url.get_backend_name() == "postgresql":
        restore_postgresql(path, url)
    else:
        raise BackupError(f"No restore recipe for {url.get_backend_name()}.")
    click.echo(
        f"Restored {path}. Run `flask --app wsgi db upgrade` if the backup is older than this version, "
        "then `flask --app wsgi doctor`."
    )
