"""The server-rendered screens: kiosk, ticket page, counter (sign-in, CSRF, actions), display, back office."""

import re

import pytest

from models import Device, Ticket, db
from motcua.demo import DEMO_KIOSK, seed_demo

from .helpers import enrolment


def html(response) -> str:
    return response.get_data(as_text=True)


def test_kiosk_lists_services_with_waiting_counts(demo, client, kiosk):
    client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers)
    page = html(client.get("/kiosk/"))
    assert "Xin mời chọn dịch vụ để lấy số thứ tự" in page
    assert page.count('class="service-btn') == 6
    assert re.search(r"<strong>1</strong> người đang chờ", page)


def test_kiosk_issues_and_shows_the_ticket_with_a_qr(demo, client, kiosk):
    response = client.post("/kiosk/tickets", data={"service_id": demo.services["A"].id})
    assert response.status_code == 200
    page = html(response)
    ticket = db.session.scalar(db.select(Ticket))
    assert f'<p class="ticket-code">{ticket.code}</p>' in page
    assert "<svg" in page and "Hộ tịch" in page
    assert "Số người đang chờ trước" in page


@pytest.mark.parametrize("value", ["", "abc", "999999", "1; DROP TABLE tickets"])
def test_kiosk_refuses_bad_services_politely(demo, client, kiosk, value):
    response = client.post("/kiosk/tickets", data={"service_id": value})
    assert response.status_code == 404
    assert "Không có dịch vụ này." in html(response)
    assert db.session.scalar(db.select(db.func.count()).select_from(Ticket)) == 0


def test_closed_service_is_shown_disabled_and_refused(demo, client, kiosk):
    demo.services["E"].opens_at = demo.services["E"].closes_at = None
    demo.services["E"].active = True
    demo.services["D"].active = False
    db.session.commit()
    page = html(client.get("/kiosk/"))
    assert page.count('class="service-btn') == 5  # inactive services are not offered at all
    response = client.post("/kiosk/tickets", data={"service_id": demo.services["D"].id})
    assert response.status_code == 409 and "không nhận số" in html(response)


def test_ticket_page_follows_the_ticket(demo, client, kiosk, api_token):
    token = client.post(
        "/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers
    ).get_json()["token"]
    assert "Sắp đến lượt" in html(client.get(f"/t/{token}"))
    client.post(f"/api/v1/counters/{demo.counters[1].id}/call-next", headers=api_token("canbo1"))
    status = html(client.get(f"/t/{token}/status"))
    assert 'data-status="called"' in status and "Quầy số 1" in status
    assert client.get("/t/unknown-token").status_code == 404
    assert client.get("/t/" + "x" * 200).status_code == 404


