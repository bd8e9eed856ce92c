"""The one table of counter actions (models/counter_actions.py): the counter screen and the API both read it,
parse their input before perform(), and the rules run with plain arguments and no request."""

import pytest

import api.counters
import counter.views
from models import CounterStatus, Status, Ticket, db
from models import queue as rules
from models.counter_actions import ACTIONS, run_counter_action
from models.transaction import perform


def issue(demo, prefix="A") -> Ticket:
    return perform(db.session, rules.issue_ticket, demo.services[prefix].id).ticket


@pytest.fixture
def perform_calls(monkeypatch):
    """Every perform() the two views make, with the arguments they hand it."""
    calls = []

    def spy(session, rule, *args, **kwargs):
        calls.append((rule, args, kwargs))
        return perform(session, rule, *args, **kwargs)

    monkeypatch.setattr(counter.views, "perform", spy)
    monkeypatch.setattr(api.counters, "perform", spy)
    return calls


def test_the_screen_parses_its_form_before_perform(demo, login, perform_calls):
    ticket = issue(demo)
    client = login("canbo1")
    url = f"/counter/{demo.counters[1].id}"
    client.post(f"{url}/call-next")
    target = demo.services["C"].id
    response = client.post(
        f"{url}/transfer", data={"ticket_id": str(ticket.id), "target": f"service:{target}"}
    )
    assert response.status_code == 302
    rule, args, kwargs = perform_calls[-1]
    assert rule is run_counter_action and args[0] == "transfer"
    assert kwargs["ticket_id"] == ticket.id
    assert (kwargs["service_id"], kwargs["to_counter_id"]) == (target, None)
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).queue_service_id == target


def test_the_api_parses_its_body_before_perform(demo, client, api_token, perform_calls):
    ticket = issue(demo)
    headers = api_token("canbo1")
    url = f"/api/v1/counters/{demo.counters[1].id}"
    assert client.post(f"{url}/call-next", headers=headers).status_code == 200
    response = client.post(
        f"{url}/transfer", headers=headers, json={"ticket_id": ticket.id, "counter_id": demo.counters[2].id}
    )
    assert response.status_code == 200
    rule, args, kwargs = perform_calls[-1]
    assert rule is run_counter_action and args[0] == "transfer"
    assert kwargs["ticket_id"] == ticket.id
    assert (kwargs["service_id"], kwargs["to_counter_id"]) == (None, demo.counters[2].id)


def test_a_bad_body_is_refused_before_any_transaction(demo, client, api_token, perform_calls):
    headers = api_token("canbo1")
    url = f"/api/v1/counters/{demo.counters[1].id}"
    response = client.post(f"{url}/complete", headers=headers, json={"ticket_id": "A001"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_ticket_id"
    assert perform_calls == []


def test_the_rules_run_without_a_request(demo):
    """The table's rules take plain arguments: a CLI or a worker runs them with no Flask request at all."""
    ticket = issue(demo)
    officer, counter_id = demo.users["canbo1"], demo.counters[1].id
    called = perform(db.session, run_counter_action, "call-next", counter_id, officer)
    assert called.id == ticket.id
    perform(db.session, run_counter_action, "no-show", counter_id, officer, ticket_id=ticket.id)
    back = perform(
        db.session,
        run_counter_action,
        "undo-no-show",
        counter_id,
        officer,
        ticket_id=ticket.id,
        window_seconds=60,
    )
    assert back.status == Status.CALLED
    perform(db.session, run_counter_action, "complete", counter_id, officer)
    perform(db.session, run_counter_action, "pause", counter_id, officer, reason="break")
    assert demo.counters[1].status == CounterStatus.PAUSED


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_every_action_is_a_counter_screen_route(demo, login, name):
    """An unknown action is 404; every action of the table reaches its rule (a refusal is a flashed message)."""
    client = login("canbo1")
    url = f"/counter/{demo.counters[1].id}"
    assert client.post(f"{url}/{name}").status_code == 302
    assert client.post(f"{url}/dance").status_code == 404


# What each action answers at a counter with no one at it and an empty body (the API offers the whole table).
API_ANSWERS = {
    "call-next": (200, None),
    "recall": (409, "no_current_ticket"),
    "start": (409, "no_current_ticket"),
    "complete": (409, "no_current_ticket"),
    "no-show": (409, "no_current_ticket"),
    "undo-no-show": (409, "undo_unavailable"),
    "transfer": (409, "no_current_ticket"),
    "call": (404, "not_found"),
    "hold": (409, "no_current_ticket"),
    "resume": (404, "not_found"),
    "cancel": (400, "invalid_reason"),
    "priority": (400, "invalid_priority_category"),
    "pause": (400, "invalid_reason"),
    "resume-service": (200, "counter"),
    "close": (200, "counter"),
}


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_the_api_offers_every_counter_action(demo, client, api_token, name):
    assert set(API_ANSWERS) == set(ACTIONS)
    headers = api_token("canbo1")
    response = client.post(f"/api/v1/counters/{demo.counters[1].id}/{name}", headers=headers, json={})
    status, code = API_ANSWERS[name]
    assert response.status_code == status
    if code is None:
        assert response.get_json() == {"ticket": None}
    elif code == "counter":
        assert response.get_json()["counter"]["id"] == demo.counters[1].id
    else:
        assert response.get_json()["error"]["code"] == code
