"""Wait for the database at start-up: a server started before its database (a reboot, a PostgreSQL still
starting) says so in one line and keeps trying, instead of dying with a traceback."""

import time

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from models import db


def database_error() -> str | None:
    """None when the database answers; otherwise the driver's reason, on one line."""
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return None
    except (OperationalError, DBAPIError) as error:
        lines = [line.strip() for line in str(error.orig or error).splitlines() if line.strip()]
        return lines[0] if lines else type(error).__name__
    finally:
        db.session.remove()


def wait_for_database(echo, *, interval: float = 2.0, timeout: float | None = None) -> bool:
    """Try until the database answers (True) or `timeout` seconds pass (False); one line says what is wrong."""
    deadline = None if timeout is None else time.monotonic() + timeout
    reason = database_error()
    if reason is None:
        return True
    where = db.engine.url.render_as_string(hide_password=True)
    echo(f"Cannot reach the database {where}: {reason} — retrying every {interval:g} s (Ctrl+C stops).")
    while deadline is None or time.monotonic() < deadline:
        time.sleep(interval)
        if database_error() is None:
            echo("The database answers now.")
            return True
    return False