def test_counter_requires_sign_in(demo, client):
    response = client.get("/counter/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_sign_in_rejects_wrong_passwords(demo, client):
    response = client.post("/auth/login", data={"username": "canbo1", "password": "nope"})
    assert response.status_code == 200 and "không đúng" in html(response)


def test_sign_in_never_redirects_off_site(demo, client):
    response = client.post(
        "/auth/login?next=https://evil.example/", data={"username": "canbo1", "password": "motcua-demo"}
    )
    assert response.headers["Location"] == "/counter/"


def test_forms_are_csrf_protected(demo, app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/auth/login", data={"username": "canbo1", "password": "motcua-demo"})
        assert response.status_code == 400 and "tải lại trang" in html(response)
        assert client.get("/counter/").headers["Location"].startswith("/auth/login")  # not signed in
        page = html(client.get("/auth/login"))
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        ok = client.post(
            "/auth/login", data={"username": "canbo1", "password": "motcua-demo", "csrf_token": token}
        )
        assert ok.status_code == 302
        forged = client.post(f"/counter/{demo.counters[1].id}/open")
        assert forged.status_code == 400 and "hết hạn" in html(forged)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_counter_screen_actions(demo, client, kiosk, login):
    login("canbo1")
    counter_id = demo.counters[1].id
    assert "Quầy 1" in html(client.get("/counter/"))
    opened = client.post(f"/counter/{counter_id}/open")  # a refusal would go back to the choice of counters
    assert (opened.status_code, opened.headers["Location"]) == (302, f"/counter/{counter_id}")
    client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers)

    hx = {"HX-Request": "true"}
    panel = html(client.post(f"/counter/{counter_id}/call-next", headers=hx))
    assert 'data-code="A001"' in panel and "Hoàn tất" in panel
    busy = html(client.post(f"/counter/{counter_id}/call-next", headers=hx))
    assert "Quầy đang phục vụ một số khác" in busy
    assert "Gọi số tiếp theo" in html(client.post(f"/counter/{counter_id}/complete", headers=hx))
    nobody = html(client.post(f"/counter/{counter_id}/call-next", headers=hx))
    assert "Hiện không có ai đang chờ." in nobody
    assert client.post(f"/counter/{counter_id}/fly", headers=hx).status_code == 404


def test_another_officers_counter_is_refused(demo, client, login):
    login("canbo2")
    client.post(f"/counter/{demo.counters[2].id}/open")
    client.post("/auth/logout")
    login("canbo3")
    response = client.post(f"/counter/{demo.counters[2].id}/call-next", headers={"HX-Request": "true"})
    assert "cán bộ khác phụ trách" in html(response)
    # Opening their screen directly sends them back to the choice of counters.
    sent_back = client.get(f"/counter/{demo.counters[2].id}")
    assert (sent_back.status_code, sent_back.headers["Location"]) == (302, "/counter/")


def test_display_board_shows_calls(demo, client, kiosk, api_token):
    client.post("/api/v1/tickets", json={"service_id": demo.services["B"].id}, headers=kiosk.headers)
    client.post(f"/api/v1/counters/{demo.counters[3].id}/call-next", headers=api_token("canbo3"))
    board = html(client.get("/display/board"))
    assert '<td class="code">B001</td>' in board
    assert "Quầy 3" in board


def test_back_office_is_for_supervisors(demo, client, login):
    login("canbo1")
    assert client.get("/admin/").status_code == 403
    client.post("/auth/logout")
    login("admin")
    page = html(client.get("/admin/"))
    assert "Hộ tịch" in page and "Các quầy" in page


def test_english_is_selectable(app, client):
    # Each request gets its own app context here, as in production (Flask-Babel caches the locale on it).
    with app.app_context():
        seed_demo(db.session)
        client.get(enrolment(db.session.scalar(db.select(Device).filter_by(name=DEMO_KIOSK))).url)
    page = html(client.get("/kiosk/?lang=en"))
    assert "Please choose a service to take a number" in page
    assert "Please choose a service" in html(client.get("/kiosk/"))  # the choice sticks in the session
    assert "Xin mời chọn dịch vụ" in html(client.get("/kiosk/?lang=vi"))


def test_unknown_pages_get_a_friendly_404(demo, client):
    response = client.get("/no/such/page")
    assert response.status_code == 404 and "Không tìm thấy trang này." in html(response)


def test_a_plain_kiosk_form_post_gets_the_whole_ticket_page(demo, client, kiosk):
    page = html(client.post("/kiosk/tickets", data={"service_id": demo.services["A"].id}))
    assert 'id="kiosk"' in page and '<p class="ticket-code">A001</p>' in page
    fragment = html(
        client.post(
            "/kiosk/tickets", data={"service_id": demo.services["A"].id}, headers={"HX-Request": "true"}
        )
    )
    assert 'id="kiosk"' not in fragment and '<p class="ticket-code">A002</p>' in fragment


def test_a_plain_counter_form_post_acts_and_comes_back_to_the_screen(demo, client, kiosk, login):
    login("canbo1")
    counter_id = demo.counters[1].id
    client.post(f"/counter/{counter_id}/open")
    client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers)
    response = client.post(f"/counter/{counter_id}/call-next")
    assert response.status_code == 302 and response.headers["Location"] == f"/counter/{counter_id}"
    assert 'data-code="A001"' in html(client.get(f"/counter/{counter_id}"))
    client.post(f"/counter/{counter_id}/call-next")  # refused: still serving A001
    assert "Quầy đang phục vụ một số khác" in html(client.get(f"/counter/{counter_id}"))


def test_a_refusal_to_htmx_is_its_message_not_a_page(demo, client):
    """htmx swaps 4xx answers into the element that asked: the answer is the message alone, with its status."""
    response = client.get("/t/no-such-token", headers={"HX-Request": "true"})
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert body.startswith('<p class="error-message" role="alert">') and "<html" not in body
    assert "<html" in client.get("/t/no-such-token").get_data(as_text=True)
