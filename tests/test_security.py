"""Security headers on every answer, the request-body limit, and CSV cells that cannot run as formulas."""

import csv
import io

import pytest

from models import db
from models.rating_rules import rate
from models.transaction import perform

from .rating_helpers import served


@pytest.mark.parametrize(
    "path",
    ["/kiosk/", "/display/", "/procedures/", "/auth/login", "/api/v1/services", "/khong-co-trang-nay"],
)
def test_every_answer_carries_the_security_headers(demo, client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp and "base-uri 'self'" in csp and "form-action 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_no_template_carries_inline_script_or_handlers(demo, client):
    ticket = served(demo)
    for path in ["/kiosk/", "/kiosk/procedures", "/procedures/", f"/t/{ticket.token}", "/khong-co-trang-nay"]:
        page = client.get(path).get_data(as_text=True).lower()
        assert "javascript:" not in page and " onclick=" not in page and " onsubmit=" not in page, path
        assert page.count("<script") == page.count("<script src="), path


def test_a_too_large_body_is_refused_with_413(app, demo, client, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 4096)
    body = {"level": "hai_long", "comment": "x" * 10_000}
    response = client.post("/api/v1/tickets/abc/rating", json=body)
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    page = client.post("/auth/login", data={"username": "a" * 10_000, "password": "x"})
    assert page.status_code == 413
    assert "Nội dung gửi lên quá lớn" in page.get_data(as_text=True)


def test_max_content_length_from_the_environment(monkeypatch):
    from motcua.config import Config

    monkeypatch.delenv("MAX_CONTENT_LENGTH", raising=False)
    assert Config().MAX_CONTENT_LENGTH == 2 * 1024 * 1024
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "1048576")
    assert Config().MAX_CONTENT_LENGTH == 1048576


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_cannot_start_a_formula(demo, login, client, lead):
    ticket = served(demo, 2, "canbo2")
    perform(db.session, rate, ticket.token, "hai_long")
    demo.users["canbo2"].full_name = lead + 'HYPERLINK("http://x")'
    db.session.commit()
    login("admin")
    day = ticket.day.isoformat()
    exported = client.get(f"/admin/reports/satisfaction?from={day}&to={day}&format=csv")
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"), newline="")))
    names = [r[2] for r in rows if r and r[0] == "Cán bộ"]
    assert "'" + lead + 'HYPERLINK("http://x")' in names


def test_a_form_post_over_https_needs_the_same_origin_referer_our_policy_keeps(demo):
    """Flask-WTF checks the Referer of every form post over https: a Referrer-Policy of no-referrer would make
    every form of a TLS deployment fail with "session expired"."""
    from motcua import create_app

    app = create_app({"TESTING": True, "SOCKETIO_MESSAGE_QUEUE": None})
    client = app.test_client()
    page = client.get("/auth/login", base_url="https://motcua.test").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    form = {"csrf_token": token, "username": "canbo1", "password": "motcua-demo"}
    without = client.post("/auth/login", data=form, base_url="https://motcua.test")
    assert without.status_code == 400
    same_origin = client.post(
        "/auth/login",
        data=form,
        base_url="https://motcua.test",
        headers={"Referer": "https://motcua.test/auth/login"},
    )
    assert same_origin.status_code == 302


def test_a_lazy_message_carrying_user_input_is_escaped_on_a_page(app):
    from flask import render_template_string
    from flask_babel import lazy_gettext as _l

    with app.test_request_context():
        message = _l("Không có dịch vụ “%(s)s”.", s="<img src=x onerror=alert(1)>")
        html = render_template_string("<p>{{ message }}</p>", message=message)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
