"""`flask --app wsgi doctor`: one ✓/✗ line per check, a plain sentence of what to do, exit 1 on a fatal one."""

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import OperationalError

from models import db
from motcua import doctor
from motcua.config import ROOT

GOOD_KEY = "k" * 64


@pytest.fixture
def good(app, monkeypatch):
    """A deployment configured as the README says."""
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://motcua.quangninh.gov.vn")
    monkeypatch.setitem(app.config, "PRINTER_URL", "tcp://192.168.1.50:9100")
    monkeypatch.setitem(app.config, "SOCKETIO_MESSAGE_QUEUE", None)
    return {"SECRET_KEY": GOOD_KEY}


def head() -> str:
    """The newest migration shipped (the one `db upgrade` leads to)."""
    return ScriptDirectory(str(ROOT / "migrations")).get_current_head()


def by_name(checks) -> dict:
    return {check.name: check for check in checks}


def test_a_good_configuration_passes_every_fatal_check(app, ctx, good):
    checks = by_name(doctor.run_checks(app, good))
    assert list(checks) == [
        "SECRET_KEY", "PUBLIC_URL", "Database", "Migrations", "Message queue", "Fonts", "Voice clips", "PRINTER_URL",
    ]  # fmt: skip
    assert [name for name, check in checks.items() if not check.ok and check.fatal] == []
    assert checks["Voice clips"].fatal is False and checks["Voice clips"].ok
    assert checks["Migrations"].line() == f"✓ Migrations: the schema is current ({head()})."


@pytest.mark.parametrize(
    ("environ", "says"),
    [
        ({}, "not set in the environment"),
        ({"SECRET_KEY": "dev"}, "only 3 characters; use at least 32"),
    ],
)
def test_secret_key(environ, says):
    check = doctor.check_secret_key(environ)
    assert (check.ok, check.fatal) == (False, True) and says in check.says


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("", False),
        ("motcua.example.gov.vn", False),
        ("http://motcua.quangninh.gov.vn", False),
        ("https://motcua.example.gov.vn", False),  # the placeholder of motcua.env.example
        ("https://motcua.quangninh.gov.vn", True),
        ("http://127.0.0.1:8080", True),  # a check on this machine (make prod-check)
    ],
)
def test_public_url(app, monkeypatch, url, ok):
    monkeypatch.setitem(app.config, "PUBLIC_URL", url)
    assert doctor.check_public_url(app).ok is ok


def test_database_down(app, ctx, good, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", refuse)
    checks = by_name(doctor.run_checks(app, good))
    assert (
        checks["Database"]
        .line()
        .startswith("✗ Database: cannot connect (OperationalError). Check DATABASE_URL")
    )
    assert "Migrations" not in checks  # nothing more to say about a database that does not answer


def test_migrations_behind(app, ctx, monkeypatch):
    class Behind:
        def get_current_heads(self):
            return ("0003_catalogue",)

    monkeypatch.setattr(MigrationContext, "configure", lambda connection: Behind())
    check = doctor.check_migrations(app)
    assert check.ok is False
    assert f"at 0003_catalogue, the code expects {head()}. Run `flask --app wsgi db upgrade`" in check.says


def test_message_queue_unreachable(app, monkeypatch):
    monkeypatch.setitem(app.config, "SOCKETIO_MESSAGE_QUEUE", "redis://127.0.0.1:1/0")
    check = doctor.check_message_queue(app)
    assert (check.ok, check.fatal) == (False, True) and "Redis does not answer" in check.says


def test_missing_fonts(monkeypatch, tmp_path):
    monkeypatch.setattr(doctor, "ROOT", tmp_path)
    check = doctor.check_fonts()
    assert check.ok is False and "DejaVuSans.ttf" in check.says


def test_bad_printer_url(app, monkeypatch):
    monkeypatch.setitem(app.config, "PRINTER_URL", "tcp://")
    check = doctor.check_printer(app)
    assert check.ok is False and "is not a printer address" in check.says


def test_the_command_exits_1_on_a_fatal_problem_and_0_when_all_is_well(app, ctx, good, monkeypatch):
    runner = app.test_cli_runner()
    bad = runner.invoke(args=["doctor"], env={"SECRET_KEY": ""})
    assert bad.exit_code == 1
    assert "✗ SECRET_KEY: not set in the environment" in bad.output
    assert "1 problem(s) to fix" in bad.output
    fine = runner.invoke(args=["doctor"], env=good)
    assert fine.exit_code == 0, fine.output
    assert "✓ Database: reachable" in fine.output and "The configuration looks right." in fine.output
