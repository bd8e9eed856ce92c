"""Factories and constants the tests share (fixtures live in conftest.py)."""

from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import requests
from sqlalchemy import event

from models import Device
from motcua.demo import DEMO_PASSWORD
from motcua.kiosk_keys import enrolment_path, kiosk_key

# Screenshots, server logs and printouts of a run: kept by CI.
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def bearer(base: str, username: str, password: str = DEMO_PASSWORD) -> dict:
    """The Authorization header of a fresh API token for `username`, from the server at `base`."""
    response = requests.post(
        f"{base}/api/v1/auth/token", json={"username": username, "password": password}, timeout=10
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def enrolment(device: Device) -> SimpleNamespace:
    """A kiosk device's credentials: `.url` enrols a browser (relative to the server), `.headers` are for
    the API, `.key` is the signed key itself."""
    key = kiosk_key(device)
    return SimpleNamespace(
        device=device,
        key=key,
        headers={"X-Kiosk-Key": key},
        url=enrolment_path(device),
    )


def counter_tablet_key(counter) -> str:
    """The signed key of the counter's registered rating tablet (the demo registers one per counter); `counter`
    is a Counter or its id."""
    from sqlalchemy import select

    from models import DeviceKind, db
    from motcua.tablet_keys import tablet_key

    counter_id = counter if isinstance(counter, int) else counter.id
    device = db.session.scalar(
        select(Device).filter_by(kind=DeviceKind.TABLET, counter_id=counter_id).order_by(Device.id).limit(1)
    )
    assert device is not None, f"counter {counter_id} has no rating tablet"
    return tablet_key(device)


class Statements:
    """The SQL statements an engine ran while counting (`.sql`), by SQLAlchemy's before_cursor_execute event:
    each is a round trip to the database and, on PostgreSQL under gevent, a yield to the loop."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def __len__(self) -> int:
        return len(self.sql)

    def listing(self) -> str:
        return "\n".join(f"{n:3}. {' '.join(s.split())[:160]}" for n, s in enumerate(self.sql, start=1))


@contextmanager
def count_statements(engine):
    """`with count_statements(db.engine) as statements:` … `len(statements)` (SAVEPOINTs included)."""
    statements = Statements()

    def note(_conn, _cursor, statement, _parameters, _context, _executemany):
        statements.sql.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", note)
