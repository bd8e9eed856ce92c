"""Socket.IO: what each screen hears when the rules change something."""

import pytest
from flask import g, has_app_context

from models import db
from models.queue import issue_ticket
from models.transaction import perform
from motcua.extensions import socketio

from .realtime_helpers import wait_for


@pytest.fixture
def socket(app):
    clients = []

    def _connect(namespace, auth, flask_client=None):
        # Request contexts reuse the test's app context: forget Flask-Login's cached user of the last connect.
        if has_app_context():
            g.pop("_login_user", None)
        client = socketio.test_client(app, namespace=namespace, auth=auth, flask_test_client=flask_client)
        clients.append(client)
        return client

    yield _connect
    for client in clients:
        for namespace in ("/display", "/kiosk", "/ticket", "/counter", "/admin", "/tablet"):
            if client.is_connected(namespace):
                client.disconnect(namespace)


def test_a_call_reaches_the_display(demo, client, kiosk, api_token, socket):
    display = socket("/display", {"site_id": demo.site.id})
    assert display.is_connected("/display")
    perform(db.session, issue_ticket, demo.services["A"].id)
    client.post(f"/api/v1/counters/{demo.counters[1].id}/call-next", headers=api_token("canbo1"))
    calls = wait_for(display, "ticket_called", "/display")
    assert calls and calls[0]["code"] == "A001" and calls[0]["counter_number"] == 1


def test_the_display_only_hears_its_own_site(demo, client, kiosk, api_token, socket):
    other = socket("/display", {"site_id": demo.site.id + 1000})
    perform(db.session, issue_ticket, demo.services["A"].id)
    client.post(f"/api/v1/counters/{demo.counters[1].id}/call-next", headers=api_token("canbo1"))
    assert wait_for(other, "ticket_called", "/display", timeout=1.0) == []


def test_a_ticket_page_hears_its_ticket(demo, client, api_token, socket):
    token = perform(db.session, issue_ticket, demo.services["A"].id).ticket.token
    phone = socket("/ticket", {"token": token})
    client.post(f"/api/v1/counters/{demo.counters[1].id}/call-next", headers=api_token("canbo1"))
    called = wait_for(phone, "ticket_called", "/ticket")[0]
    # The page knows its own token; the event needs none.
    assert called["code"] == "A001" and "token" not in called
    client.post(f"/api/v1/counters/{demo.counters[1].id}/complete", headers=api_token("canbo1"))
    assert wait_for(phone, "ticket_finished", "/ticket")[0]["status"] == "done"


def test_kiosk_hears_queue_changes(demo, client, socket):
    kiosk = socket("/kiosk", {"site_id": demo.site.id})
    perform(db.session, issue_ticket, demo.services["B"].id)
    assert wait_for(kiosk, "queue_changed", "/kiosk")[0]["service_ids"] == [demo.services["B"].id]


@pytest.mark.parametrize(
    "namespace, auth",
    [("/display", {}), ("/display", {"site_id": "x"}), ("/ticket", {"token": "no"}), ("/ticket", None)],
)
def test_bad_connections_are_refused(demo, socket, namespace, auth):
    assert not socket(namespace, auth).is_connected(namespace)


def test_the_counter_namespace_needs_a_signed_in_officer(demo, client, kiosk, login, socket):
    assert not socket("/counter", {"counter_id": demo.counters[1].id}).is_connected("/counter")
    login("canbo1")
    officer = socket("/counter", {"counter_id": demo.counters[1].id}, flask_client=client)
    assert officer.is_connected("/counter")
    perform(db.session, issue_ticket, demo.services["A"].id)
    assert wait_for(officer, "queue_changed", "/counter")


# --- what events carry: only what a screen shows --------------------------------------------------------


