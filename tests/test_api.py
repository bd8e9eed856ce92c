"""The JSON API v1: contracts, authentication, and errors that are always JSON 4xx, never 500."""

import pytest

from models import Ticket, db
from models.auth_session import change_password
from models.transaction import perform


def test_services_and_counters_are_listed(demo, client):
    services = client.get("/api/v1/services").get_json()["services"]
    assert [s["prefix"] for s in services] == ["A", "B", "C", "D", "E", "G"]
    assert services[0] == {
        "id": demo.services["A"].id,
        "site_id": demo.site.id,
        "name": "Hộ tịch",
        "description": demo.services["A"].description,
        "prefix": "A",
        "open": True,
        "waiting": 0,
    }
    counters = client.get("/api/v1/counters").get_json()["counters"]
    assert len(counters) == 6
    assert counters[1]["service_ids"] == [demo.services["A"].id, demo.services["B"].id]


def test_issue_a_ticket_and_read_it_back(demo, client, kiosk):
    response = client.post(
        "/api/v1/tickets", json={"service_id": demo.services["B"].id}, headers=kiosk.headers
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["code"] == "B001" and body["status"] == "waiting" and body["ahead"] == 0
    assert body["url"].endswith(f"/t/{body['token']}")
    again = client.get(f"/api/v1/tickets/{body['token']}").get_json()
    assert again["code"] == "B001" and again["service"]["name"] == "Chứng thực"
    assert client.get("/api/v1/services").get_json()["services"][1]["waiting"] == 1


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"service_id": "1"}, "invalid_service_id"),
        ({"service_id": None}, "invalid_service_id"),
        ({"service_id": True}, "invalid_service_id"),
        ({}, "invalid_service_id"),
        ({"service_id": 1, "priority": "yes"}, "invalid_priority"),
        ([1, 2], "invalid_json"),
    ],
)
def test_bad_ticket_requests_get_a_clear_400(demo, client, kiosk, payload, code):
    messages = {
        "invalid_service_id": "service_id phải là một số nguyên dương hợp lệ.",
        "invalid_priority": "priority phải là true hoặc false.",
        "invalid_json": "Nội dung yêu cầu phải là một đối tượng JSON.",
    }
    response = client.post("/api/v1/tickets", json=payload, headers=kiosk.headers)
    assert response.status_code == 400
    assert response.get_json()["error"] == {"code": code, "message": messages[code]}
    assert db.session.scalar(db.select(db.func.count()).select_from(Ticket)) == 0


def test_not_json_at_all(demo, client, kiosk):
    response = client.post(
        "/api/v1/tickets", data="service_id=1", content_type="text/plain", headers=kiosk.headers
    )
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_json"


def test_unknown_and_closed_services(demo, client, kiosk):
    assert (
        client.post("/api/v1/tickets", json={"service_id": 999999}, headers=kiosk.headers).status_code == 404
    )
    demo.services["C"].active = False
    db.session.commit()
    response = client.post(
        "/api/v1/tickets", json={"service_id": demo.services["C"].id}, headers=kiosk.headers
    )
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "service_closed"


def test_unknown_ticket_token_and_routes_are_json_404(demo, client):
    for path in ("/api/v1/tickets/nope", "/api/v1/tickets/" + "x" * 500, "/api/v1/nothing-here"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.get_json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/tickets").status_code == 405


def test_token_login(demo, client):
    assert (
        client.post("/api/v1/auth/token", json={"username": "canbo1", "password": "wrong"}).status_code == 401
    )
    assert client.post("/api/v1/auth/token", json={"username": "canbo1"}).status_code == 400
    assert client.post("/api/v1/auth/token", json={"username": 5, "password": []}).status_code == 400
    ok = client.post("/api/v1/auth/token", json={"username": "canbo1", "password": "motcua-demo"})
    assert ok.status_code == 200 and ok.get_json()["token"]


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer not-a-token", "Basic abc", "Bearer a.b.c"])
def test_counter_actions_need_a_valid_bearer_token(demo, client, header):
    headers = {"Authorization": header} if header else {}
    response = client.post(f"/api/v1/counters/{demo.counters[1].id}/call-next", headers=headers)
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized"


def test_a_changed_password_revokes_old_tokens(demo, client, api_token):
    headers = api_token("canbo1")
    perform(db.session, change_password, demo.users["canbo1"], "a-new-password")
    assert (
        client.post(f"/api/v1/counters/{demo.counters[1].id}/call-next", headers=headers).status_code == 401
    )


def test_counter_flow_through_the_api(demo, client, kiosk, api_token):
    headers = api_token("canbo1")
    url = f"/api/v1/counters/{demo.counters[1].id}"
    empty = client.post(f"{url}/call-next", headers=headers)
    assert empty.status_code == 200 and empty.get_json() == {"ticket": None}

    client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers)
    client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers)
    called = client.post(f"{url}/call-next", headers=headers).get_json()["ticket"]
    assert called["code"] == "A001" and called["status"] == "called" and called["counter"]["number"] == 1

    # A double click: refused, and A002 is still waiting.
    double = client.post(f"{url}/call-next", headers=headers)
    assert double.status_code == 409 and double.get_json()["error"]["code"] == "counter_busy"
    assert client.get("/api/v1/services").get_json()["services"][0]["waiting"] == 1

    assert client.post(f"{url}/recall", headers=headers).get_json()["ticket"]["code"] == "A001"
    assert client.post(f"{url}/start", headers=headers).get_json()["ticket"]["status"] == "serving"
    assert client.post(f"{url}/complete", headers=headers).get_json()["ticket"]["status"] == "done"
    again = client.post(f"{url}/complete", headers=headers)
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "no_current_ticket"

    assert client.post(f"{url}/call-next", headers=headers).get_json()["ticket"]["code"] == "A002"
    assert client.post(f"{url}/no-show", headers=headers).get_json()["ticket"]["status"] == "no_show"
    assert client.post(f"{url}/dance", headers=headers).status_code == 404


def test_a_counter_that_is_not_the_officers(demo, client, api_token):
    url = f"/api/v1/counters/{demo.counters[1].id}/call-next"
    assert client.post(url, headers=api_token("canbo1")).status_code == 200
    response = client.post(url, headers=api_token("canbo2"))
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    assert client.post("/api/v1/counters/999999/call-next", headers=api_token("canbo1")).status_code == 404


def test_transfer_through_the_api(demo, client, kiosk, api_token):
    headers = api_token("canbo1")
    url = f"/api/v1/counters/{demo.counters[1].id}"
    client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers)
    client.post(f"{url}/call-next", headers=headers)
    assert client.post(f"{url}/transfer", headers=headers, json={"service_id": "C"}).status_code == 400
    assert client.post(f"{url}/transfer", headers=headers, json={}).status_code == 400
    moved = client.post(f"{url}/transfer", headers=headers, json={"service_id": demo.services["C"].id})
    assert moved.status_code == 200
    assert moved.get_json()["ticket"]["service"]["name"] == "Đất đai"
    assert moved.get_json()["ticket"]["code"] == "A001"
