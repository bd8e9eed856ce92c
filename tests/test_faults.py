"""A database that is locked for a moment: the request waits or is retried, and otherwise gets a clear 503
with nothing half-written."""

import threading
import time

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from models import Ticket, TicketSequence, db


def _hold_write_lock(app, seconds: float, ready: threading.Event):
    with app.app_context():
        connection = db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            if db.engine.dialect.name == "sqlite":
                cursor.execute("BEGIN EXCLUSIVE")
            else:
                cursor.execute("BEGIN")
                cursor.execute("LOCK TABLE ticket_sequences IN ACCESS EXCLUSIVE MODE")
            ready.set()
            time.sleep(seconds)
            connection.commit()
        finally:
            connection.close()


def test_a_short_lock_only_delays_the_ticket(app, demo, client, kiosk):
    ready = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(app, 0.8, ready))
    holder.start()
    assert ready.wait(5)
    started = time.monotonic()
    response = client.post(
        "/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers
    )
    holder.join()
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["code"] == "A001"
    assert time.monotonic() - started >= 0.5  # it really waited for the lock


def _always_locked(*_args, **_kwargs):
    raise OperationalError("INSERT …", {}, Exception("database is locked"))


def test_a_lock_that_does_not_clear_gets_a_clear_503_and_writes_nothing(demo, client, kiosk, monkeypatch):
    monkeypatch.setattr("models.queue.next_number", _always_locked)
    monkeypatch.setattr("models.transaction.time.sleep", lambda _seconds: None)
    response = client.post(
        "/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers
    )
    assert response.status_code == 503
    assert response.get_json()["error"] == {
        "code": "busy",
        "message": "Hệ thống đang bận, xin vui lòng thử lại sau giây lát.",
    }
    screen = client.post("/kiosk/tickets", data={"service_id": demo.services["A"].id})
    assert screen.status_code == 503 and "Hệ thống đang bận" in screen.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Ticket)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(TicketSequence)) == 0


def test_other_database_errors_are_not_retried_and_never_a_500_page(demo, client, kiosk, monkeypatch):
    calls = []

    def broken(*_args, **_kwargs):
        calls.append(1)
        raise OperationalError("SELECT …", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr("models.queue.next_number", broken)
    response = client.post(
        "/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers
    )
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "busy"
    assert calls == [1]
    db.session.rollback()
    assert db.session.execute(text("SELECT 1")).scalar() == 1
