"""A database connection that dies in the middle of a request: a Vietnamese 503 page, never werkzeug's raw
"Internal Server Error" from Flask-SQLAlchemy's teardown rollback, and the next request works again."""

import pytest
from sqlalchemy import text
from sqlalchemy.engine.default import DefaultDialect
from sqlalchemy.exc import OperationalError

from models import db

BUSY = "Hệ thống đang bận"


def _dead_rollback(self, dbapi_connection):
    """What a rollback on a dead connection does: the connection is gone, and the driver raises."""
    dbapi_connection.close()
    raise self.loaded_dbapi.OperationalError("server closed the connection unexpectedly")


def _query_then_fail():
    db.session.execute(text("SELECT 1"))
    raise OperationalError("SELECT …", {}, Exception("server closed the connection unexpectedly"))


@pytest.mark.parametrize("path", ["/kiosk/", "/api/v1/services"])
def test_a_connection_that_dies_mid_request_gives_a_vietnamese_503(demo, client, kiosk, monkeypatch, path):
    endpoint = "kiosk.home" if path == "/kiosk/" else "api.list_services"
    monkeypatch.setitem(client.application.view_functions, endpoint, _query_then_fail)
    monkeypatch.setattr(DefaultDialect, "do_rollback", _dead_rollback)
    response = client.get(path)
    assert response.status_code == 503
    assert BUSY in response.get_data(as_text=True)
    monkeypatch.undo()
    assert client.get(path).status_code == 200


def test_a_rollback_that_fails_at_teardown_does_not_spoil_a_finished_answer(demo, client, kiosk, monkeypatch):
    monkeypatch.setattr(DefaultDialect, "do_rollback", _dead_rollback)
    response = client.get("/kiosk/")  # reads the database, then the teardown's rollback raises
    assert response.status_code == 200
    monkeypatch.undo()
    assert client.get("/kiosk/").status_code == 200


def test_a_backend_killed_during_the_request_gives_a_503_on_postgresql(app, demo, client, kiosk, monkeypatch):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("pg_terminate_backend is PostgreSQL's")

    def killed_mid_request():
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        with db.engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        db.session.execute(text("SELECT 1"))  # the connection is gone now
        return "unreachable"

    monkeypatch.setitem(app.view_functions, "kiosk.home", killed_mid_request)
    response = client.get("/kiosk/")
    assert response.status_code == 503
    assert BUSY in response.get_data(as_text=True)
    monkeypatch.undo()
    assert client.get("/kiosk/").status_code == 200
