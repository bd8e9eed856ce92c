"""Races on one counter and one ticket, through a real server process and real threads, on SQLite and on
PostgreSQL: a double (or quadruple) click on "call next" calls one citizen, and simultaneous finishing actions
on one ticket have exactly one winner; every loser gets a clean 409."""

import threading

import pytest
import requests

from models import Status, Ticket, TicketEvent, db
from models.queue import issue_ticket
from models.transaction import perform

from .helpers import bearer
from .servers import running_server

pytestmark = pytest.mark.slow

FINISHING_EVENTS = ("done", "no_show", "transferred")


def _at_once(requests_to_send: list[tuple[str, dict]], headers: dict) -> list[requests.Response]:
    """POST every (url, json) from its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(requests_to_send))
    answers: list = [None] * len(requests_to_send)

    def post(index, url, body):
        with requests.Session() as session:
            session.get(
                url.split("/api/")[0] + "/api/v1/services", timeout=10
            )  # connection open before the start
            barrier.wait()
            answers[index] = session.post(url, json=body, headers=headers, timeout=30)

    threads = [
        threading.Thread(target=post, args=(i, url, body)) for i, (url, body) in enumerate(requests_to_send)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _codes(answers) -> list:
    return sorted(
        (a.status_code, (a.json().get("error") or {}).get("code") if a.status_code != 200 else None)
        for a in answers
    )


@pytest.fixture
def server(demo):
    with running_server() as base:
        yield base


@pytest.mark.parametrize("parallel", [2, 4])
def test_parallel_call_next_on_one_counter_calls_exactly_one_citizen(demo, server, parallel):
    rounds = 5
    for _ in range(rounds * parallel):
        perform(db.session, issue_ticket, demo.services["A"].id)
    headers = bearer(server, "canbo1")
    url = f"{server}/api/v1/counters/{demo.counters[1].id}"
    called = []
    for _ in range(rounds):
        answers = _at_once([(f"{url}/call-next", {})] * parallel, headers)
        assert _codes(answers) == [(200, None)] + [(409, "counter_busy")] * (parallel - 1)
        ticket = next(a.json()["ticket"] for a in answers if a.status_code == 200)
        called.append(ticket["code"])
        done = requests.post(f"{url}/complete", json={}, headers=headers, timeout=10)
        assert done.status_code == 200 and done.json()["ticket"]["code"] == ticket["code"]

    assert called == [f"A{n:03d}" for n in range(1, rounds + 1)]  # nobody skipped
    db.session.expire_all()
    statuses = db.session.scalars(db.select(Ticket.status).order_by(Ticket.number)).all()
    assert statuses == [Status.DONE] * rounds + [Status.WAITING] * (rounds * parallel - rounds)


ROUNDS = [
    # (actions fired at once, whether they name the ticket they mean)
    (["complete"] * 4, True),
    (["complete", "transfer", "complete", "transfer"], True),
    (["no-show", "complete"], True),
    (["complete"] * 4, False),
    (["no-show", "complete", "transfer"], False),
]


@pytest.mark.parametrize("actions, name_the_ticket", ROUNDS)
def test_simultaneous_finishing_actions_on_one_ticket_have_one_winner(demo, server, actions, name_the_ticket):
    headers = bearer(server, "canbo1")
    url = f"{server}/api/v1/counters/{demo.counters[1].id}"
    for _ in range(4):
        ticket_id = perform(db.session, issue_ticket, demo.services["A"].id).ticket.id
        called = requests.post(f"{url}/call-next", json={}, headers=headers, timeout=10)
        assert called.status_code == 200 and called.json()["ticket"]["id"] == ticket_id

        named = {"ticket_id": ticket_id} if name_the_ticket else {}
        bodies = {
            "complete": named,
            "no-show": named,
            "transfer": {**named, "service_id": demo.services["B"].id},
        }
        answers = _at_once([(f"{url}/{action}", bodies[action]) for action in actions], headers)

        loser = "ticket_changed" if name_the_ticket else "no_current_ticket"
        assert _codes(answers) == [(200, None)] + [(409, loser)] * (len(actions) - 1)
        winner = actions[next(i for i, a in enumerate(answers) if a.status_code == 200)]
        db.session.expire_all()
        ticket = db.session.get(Ticket, ticket_id)
        expected = {"complete": Status.DONE, "no-show": Status.NO_SHOW, "transfer": Status.WAITING}[winner]
        assert ticket.status == expected
        assert (ticket.counter_id is None) == (winner == "transfer")
        finishing = db.session.scalars(
            db.select(TicketEvent.type)
            .filter_by(ticket_id=ticket_id)
            .where(TicketEvent.type.in_(FINISHING_EVENTS))
        ).all()
        assert len(finishing) == 1
        if winner == "transfer":  # out of the way of the next round
            perform(db.session, _set_aside, ticket_id)


def _set_aside(session, ticket_id):
    """Not a rule: the next round's call-next must find only its own ticket waiting."""
    session.get(Ticket, ticket_id).status = Status.DONE
