"""`flask --app wsgi backup PATH` / `restore PATH`: restoring a backup into an empty database gives back the
same tickets, events and ratings, row by row; a restore over data, or a backup over a file, is refused."""

import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, select

from models import Rating, Ticket, TicketEvent, db
from models import queue as rules
from models.rating_rules import rate
from models.transaction import perform
from tests.servers import ROOT

TABLES = (Ticket.__table__, TicketEvent.__table__, Rating.__table__)


def a_day_of_work(demo) -> None:
    """Tickets in every state: served and rated, served and not rated, no-show, still waiting."""
    counter, officer = demo.counters[1], demo.users["canbo1"]
    service_id = counter.services[0].id
    for _ in range(4):
        perform(db.session, rules.issue_ticket, service_id)
    served = perform(db.session, rules.call_next, counter.id, officer)
    perform(db.session, rules.complete, counter.id, officer)
    perform(db.session, rate, served.token, "hai_long", ["thai_do_phuc_vu"], "Cán bộ hướng dẫn tận tình")
    perform(db.session, rules.call_next, counter.id, officer)
    perform(db.session, rules.complete, counter.id, officer)
    perform(db.session, rules.call_next, counter.id, officer)
    perform(db.session, rules.no_show, counter.id, officer)


def rows(engine) -> dict:
    with engine.connect() as connection:
        return {t.name: connection.execute(select(t).order_by(t.c.id)).all() for t in TABLES}


def backend() -> str:
    return db.engine.url.get_backend_name()


def test_backup_refuses_to_overwrite_and_restore_refuses_a_database_with_data(app, demo, tmp_path):
    runner = app.test_cli_runner()
    existing = tmp_path / "exists.backup"
    existing.write_bytes(b"keep me")
    refused = runner.invoke(args=["backup", str(existing)])
    assert refused.exit_code == 1 and "already exists" in refused.output
    assert existing.read_bytes() == b"keep me"

    a_day_of_work(demo)
    backup = tmp_path / "motcua.backup"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    over_data = runner.invoke(args=["restore", str(backup)])
    assert over_data.exit_code == 1
    assert "Refusing to restore: this database is not empty" in over_data.output


@pytest.mark.skipif(not os.environ["DATABASE_URL"].startswith("sqlite"), reason="the SQLite recipe")
def test_sqlite_round_trip_into_a_fresh_database(app, demo, tmp_path):
    a_day_of_work(demo)
    backup = tmp_path / "motcua.backup"
    made = app.test_cli_runner().invoke(args=["backup", str(backup)])
    assert made.exit_code == 0, made.output

    fresh = tmp_path / "fresh.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{fresh}"}
    restored = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "restore", str(backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert restored.returncode == 0, restored.stderr
    expected = rows(db.engine)
    assert [len(expected[t.name]) for t in TABLES] == [4, 4 + 2 * 3 + 1, 1]  # 4 issued; 3 called and closed
    assert rows(create_engine(f"sqlite:///{fresh}")) == expected


@pytest.mark.skipif(not os.environ["DATABASE_URL"].startswith("postgresql"), reason="the pg_dump recipe")
def test_postgresql_round_trip_into_the_emptied_database(app, demo, empty_tables, tmp_path):
    a_day_of_work(demo)
    expected = rows(db.engine)
    backup = tmp_path / "motcua.dump"
    runner = app.test_cli_runner()
    made = runner.invoke(args=["backup", str(backup)])
    assert made.exit_code == 0, made.output

    db.session.remove()
    empty_tables()
    restored = runner.invoke(args=["restore", str(backup)])
    assert restored.exit_code == 0, restored.output
    assert rows(db.engine) == expected
    assert db.session.scalar(select(Ticket).filter_by(code="A001")).status == "done"


def test_without_pg_dump_the_exact_command_is_given_and_no_password_in_it(monkeypatch, tmp_path):
    from sqlalchemy.engine import make_url

    from motcua import backup as recipes

    monkeypatch.setattr(recipes.shutil, "which", lambda name: None)
    url = make_url("postgresql+psycopg://motcua:s3cret@db.internal:5432/motcua")
    with pytest.raises(recipes.BackupError) as refused:
        recipes.backup_postgresql(url, tmp_path / "motcua.dump")
    message = refused.value.message
    assert "pg_dump is not installed (apt-get install postgresql-client). Run by hand:" in message
    assert f"pg_dump --format=custom --no-owner --file={tmp_path / 'motcua.dump'} " in message
    assert "'postgresql://motcua@db.internal:5432/motcua'" in message and "s3cret" not in message
    assert recipes.libpq_url(url)[1]["PGPASSWORD"] == "s3cret"
