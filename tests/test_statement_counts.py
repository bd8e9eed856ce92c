"""How many SQL statements the two hottest paths run: a counter action and issuing a ticket, each counted over
the whole request (sign-in, the rule, the events after the commit, the answer). Each statement is a round trip
and, on PostgreSQL under gevent, a yield to the loop where the request may wait behind every other one.

The bounds are what the paths take today, on SQLite and PostgreSQL alike: a query added in a loop (a lazy load
per ticket, per service, per event) breaks them. Lower them when a change saves a statement."""

import uuid

import pytest

from models import db

from .helpers import count_statements

# The most statements each request may run, over the whole request on a fresh session (before this count was
# kept, on 2026-11-21: 20, 15, 15, 15, 15, 33, 22 and 33; bench/RESULTS.md).
MOST = {
    "api call-next": 14,
    "api recall": 9,
    "api complete": 9,
    "api no-show": 9,
    "api transfer": 10,
    "screen call-next": 25,
    "api issue": 13,
    "kiosk issue": 18,
    "kiosk issue, seen lately": 16,
}


def _counted(app, name, send):
    """The statements of one request, run as a server runs it: in an app context of its own, so with a fresh
    session (the test's own session, and the rows it has loaded, are not shared with the request)."""
    with app.app_context(), count_statements(db.engine) as statements:
        response = send()
    print(f"{name}: {len(statements)} statements\n{statements.listing()}")
    return response, statements


def _issue(client, demo, kiosk, service="A"):
    response = client.post(
        "/api/v1/tickets", json={"service_id": demo.services[service].id}, headers=kiosk.headers
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def officer(demo, client, api_token):
    """canbo1's bearer header, the counter already taken (its first call-next is not the one measured)."""
    headers = api_token("canbo1")
    assert (
        client.post(f"/api/v1/counters/{demo.counters[1].id}/call-next", headers=headers).status_code == 200
    )
    return headers


def test_counter_actions_through_the_api(app, demo, client, kiosk, officer):
    url = f"/api/v1/counters/{demo.counters[1].id}"
    for _ in range(6):
        _issue(client, demo, kiosk)
    _issue(client, demo, kiosk, "B")
    for action, body in (
        ("call-next", None),
        ("recall", None),
        ("complete", None),
        ("call-next", None),
        ("no-show", None),
        ("call-next", None),
        ("transfer", {"service_id": demo.services["B"].id}),
    ):
        response, statements = _counted(
            app,
            f"api {action}",
            lambda action=action, body=body: client.post(f"{url}/{action}", headers=officer, json=body),
        )
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["ticket"]["code"].startswith("A")
        assert len(statements) <= MOST[f"api {action}"], statements.listing()


def test_call_next_from_the_counter_screen(app, demo, client, kiosk, login):
    login("canbo1")
    counter = demo.counters[1]
    for _ in range(3):
        _issue(client, demo, kiosk)
    assert client.post(f"/counter/{counter.id}/open").status_code == 302
    response, statements = _counted(
        app,
        "screen call-next",
        lambda: client.post(f"/counter/{counter.id}/call-next", headers={"HX-Request": "true"}),
    )
    assert response.status_code == 200
    assert "A001" in response.get_data(as_text=True)
    assert len(statements) <= MOST["screen call-next"], statements.listing()


def test_issuing_through_the_api(app, demo, client, kiosk):
    for _ in range(3):
        _issue(client, demo, kiosk)
    response, statements = _counted(
        app,
        "api issue",
        lambda: client.post(
            "/api/v1/tickets",
            json={"service_id": demo.services["A"].id},
            headers={**kiosk.headers, "Idempotency-Key": uuid.uuid4().hex},
        ),
    )
    assert response.status_code == 201 and response.get_json()["code"] == "A004"
    assert len(statements) <= MOST["api issue"], statements.listing()


def _kiosk_form(client, demo):
    form = {"service_id": demo.services["A"].id, "request_key": uuid.uuid4().hex}
    return client.post(f"/kiosk/tickets?site={demo.site.code}", data=form, headers={"HX-Request": "true"})


def test_issuing_through_the_kiosk_form(app, demo, client, kiosk):
    for _ in range(3):
        _issue(client, demo, kiosk)
    response, statements = _counted(app, "kiosk issue", lambda: _kiosk_form(client, demo))
    assert response.status_code == 200 and "A004" in response.get_data(as_text=True)
    assert len(statements) <= MOST["kiosk issue"], statements.listing()


def test_a_kiosk_seen_a_moment_ago_is_not_noted_again(app, demo, client, kiosk):
    """A kiosk's next ticket within a minute: its contact was noted by the last one, so no transaction for it."""
    assert _kiosk_form(client, demo).status_code == 200
    response, statements = _counted(app, "kiosk issue, seen lately", lambda: _kiosk_form(client, demo))
    assert response.status_code == 200 and "A002" in response.get_data(as_text=True)
    assert not [s for s in statements.sql if s.startswith("UPDATE devices")], statements.listing()
    assert len(statements) <= MOST["kiosk issue, seen lately"], statements.listing()
