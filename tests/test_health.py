"""GET /healthz: what the load balancer reads. 200 while the database answers, 503 when it does not; the
message queue and the printers only degrade it. Never a host name or an error text in the answer."""

import os

import pytest
from sqlalchemy.exc import OperationalError

from models import db
from models.printing import PrintAttempt, record_print
from models.transaction import perform

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # port 1: nothing listens there, the connection is refused


def test_healthy_without_a_message_queue(client, demo):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "message_queue": "not_configured",
            "printers": {"status": "ok", "failing": 0},
        },
    }
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.skipif(not os.environ.get("SOCKETIO_MESSAGE_QUEUE"), reason="needs a Redis (the PostgreSQL run)")
def test_healthy_with_the_message_queue_up(app, client, demo, monkeypatch):
    monkeypatch.setitem(app.config, "SOCKETIO_MESSAGE_QUEUE", os.environ["SOCKETIO_MESSAGE_QUEUE"])
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["checks"]["message_queue"] == "ok"


def test_message_queue_down_degrades_but_keeps_traffic(app, client, demo, monkeypatch):
    monkeypatch.setitem(app.config, "SOCKETIO_MESSAGE_QUEUE", UNREACHABLE_REDIS)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "degraded" and body["checks"]["message_queue"] == "down"
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_database_down_is_503(client, demo, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("could not connect to server at db.internal"))

    monkeypatch.setattr(db.session, "execute", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "down",
        "checks": {"database": "down", "message_queue": "not_configured", "printers": {"status": "unknown"}},
    }
    assert "db.internal" not in response.get_data(as_text=True)


def test_a_failing_printer_degrades(client, demo):
    attempt = PrintAttempt(demo.site.id, "default", "Máy in", "ticket", ok=False, fault="paper_out")
    perform(db.session, record_print, attempt)
    body = client.get("/healthz").get_json()
    assert body["status"] == "degraded"
    assert body["checks"]["printers"] == {"status": "alert", "failing": 1}
    perform(db.session, record_print, PrintAttempt(demo.site.id, "default", "Máy in", "ticket", ok=True))
    assert client.get("/healthz").get_json()["status"] == "ok"
