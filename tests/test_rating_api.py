"""POST /api/v1/tickets/<token>/rating and GET /api/v1/reports/satisfaction: status codes, JSON errors, limits."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from models import Rating, Ticket, db
from models import queue as rules
from models.transaction import perform

from .rating_helpers import served


def post(client, token, body):
    return client.post(f"/api/v1/tickets/{token}/rating", json=body)


def error_code(response):
    body = response.get_json()
    assert set(body) == {"error"} and body["error"]["message"], body
    return body["error"]["code"]


def test_rating_is_created_once_then_409(demo, client):
    ticket = served(demo)
    response = post(
        client, ticket.token, {"level": "hai_long", "criteria": ["thai_do_phuc_vu"], "comment": "Tốt"}
    )
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["level"] == "hai_long" and response.get_json()["channel"] == "api"
    again = post(client, ticket.token, {"level": "khong_hai_long"})
    assert again.status_code == 409 and error_code(again) == "already_rated"
    assert "đã được đánh giá" in again.get_json()["error"]["message"]


def test_not_served_too_late_and_unknown_tokens(demo, client):
    waiting = perform(db.session, rules.issue_ticket, demo.services["A"].id).ticket
    response = post(client, waiting.token, {"level": "hai_long"})
    assert response.status_code == 422 and error_code(response) == "not_served"

    old = served(demo)
    old.finished_at -= timedelta(hours=25)
    db.session.commit()
    response = post(client, old.token, {"level": "hai_long"})
    assert response.status_code == 422 and error_code(response) == "rating_window_closed"

    response = post(client, "x" * 40, {"level": "hai_long"})
    assert response.status_code == 404 and error_code(response) == "not_found"
    assert db.session.scalar(select(db.func.count()).select_from(Rating)) == 0


@pytest.mark.parametrize(
    "body",
    [
        {"level": "tot"},
        {},
        {"level": ["hai_long"]},
        {"level": "hai_long", "criteria": ["gia_re"]},
        {"level": "hai_long", "criteria": "thoi_gian_cho"},
        {"level": "hai_long", "comment": "a" * 10_000},
        {"level": "hai_long", "comment": 12},
    ],
)
def test_bad_bodies_get_400_and_write_nothing(demo, client, body):
    ticket = served(demo)
    response = post(client, ticket.token, body)
    assert response.status_code == 400 and error_code(response) == "invalid_rating"
    assert db.session.scalar(select(db.func.count()).select_from(Rating)) == 0


def test_not_json_gets_400(demo, client):
    ticket = served(demo)
    response = client.post(f"/api/v1/tickets/{ticket.token}/rating", data="level=hai_long")
    assert response.status_code == 400 and error_code(response) == "invalid_json"


def test_a_script_firing_at_a_token_is_rate_limited(app, demo, client):
    ticket = served(demo)
    app.config["RATING_RATE_LIMIT"] = "3/60"
    try:
        codes = [post(client, ticket.token, {"level": "hai_long"}).status_code for _ in range(5)]
    finally:
        app.config["RATING_RATE_LIMIT"] = "10/60"
    assert codes == [201, 409, 409, 429, 429]
    assert error_code(post(client, ticket.token, {"level": "hai_long"})) in (
        "too_many_requests",
        "already_rated",
    )


def test_report_needs_a_supervisor_token(demo, client, api_token):
    url = "/api/v1/reports/satisfaction?from=2026-01-01&to=2026-01-31"
    assert client.get(url).status_code == 401
    response = client.get(url, headers=api_token("canbo1"))
    assert response.status_code == 403 and error_code(response) == "forbidden"
    response = client.get("/api/v1/reports/satisfaction?from=2026-13-01", headers=api_token("admin"))
    assert response.status_code == 400 and error_code(response) == "invalid_date"
    response = client.get(
        "/api/v1/reports/satisfaction?from=2026-02-01&to=2026-01-01", headers=api_token("admin")
    )
    assert response.status_code == 400 and error_code(response) == "invalid_range"


def test_report_gives_per_officer_figures(demo, client, api_token):
    first = served(demo, 1, "canbo1")
    served(demo, 1, "canbo1")
    third = served(demo, 2, "canbo2")
    post(client, first.token, {"level": "rat_hai_long"})
    post(client, third.token, {"level": "khong_hai_long", "comment": "Chậm"})
    day = db.session.get(Ticket, first.id).day.isoformat()
    response = client.get(f"/api/v1/reports/satisfaction?from={day}&to={day}", headers=api_token("admin"))
    assert response.status_code == 200
    body = response.get_json()
    by_name = {o["name"]: o for o in body["officers"]}
    lan, minh = by_name["Nguyễn Thị Lan"], by_name["Trần Văn Minh"]
    assert (lan["served"], lan["rated"], lan["response_rate"], lan["satisfaction_index"]) == (
        2,
        1,
        50.0,
        100.0,
    )
    assert lan["levels"]["rat_hai_long"] == 1 and lan["rank"] == 1
    assert (minh["served"], minh["rated"], minh["satisfaction_index"], minh["rank"]) == (1, 1, 0.0, 2)
    assert body["total"]["served"] == 3 and body["total"]["rated"] == 2
    assert round(body["total"]["satisfaction_index"], 1) == round(100 * 2 / 3, 1)
