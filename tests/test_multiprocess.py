"""Several processes at once, on SQLite and on PostgreSQL: numbering stays atomic and gap-free, two counters
never claim the same citizen, and with Redis a call made through one server reaches a display on another."""

import multiprocessing
import os
import time

import pytest
import requests
import socketio as socketio_client

from models import Ticket, db
from models.queue import issue_ticket
from models.transaction import perform

from .servers import running_server
from .workers import issue_many, serve_until_empty

pytestmark = pytest.mark.slow


def _pool(size):
    return multiprocessing.get_context("spawn").Pool(size)


def test_400_tickets_from_four_processes_get_400_distinct_gap_free_numbers(demo):
    service_id = demo.services["A"].id
    start_at = time.time() + 3  # every process has built its app by then, so they really collide
    with _pool(4) as pool:
        results = pool.starmap(issue_many, [(service_id, 100, start_at)] * 4)
    numbers = sorted(n for batch in results for n in batch)
    assert numbers == list(range(1, 401))
    db.session.expire_all()
    stored = db.session.scalars(db.select(Ticket.number).filter_by(service_id=service_id)).all()
    assert sorted(stored) == list(range(1, 401))


def test_counters_calling_at_once_never_get_the_same_ticket(demo):
    service_id = demo.services["A"].id
    for _ in range(60):
        perform(db.session, issue_ticket, service_id)
    # Counters 1, 2 and 6 all serve Hộ tịch (A).
    jobs = [
        (demo.counters[n].id, user, time.time() + 3)
        for n, user in ((1, "canbo1"), (2, "canbo2"), (6, "canbo6"))
    ]
    with _pool(3) as pool:
        results = pool.starmap(serve_until_empty, jobs)
    called = [ticket_id for batch in results for ticket_id in batch]
    assert len(called) == 60
    assert len(set(called)) == 60  # nobody called twice
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(Ticket).filter_by(status="done")) == 60


def test_a_call_through_one_server_reaches_a_display_on_another_via_redis(demo, kiosk):
    queue_url = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or "redis://127.0.0.1:6379/0"
    channel = f"motcua-test-{os.getpid()}"
    with (
        running_server(SOCKETIO_MESSAGE_QUEUE=queue_url, SOCKETIO_CHANNEL=channel) as server_a,
        running_server(SOCKETIO_MESSAGE_QUEUE=queue_url, SOCKETIO_CHANNEL=channel) as server_b,
    ):
        heard = []
        display = socketio_client.Client(reconnection=False)
        display.on("ticket_called", lambda data: heard.append(data), namespace="/display")
        display.connect(server_a, namespaces=["/display"], auth={"site_id": demo.site.id}, wait_timeout=10)
        try:
            requests.post(
                f"{server_b}/api/v1/tickets",
                json={"service_id": demo.services["A"].id},
                headers=kiosk.headers,
                timeout=10,
            )
            token = requests.post(
                f"{server_b}/api/v1/auth/token",
                json={"username": "canbo1", "password": "motcua-demo"},
                timeout=10,
            ).json()["token"]
            response = requests.post(
                f"{server_b}/api/v1/counters/{demo.counters[1].id}/call-next",
                headers={"Authorization": f"Bearer {token}"},
                timeout=10,
            )
            assert response.status_code == 200 and response.json()["ticket"]["code"] == "A001"
            deadline = time.monotonic() + 10
            while not heard and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            display.disconnect()
    assert heard and heard[0]["code"] == "A001" and heard[0]["counter_number"] == 1
