"""The servers run on gevent (motcua/concurrency.py): each check runs in a fresh interpreter patched the way
motcua/serve.py patches it, since the test process itself stays on threads."""

import subprocess
import sys
import textwrap

from devserver import ROOT

PATCHED = "from gevent import monkey; monkey.patch_all()\n"


def _run(script: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PATCHED + textwrap.dedent(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_a_patched_server_runs_socketio_on_gevent_and_the_tests_on_threads(app):
    from motcua.extensions import socketio

    assert socketio.server.eio.async_mode == "threading"
    script = """
        from motcua import create_app
        from motcua.extensions import socketio
        create_app({"SOCKETIO_MESSAGE_QUEUE": None})
        print(socketio.server.eio.async_mode)
    """
    assert _run(script) == "gevent"


def test_events_leave_after_the_request_in_the_order_sent_and_one_failure_stops_none():
    script = """
        import gevent
        from motcua.extensions import socketio
        from motcua.realtime import outbox

        sent = []
        def emit(event, payload, namespace, to):
            if event == "broken":
                raise RuntimeError("a bad payload")
            sent.append(event)
        socketio.emit = emit
        socketio.start_background_task = gevent.spawn

        for event in ("one", "broken", "two", "three"):
            outbox.post(event, {}, "/display", "site:1")
        print(len(sent))   # nothing yet: the request has not yielded
        gevent.sleep(0.01)
        print(",".join(sent))
    """
    assert _run(script).splitlines() == ["0", "one,two,three"]


def test_a_password_check_does_not_stop_the_other_greenlets():
    script = """
        import time
        import gevent
        from werkzeug.security import check_password_hash, generate_password_hash
        from motcua.concurrency import off_the_loop

        stored = generate_password_hash("correct horse")
        ticks = []
        def tick():
            while True:
                ticks.append(time.monotonic())
                gevent.sleep(0.002)
        ticker = gevent.spawn(tick)
        gevent.sleep(0.01)
        began = time.monotonic()
        assert off_the_loop(check_password_hash, stored, "correct horse")
        ended = time.monotonic()
        ticker.kill()
        print(sum(began < at < ended for at in ticks))
    """
    # In place, the hash (tens of ms of scrypt) would hold the hub: no tick at all while it runs.
    assert int(_run(script)) >= 2


def test_a_server_process_loads_no_library_it_only_needs_now_and_then():
    # Memory per process is a goal (bench/RESULTS.md): WeasyPrint (39 MiB) loads with the first PDF, Alembic
    # (10 MiB) only in the CLI, the HTTP client libraries never.
    script = """
        from motcua.concurrency import skip_client_libraries
        skip_client_libraries()
        import sys, wsgi
        print(",".join(sorted(m for m in ("weasyprint", "alembic", "aiohttp", "requests") if sys.modules.get(m))))
    """
    assert _run(script) == ""


def test_requests_past_the_slots_wait_at_the_door_then_hear_busy(app, client, demo, monkeypatch):
    from models.errors import DatabaseBusy

    monkeypatch.setitem(app.config, "DB_BUSY_SECONDS", 0.2)
    slots = app.extensions["request_slots"]
    taken = 0
    while slots.acquire(blocking=False):  # every slot busy with another request
        taken += 1
    try:
        refused = client.get("/api/v1/services?site=" + demo.site.code)
        static = client.get("/static/css/base.css")
    finally:
        for _ in range(taken):
            slots.release()
    assert taken == app.config["REQUEST_SLOTS"]
    assert refused.status_code == 503 and refused.json["error"]["code"] == DatabaseBusy.code
    assert static.status_code == 200  # static files never wait
    assert client.get("/api/v1/services?site=" + demo.site.code).status_code == 200  # slots given back


def test_a_request_that_fails_gives_its_slot_back(app, client, demo, monkeypatch):
    monkeypatch.setitem(app.config, "DB_BUSY_SECONDS", 0.2)
    for _ in range(app.config["REQUEST_SLOTS"] + 2):
        assert client.post("/api/v1/tickets", json={"service_id": "x"}).status_code in (400, 401)
    assert client.get("/api/v1/services?site=" + demo.site.code).status_code == 200


def test_no_free_database_connection_is_a_clean_busy_answer(app, client, demo, monkeypatch):
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    from models import db

    def exhausted(*_args, **_kwargs):
        raise PoolTimeout("QueuePool limit of size 10 overflow 10 reached")

    monkeypatch.setattr(db.session, "execute", exhausted)
    answer = client.get("/api/v1/services?site=" + demo.site.code)
    assert answer.status_code == 503 and answer.json["error"]["code"] == "busy"


def test_a_long_report_runs_on_its_own_thread_session_and_leaves_the_other_greenlets_running():
    # admin/reports_operations.py and api/reports.py compute a report through off_the_loop_with_request: a
    # province over months is seconds of Python, which in place would hold every socket of the process.
    script = """
        import time
        import gevent
        from sqlalchemy import text
        from motcua import create_app
        from motcua.concurrency import off_the_loop_with_request
        from models import db

        app = create_app({"SOCKETIO_MESSAGE_QUEUE": None})

        def report(started):
            seen = db.session.execute(text("SELECT 1")).scalar()
            while time.monotonic() - started < 0.3:  # pure Python, as the report's counting is
                sum(range(1000))
            return seen, id(db.session())

        ticks = []
        def tick():
            while True:
                ticks.append(time.monotonic())
                gevent.sleep(0.002)
        ticker = gevent.spawn(tick)
        with app.test_request_context("/admin/reports/operations"):
            own = id(db.session())
            gevent.sleep(0.01)
            began = time.monotonic()
            seen, theirs = off_the_loop_with_request(report, began)
            ended = time.monotonic()
        ticker.kill()
        print(seen, theirs != own, sum(began < at < ended for at in ticks))
    """
    seen, separate, ticks = _run(script).split()
    assert (seen, separate) == ("1", "True")
    # In place, 0.3 s of Python would hold the hub: no tick at all. On a thread the GIL is handed over
    # every 5 ms; a loaded machine still gives the ticker a few turns.
    assert int(ticks) >= 5
