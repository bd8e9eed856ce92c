"""Requests racing with the same key through a real server process (threads, on SQLite and PostgreSQL): the
database's UNIQUE(scope, key) leaves exactly one ticket, and every request answers with it."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select

from models import Ticket, db

from .servers import running_server

pytestmark = pytest.mark.slow

THREADS = 8


def _race(base: str, body: dict, headers_of) -> list[requests.Response]:
    """THREADS requests released at once; request i carries headers_of(i)."""
    barrier = threading.Barrier(THREADS)

    def post(index: int) -> requests.Response:
        barrier.wait()
        return requests.post(f"{base}/api/v1/tickets", json=body, headers=headers_of(index), timeout=60)

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(post, range(THREADS)))


def test_concurrent_requests_with_the_same_key_give_exactly_one_ticket(demo, kiosk):
    body = {"service_id": demo.services["B"].id}
    with running_server() as base:
        for burst in range(3):  # three bursts, so the race is really run more than once
            headers = {**kiosk.headers, "Idempotency-Key": f"tap-burst-{burst:04d}"}
            responses = _race(base, body, lambda _index, headers=headers: headers)
            statuses = sorted(r.status_code for r in responses)
            assert statuses == [200] * (THREADS - 1) + [201], [r.text for r in responses]
            assert len({r.json()["token"] for r in responses}) == 1
    db.session.expire_all()
    codes = db.session.scalars(select(Ticket.code).order_by(Ticket.number)).all()
    assert codes == ["B001", "B002", "B003"]


def test_concurrent_requests_with_different_keys_each_get_a_ticket(demo, kiosk):
    body = {"service_id": demo.services["B"].id}
    with running_server() as base:
        responses = _race(base, body, lambda i: {**kiosk.headers, "Idempotency-Key": f"tap-burst-{i:04d}"})
    assert sorted(r.status_code for r in responses) == [201] * THREADS
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Ticket)) == THREADS
