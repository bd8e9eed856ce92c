"""Races on the new counter operations, through a real server process and real threads, on SQLite and on
PostgreSQL: counters calling the same chosen code at once, and counters resuming the same parked ticket at
once — exactly one wins, the others get a clean 409 and nothing is half-written."""

import threading

import pytest
import requests
from sqlalchemy import func, select

from models import Status, Ticket, TicketEvent, db
from models import counter_operations as ops
from models import queue as rules
from models.transaction import perform

from .helpers import bearer
from .servers import running_server

pytestmark = pytest.mark.slow


@pytest.fixture
def server(demo):
    with running_server() as base:
        yield base


def _events(ticket_id: int, kind: str) -> int:
    return db.session.scalar(
        select(func.count()).select_from(TicketEvent).filter_by(ticket_id=ticket_id, type=kind)
    )


def test_counters_calling_the_same_chosen_code_at_once_have_one_winner(demo, server):
    # Counters 1, 2 and 6 all serve A; each officer has a token and their counter open.
    officers = {1: "canbo1", 2: "canbo2", 6: "canbo6"}
    headers = {number: bearer(server, name) for number, name in officers.items()}
    for _ in range(3):
        ticket = perform(db.session, rules.issue_ticket, demo.services["A"].id).ticket
        sends = [
            (f"{server}/api/v1/counters/{demo.counters[n].id}/call", {"code": ticket.code}, headers[n])
            for n in officers
        ]
        answers = _post_together(sends)
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [200, 409, 409]
        assert {a.json()["error"]["code"] for a in answers if a.status_code == 409} == {"ticket_changed"}
        winner = next(a for a in answers if a.status_code == 200).json()["ticket"]
        db.session.expire_all()
        stored = db.session.get(Ticket, ticket.id)
        assert (stored.status, stored.counter_id) == (Status.CALLED, winner["counter"]["id"])
        assert _events(ticket.id, "called") == 1
        for n in officers:  # free every counter for the next round
            requests.post(
                f"{server}/api/v1/counters/{demo.counters[n].id}/complete", json={}, headers=headers[n]
            )


def test_resuming_one_parked_ticket_from_several_counters_at_once_has_one_winner(demo, server):
    admin = bearer(server, "admin")
    for _ in range(3):
        ticket = perform(db.session, rules.issue_ticket, demo.services["A"].id).ticket
        perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"])
        perform(db.session, ops.hold, demo.counters[1].id, demo.users["canbo1"])
        # The admin (a supervisor) holds counters 3, 4 and 5 and resumes the same ticket at all three at once.
        sends = [
            (f"{server}/api/v1/counters/{demo.counters[n].id}/resume", {"ticket_id": ticket.id}, admin)
            for n in (3, 4, 5)
        ]
        answers = _post_together(sends)
        assert sorted(a.status_code for a in answers) == [200, 409, 409], [a.json() for a in answers]
        assert {a.json()["error"]["code"] for a in answers if a.status_code == 409} == {"ticket_changed"}
        db.session.expire_all()
        stored = db.session.get(Ticket, ticket.id)
        assert stored.status == Status.CALLED and stored.counter_id in {
            demo.counters[n].id for n in (3, 4, 5)
        }
        assert _events(ticket.id, "resumed") == 1
        requests.post(f"{server}/api/v1/counters/{stored.counter_id}/complete", json={}, headers=admin)


def _post_together(sends) -> list[requests.Response]:
    """POST every (url, json, headers) from its own thread, released together by a barrier (as
    tests/test_queue_races.py does, with each request's own headers)."""
    barrier = threading.Barrier(len(sends))
    answers: list = [None] * len(sends)

    def post(index, url, body, headers):
        with requests.Session() as session:
            session.get(url.split("/api/")[0] + "/api/v1/services", timeout=10)  # connected before the start
            barrier.wait()
            answers[index] = session.post(url, json=body, headers=headers, timeout=30)

    threads = [threading.Thread(target=post, args=(i, *send)) for i, send in enumerate(sends)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers
