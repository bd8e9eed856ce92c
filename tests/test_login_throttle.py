"""Sign-in throttling per account and per address, constant work for unknown usernames, bounded hashing."""

import pytest

from motcua import passwords
from motcua.demo import DEMO_PASSWORD


def _web(client, username, password, address="10.0.0.1"):
    return client.post(
        "/auth/login",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def _api(client, username, password, address="10.0.0.1"):
    return client.post(
        "/api/v1/auth/token",
        json={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_after_forty_wrong_passwords_the_right_one_is_refused_too(app, demo):
    client = app.test_client()
    # Spread over addresses, so only the per-account limit can stop it.
    codes = [_web(client, "canbo1", "sai-mat-khau", f"10.0.1.{i}").status_code for i in range(40)]
    assert codes[:10] == [200] * 10 and set(codes[10:]) == {429}
    response = _web(client, "canbo1", DEMO_PASSWORD, "10.0.1.99")
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.get_data(as_text=True)
    assert _api(client, "canbo1", DEMO_PASSWORD, "10.0.1.98").status_code == 429


def test_the_api_refuses_with_a_json_429(app, demo):
    client = app.test_client()
    for _ in range(10):
        assert _api(client, "admin", "sai").status_code == 401
    response = _api(client, "admin", DEMO_PASSWORD)
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "too_many_requests"


def test_another_account_from_another_address_is_unaffected(app, demo):
    client = app.test_client()
    for _ in range(12):
        _web(client, "canbo1", "sai", "10.0.2.1")
    assert _web(client, "canbo2", DEMO_PASSWORD, "10.0.2.2").status_code == 302
    assert _api(client, "canbo3", DEMO_PASSWORD, "10.0.2.3").status_code == 200


def test_one_address_trying_many_accounts_is_stopped(app, demo):
    client = app.test_client()
    codes = [_api(client, f"khong-co-{i}", "sai", "10.0.3.1").status_code for i in range(31)]
    assert codes[:30] == [401] * 30 and codes[30] == 429
    assert _api(client, "canbo4", DEMO_PASSWORD, "10.0.3.1").status_code == 429
    assert _api(client, "canbo4", DEMO_PASSWORD, "10.0.3.2").status_code == 200


def test_successful_sign_ins_do_not_count(app, demo):
    client = app.test_client()
    for _ in range(15):
        assert _api(client, "canbo5", DEMO_PASSWORD).status_code == 200


@pytest.mark.parametrize("username", ["canbo1", "khong-ton-tai"])
def test_known_and_unknown_usernames_both_hash_once(app, demo, monkeypatch, username):
    calls = []
    real = passwords.check_password_hash
    monkeypatch.setattr(passwords, "check_password_hash", lambda h, p: calls.append(h) or real(h, p))
    assert _api(app.test_client(), username, "sai-mat-khau").status_code == 401
    assert len(calls) == 1


def test_password_checks_wait_for_a_free_slot(app, demo, monkeypatch):
    """No free hashing slot in time: a clear 503, not one more 32 MB hash."""
    slots = passwords._semaphore()
    monkeypatch.setitem(app.config, "PASSWORD_CHECK_WAIT_SECONDS", 0.05)
    held = [slots.acquire(blocking=False) for _ in range(app.config["PASSWORD_CHECKS_AT_ONCE"])]
    try:
        assert all(held)
        response = _api(app.test_client(), "canbo1", DEMO_PASSWORD)
    finally:
        for _ in held:
            slots.release()
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "busy"


def test_rating_limit_is_per_address_not_per_token(app, demo, monkeypatch):
    """5,000 made-up tokens from one address are counted as one address (memory stays bounded)."""
    monkeypatch.setitem(app.config, "RATING_RATE_LIMIT", "3/60")
    client = app.test_client()
    codes = [
        client.post(f"/api/v1/tickets/khong-co-{i}/rating", json={"level": "hai_long"}).status_code
        for i in range(5)
    ]
    assert codes == [404, 404, 404, 429, 429]
