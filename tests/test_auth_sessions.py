"""Server-side sessions and API tokens: signing out, a password change and a deactivation revoke them."""

import base64

from flask import g
from sqlalchemy import select

from models import AuthSession, db
from models.auth_session import change_password, set_active
from models.transaction import perform
from motcua.demo import DEMO_PASSWORD


def _forget_cached_user() -> None:
    # The test's app context is shared by its client's requests, and Flask-Login caches the user in g; a real
    # request starts with an empty g and loads the user through its session row again.
    g.pop("_login_user", None)


def _cookie(client) -> str:
    return client.get_cookie("session").value


def test_a_copied_cookie_opens_nothing_after_sign_out(app, demo, login):
    client = login("admin")
    copied = _cookie(client)
    assert client.get("/admin/").status_code == 200
    assert client.post("/auth/logout").status_code == 302

    thief = app.test_client()
    thief.set_cookie("session", copied)
    _forget_cached_user()
    response = thief.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_a_password_change_signs_out_every_session_and_token(app, demo, login, api_token):
    client = login("admin")
    headers = api_token("admin")
    perform(db.session, change_password, demo.users["admin"], "mat-khau-moi-2026")
    _forget_cached_user()

    assert client.get("/admin/").headers["Location"].startswith("/auth/login")
    response = client.get("/api/v1/reports/satisfaction", headers=headers)
    assert response.status_code == 401
    fresh = app.test_client()
    assert (
        fresh.post("/auth/login", data={"username": "admin", "password": "mat-khau-moi-2026"}).status_code
        == 302
    )


def test_a_deactivated_account_is_signed_out_at_once(demo, login, api_token, client):
    login("admin")
    headers = api_token("admin")
    perform(db.session, set_active, demo.users["admin"], False)
    _forget_cached_user()
    assert client.get("/admin/").headers["Location"].startswith("/auth/login")
    assert client.get("/api/v1/reports/satisfaction", headers=headers).status_code == 401
    assert all(row.revoked_at is not None for row in db.session.scalars(select(AuthSession)))


def test_delete_token_revokes_only_that_token(demo, client, api_token):
    first, second = api_token("admin"), api_token("admin")
    assert client.delete("/api/v1/auth/token", headers=first).status_code == 204
    assert client.get("/api/v1/reports/satisfaction", headers=first).status_code == 401
    assert client.get("/api/v1/reports/satisfaction", headers=second).status_code == 200
    assert client.delete("/api/v1/auth/token").status_code == 401


def test_a_token_carries_no_hash_material(demo, client):
    response = client.post("/api/v1/auth/token", json={"username": "canbo1", "password": DEMO_PASSWORD})
    token = response.get_json()["token"]
    password_hash = demo.users["canbo1"].password_hash
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert len(raw) == 32  # 256 random bits, nothing else
    assert "." not in token
    for tail in (password_hash[-12:], password_hash[-8:]):
        assert tail not in token and tail.encode() not in raw
    # The database keeps only a digest of the token.
    row = db.session.scalar(select(AuthSession))
    assert row.kind == "api" and token not in row.digest and len(row.digest) == 64


def test_the_cookie_holds_no_user_id(demo, login):
    client = login("canbo1")
    # Flask's cookie is signed, not encrypted: its payload must name the server-side session, not the user.
    payload = _cookie(client).split(".")[0]
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert '"_user_id":"1"' not in data.replace(" ", "")
    assert db.session.scalar(select(AuthSession).filter_by(kind="web")) is not None


def test_session_cookie_secure_follows_public_url(monkeypatch):
    from motcua.config import Config

    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    monkeypatch.setenv("PUBLIC_URL", "https://motcua.example.gov.vn")
    assert Config().SESSION_COOKIE_SECURE is True
    monkeypatch.setenv("PUBLIC_URL", "http://192.168.1.10:5000")
    assert Config().SESSION_COOKIE_SECURE is False
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "1")
    assert Config().SESSION_COOKIE_SECURE is True
