"""One log line per request with a request id (from nginx's X-Request-Id when sane, else generated), echoed
in the response and carried by every record of that request; no token and no query string in the logs."""

import json
import logging
import re
import subprocess
import sys

from sqlalchemy.exc import OperationalError

from devserver import ROOT
from models import db
from models.queue import issue_ticket
from models.transaction import perform
from motcua import trust_proxy
from motcua.request_log import JsonFormatter


def access_records(caplog):
    return [r for r in caplog.records if r.name == "motcua.access"]


def test_a_request_id_is_generated_and_echoed(client, demo, caplog):
    caplog.set_level(logging.INFO, logger="motcua")
    response = client.get("/api/v1/services?site=" + demo.site.code)
    request_id = response.headers["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    (record,) = access_records(caplog)
    assert record.request_id == request_id
    assert record.fields["path"] == "/api/v1/services"  # no query string
    assert record.fields["method"] == "GET" and record.fields["status"] == 200


def test_a_sane_request_id_is_kept_an_insane_one_replaced(client, demo):
    assert client.get("/healthz", headers={"X-Request-Id": "nginx-4f2a9c"}).headers["X-Request-Id"] == (
        "nginx-4f2a9c"
    )
    forged = client.get("/healthz", headers={"X-Request-Id": 'x" injected=1 ' + "a" * 80})
    assert re.fullmatch(r"[0-9a-f]{32}", forged.headers["X-Request-Id"])


def test_every_record_of_a_request_carries_its_id(client, demo, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger="motcua")

    def refuse(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("down"))

    monkeypatch.setattr(db.session, "execute", refuse)
    response = client.get("/healthz", headers={"X-Request-Id": "probe-1"})
    assert response.status_code == 503
    warning = next(r for r in caplog.records if r.levelno == logging.WARNING)
    assert warning.request_id == "probe-1"
    assert access_records(caplog)[0].request_id == "probe-1"


def test_ticket_tokens_never_reach_the_log(client, demo, caplog):
    caplog.set_level(logging.INFO, logger="motcua")
    ticket = perform(db.session, issue_ticket, demo.services["A"].id).ticket
    assert client.get(f"/t/{ticket.token}").status_code == 200
    assert client.get(f"/api/v1/tickets/{ticket.token}").status_code == 200
    assert client.get(f"/t/{ticket.token}x/nowhere").status_code == 404
    paths = [r.fields["path"] for r in access_records(caplog)]
    assert paths == ["/t/…", "/api/v1/tickets/…", "/t/…/nowhere"]
    assert all(ticket.token not in r.getMessage() for r in caplog.records)


def test_json_line_has_the_documented_fields(client, demo, caplog):
    caplog.set_level(logging.INFO, logger="motcua")
    client.get("/healthz", headers={"X-Request-Id": "abc"}, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    line = JsonFormatter().format(access_records(caplog)[0])
    entry = json.loads(line)
    assert set(entry) == {
        "time", "level", "logger", "request_id", "message",
        "method", "path", "status", "duration_ms", "remote_addr",
    }  # fmt: skip
    assert (entry["request_id"], entry["path"], entry["status"], entry["remote_addr"]) == (
        "abc",
        "/healthz",
        200,
        "10.1.2.3",
    )
    assert isinstance(entry["duration_ms"], float)


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(app, client, demo, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger="motcua")
    forwarded = {"headers": {"X-Forwarded-For": "203.0.113.9"}, "environ_base": {"REMOTE_ADDR": "127.0.0.1"}}
    client.get("/healthz", **forwarded)
    monkeypatch.setattr(app, "wsgi_app", app.wsgi_app)  # restored after the test
    monkeypatch.setitem(app.config, "TRUST_PROXY", 1)
    trust_proxy(app)
    client.get("/healthz", **forwarded)
    assert [r.fields["remote_addr"] for r in access_records(caplog)] == ["127.0.0.1", "203.0.113.9"]


def test_each_request_is_logged_once_not_again_by_a_library_root_handler():
    # python-escpos calls logging.basicConfig() on import; its root handler printed every line twice.
    script = "import logging, wsgi; print(len(logging.root.handlers))"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "0"