def _listeners(app, demo, socket):
    """Every kind of screen, connected the way the pages connect, recording what it hears."""
    from .helpers import counter_tablet_key
    from .realtime_helpers import Recorder

    officer, supervisor = app.test_client(), app.test_client()
    for flask_client, username in ((officer, "canbo1"), (supervisor, "admin")):
        g.pop("_login_user", None)  # the test's app context is shared: the last sign-in is cached there
        response = flask_client.post("/auth/login", data={"username": username, "password": "motcua-demo"})
        assert response.status_code == 302
    site, counter = demo.site.id, demo.counters[1].id
    recorder = Recorder()
    recorder.add("display", socket("/display", {"site_id": site}), "/display")
    recorder.add("kiosk", socket("/kiosk", {"site_id": site}), "/kiosk")
    recorder.add("counter", socket("/counter", {"counter_id": counter}, officer), "/counter")
    recorder.add("admin", socket("/admin", {"site_id": site}, supervisor), "/admin")
    recorder.add(
        "tablet", socket("/tablet", {"counter_id": counter, "key": counter_tablet_key(counter)}), "/tablet"
    )
    return recorder


def test_no_event_carries_a_ticket_token_or_a_name_through_a_whole_journey(
    app, demo, client, api_token, socket
):
    from models import Ticket, User

    recorder = _listeners(app, demo, socket)
    first, second, third = (perform(db.session, issue_ticket, demo.services["A"].id).ticket for _ in range(3))
    recorder.add("phone", socket("/ticket", {"token": second.token}), "/ticket")
    one, two = (f"/api/v1/counters/{demo.counters[n].id}" for n in (1, 2))
    canbo1, canbo2 = api_token("canbo1"), api_token("canbo2")

    def act(url, headers, **body):
        response = client.post(url, headers=headers, json=body)
        assert response.status_code == 200, response.get_json()
        return response.get_json()["ticket"]

    assert act(f"{one}/call-next", canbo1)["code"] == first.code
    act(f"{one}/recall", canbo1)
    act(f"{one}/start", canbo1)
    act(f"{one}/transfer", canbo1, counter_id=demo.counters[2].id)
    assert act(f"{one}/call-next", canbo1)["code"] == second.code
    act(f"{one}/start", canbo1)
    act(f"{one}/complete", canbo1)
    rated = client.post(f"/api/v1/tickets/{second.token}/rating", json={"level": "khong_hai_long"})
    assert rated.status_code == 201
    assert act(f"{two}/call-next", canbo2)["code"] == first.code
    act(f"{two}/no-show", canbo2)
    assert act(f"{one}/call-next", canbo1)["code"] == third.code
    act(f"{one}/complete", canbo1)

    # The journey was heard everywhere it should be...
    calls = [e["code"] for e in recorder.events("display", "ticket_called")]
    assert calls == [first.code, second.code, first.code, third.code]
    assert {e["status"] for e in recorder.events("counter", "ticket_finished")} == {"done", "no_show"}
    assert recorder.events("admin", "rating_received")[0]["level"] == "khong_hai_long"
    assert recorder.events("tablet", "rating_requested")
    assert recorder.events("kiosk", "queue_changed")
    # ...and no payload carries any ticket's token nor any person's name.
    heard = recorder.as_text()
    tokens = db.session.scalars(db.select(Ticket.token)).all()
    names = db.session.scalars(db.select(User.full_name)).all()
    assert len(tokens) == 3 and len(names) == 7
    assert [token for token in tokens if token in heard] == []
    assert [name for name in names if name in heard] == []


def test_a_ticket_page_hears_only_its_own_ticket(demo, client, api_token, socket):
    mine, other = (perform(db.session, issue_ticket, demo.services["A"].id).ticket for _ in range(2))
    phone = socket("/ticket", {"token": other.token})
    headers = api_token("canbo1")
    for action in ("call-next", "complete", "call-next", "recall", "no-show"):
        response = client.post(f"/api/v1/counters/{demo.counters[1].id}/{action}", headers=headers)
        assert response.status_code == 200
    heard = [m for m in phone.get_received("/ticket") if m["name"].startswith("ticket_")]
    assert [(m["name"], m["args"][0]["code"]) for m in heard] == [
        ("ticket_called", other.code),
        ("ticket_recalled", other.code),
        ("ticket_finished", other.code),
    ]
    text = str([m["args"] for m in heard])
    assert mine.token not in text and other.token not in text
