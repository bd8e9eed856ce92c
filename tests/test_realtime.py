"""Socket.IO: what each screen hears when the rules change something."""

import pytest

from motcua.extensions import socketio

from .realtime_helpers import wait_for


@pytest.fixture
def socket(app):
    clients = []

    def _connect(namespace, auth, flask_client=None):
        client = socketio.test_client(app, namespace=namespace, auth=auth, flask_test_client=flask_client)
        clients.append(client)
        return client

    yield _connect
    for client in clients:
        for namespace in ("/display", "/kiosk", "/ticket", "/counter"):
            if client.is_connected(namespace):
                client.disconnect(namespace)


def test_a_call_reaches_the_display(demo, client, kiosk, api_token, socket):
    display = socket("/display", {"site_id": demo.site.id})
    assert display.is_connected("/display")
    client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers)
    client.post(f"/api/v1/counters/{demo.counters[1].id}/call-next", headers=api_token("canbo1"))
    calls = wait_for(display, "ticket_called", "/display")
    assert calls and calls[0]["code"] == "A001" and calls[0]["counter_number"] == 1


def test_the_display_only_hears_its_own_site(demo, client, kiosk, api_token, socket):
    other = socket("/display", {"site_id": demo.site.id + 1000})
    client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers)
    client.post(f"/api/v1/counters/{demo.counters[1].id}/call-next", headers=api_token("canbo1"))
    assert wait_for(other, "ticket_called", "/display", timeout=1.0) == []


def test_a_ticket_page_hears_its_ticket(demo, client, kiosk, api_token, socket):
    token = client.post(
        "/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers
    ).get_json()["token"]
    phone = socket("/ticket", {"token": token})
    client.post(f"/api/v1/counters/{demo.counters[1].id}/call-next", headers=api_token("canbo1"))
    assert wait_for(phone, "ticket_called", "/ticket")[0]["token"] == token
    client.post(f"/api/v1/counters/{demo.counters[1].id}/complete", headers=api_token("canbo1"))
    assert wait_for(phone, "ticket_finished", "/ticket")[0]["status"] == "done"


def test_kiosk_hears_queue_changes(demo, client, kiosk, socket):
    kiosk_socket = socket("/kiosk", {"site_id": demo.site.id})
    client.post("/api/v1/tickets", json={"service_id": demo.services["B"].id}, headers=kiosk.headers)
    assert wait_for(kiosk_socket, "queue_changed", "/kiosk")[0]["service_ids"] == [demo.services["B"].id]


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
    client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers)
    assert wait_for(officer, "queue_changed", "/counter")
