"""`flask --app wsgi doctor`: check a deployment's configuration and say what is wrong in plain words.

Each check prints one line, ✓ or ✗, and for a ✗ what to do. The exit code is 1 when a fatal check fails (the
server would not work, or not safely); warnings (✗ … warning only) do not change it.
"""

import ipaddress
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

import click
import redis
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import text

from models import db

from .config import ROOT

MIN_SECRET_LENGTH = 32
FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
GENERATE_KEY = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


@dataclass
class Check:
    name: str
    ok: bool
    says: str
    fatal: bool = True

    def line(self) -> str:
        if self.ok:
            return f"✓ {self.name}: {self.says}"
        return f"✗ {self.name}: {self.says}" + ("" if self.fatal else " (warning only)")


def check_secret_key(environ) -> Check:
    key = environ.get("SECRET_KEY", "")
    if not key:
        return Check(
            "SECRET_KEY",
            False,
            "not set in the environment, so each machine generates its own and sessions, API tokens and "
            f"tablet links break across servers. Set SECRET_KEY in the environment file (e.g. {GENERATE_KEY}).",
        )
    if len(key) < MIN_SECRET_LENGTH:
        return Check(
            "SECRET_KEY",
            False,
            f"only {len(key)} characters; use at least {MIN_SECRET_LENGTH} random ones ({GENERATE_KEY}).",
        )
    return Check("SECRET_KEY", True, "set from the environment and long enough.")


def _is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def check_public_url(app: Flask) -> Check:
    url = app.config.get("PUBLIC_URL") or ""
    if not url:
        return Check(
            "PUBLIC_URL",
            False,
            "not set: the QR codes on tickets would carry whatever address a request came in on. Set "
            "PUBLIC_URL to the address citizens' phones open, e.g. https://motcua.example.gov.vn.",
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Check("PUBLIC_URL", False, f"{url!r} is not a web address like https://motcua.example.gov.vn.")
    if parts.hostname.endswith((".example", "example.gov.vn", "example.com", "example.org")):
        return Check("PUBLIC_URL", False, f"{url} is still the example address; put the centre's own here.")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        return Check(
            "PUBLIC_URL",
            False,
            f"{url} is plain http: phones would send ratings unencrypted. Install a TLS certificate in "
            "nginx and use https://.",
        )
    return Check("PUBLIC_URL", True, f"{url}.")


def check_database() -> Check:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # whatever the driver raises, the operator needs the same advice
        db.session.rollback()
        return Check(
            "Database",
            False,
            f"cannot connect ({type(error).__name__}). Check DATABASE_URL and that the database server is "
            "running and accepts this user.",
        )
    return Check("Database", True, f"reachable ({db.engine.dialect.name}).")


def check_migrations(app: Flask) -> Check:
    directory = app.extensions["migrate"].directory
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    heads = set(ScriptDirectory.from_config(_alembic_config(directory)).get_heads())
    try:
        with db.engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except Exception:  # the database check already said why
        return Check("Migrations", False, "cannot read the schema version: the database does not answer.")
    if current == heads:
        return Check("Migrations", True, f"the schema is current ({', '.join(sorted(heads))}).")
    shown = f"is at {', '.join(sorted(current))}" if current else "has no tables yet"
    return Check(
        "Migrations",
        False,
        f"the database {shown}, the code expects {', '.join(sorted(heads))}. "
        "Run `flask --app wsgi db upgrade` (with the same environment) before starting the servers.",
    )


def _alembic_config(directory: str):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", directory)
    return config


def check_message_queue(app: Flask) -> Check:
    url = app.config.get("SOCKETIO_MESSAGE_QUEUE")
    if not url:
        return Check(
            "Message queue",
            True,
            "not configured: fine for ONE server process; several processes need SOCKETIO_MESSAGE_QUEUE "
            "(Redis) or screens miss calls made through another process.",
        )
    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    except (redis.RedisError, OSError) as error:
        return Check(
            "Message queue",
            False,
            f"SOCKETIO_MESSAGE_QUEUE is set but Redis does not answer ({type(error).__name__}). Start Redis "
            "or correct the address.",
        )
    finally:
        client.close()
    return Check("Message queue", True, "Redis answers.")


def check_fonts() -> Check:
    missing = [name for name in FONTS if not (ROOT / "static" / "fonts" / name).is_file()]
    if missing:
        return Check(
            "Fonts",
            False,
            f"missing static/fonts/{', '.join(missing)}: tickets cannot be printed in Vietnamese. "
            "Reinstall the application files.",
        )
    return Check("Fonts", True, "DejaVu Sans present for printed tickets.")


def check_voice() -> Check:
    """The default Vietnamese clip set the displays announce with (shipped; sites may upload their own)."""
    from models.announcement import REQUIRED

    folder = ROOT / "static" / "sounds" / "voice"
    missing = [name for name in REQUIRED if not (folder / f"{name}.wav").is_file()]
    if missing:
        return Check(
            "Voice clips",
            False,
            f"{len(missing)} default clips missing from static/sounds/voice/ (e.g. {missing[0]}.wav): displays of "
            "sites without their own set fall back to the browser's voice. Reinstall the application files, or "
            "run `python -m motcua.voice_build` (needs espeak-ng).",
            fatal=False,
        )
    return Check("Voice clips", True, "the default Vietnamese set is present.", fatal=False)


def check_printer(app: Flask) -> Check:
    from printing.faults import PrinterFault
    from printing.transports import parse_url

    url = app.config.get("PRINTER_URL") or "preview"
    try:
        target = parse_url(url)
    except PrinterFault:
        return Check(
            "PRINTER_URL",
            False,
            f"{url!r} is not a printer address. Use tcp://HOST:9100, usb://VID:PID, serial:///dev/ttyUSB0, "
            "file:///dev/usb/lp0, cups://NAME or preview.",
        )
    if target.scheme == "preview":
        return Check("PRINTER_URL", True, "preview (no default printer; kiosks may have their own).")
    return Check("PRINTER_URL", True, f"{target.scheme} printer.")


def run_checks(app: Flask, environ=None) -> list[Check]:
    environ = os.environ if environ is None else environ
    checks = [check_secret_key(environ), check_public_url(app), check_database()]
    if checks[-1].ok:
        checks.append(check_migrations(app))
    checks += [check_message_queue(app), check_fonts(), check_voice(), check_printer(app)]
    return checks


@click.command("doctor")
@with_appcontext
def doctor_command() -> None:
    """Check this deployment's configuration; exit code 1 if something fatal is wrong."""
    checks = run_checks(current_app)
    for check in checks:
        click.echo(check.line())
    failed = [check for check in checks if not check.ok and check.fatal]
    if failed:
        click.echo(f"\n{len(failed)} problem(s) to fix before this server takes citizens.")
        raise SystemExit(1)
    click.echo("\nThe configuration looks right.")
