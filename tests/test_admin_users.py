"""/admin/users and /auth/password: accounts by role and site, never deleted, temporary passwords the user must
change, password rules, the last province administrator kept; sign-ins (good and bad) in the audit log."""

import pytest
from flask import g
from sqlalchemy import func, select

from models import Role, User, db
from models.audit import AuditEntry
from motcua.demo import DEMO_PASSWORD

NEW = {
    "username": "nguyenvana",
    "full_name": "Nguyễn Văn A",
    "role": Role.OFFICER,
    "password": "tam-thoi-2026",
}


def switch(client=None):
    """The tests hold one app context, so Flask-Login's cached user must be forgotten between two clients."""
    g.pop("_login_user", None)
    return client


def user(username) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).filter_by(username=username))


def test_create_an_officer_who_must_change_the_password_at_first_sign_in(app, demo, login):
    admin = login("admin")
    assert admin.post("/admin/users", data={**NEW, "site_id": demo.site.id}).status_code == 302
    created = user("nguyenvana")
    assert created.role == Role.OFFICER and created.site_id == demo.site.id and created.must_change_password
    client = switch(app.test_client())
    signed_in = client.post("/auth/login", data={"username": "nguyenvana", "password": "tam-thoi-2026"})
    assert signed_in.headers["Location"] == "/auth/password"
    # Every staff page waits for the new password.
    assert client.get("/counter/").headers["Location"] == "/auth/password"
    weak = client.post("/auth/password", data={"current": "tam-thoi-2026", "new": "ngan", "repeated": "ngan"})
    assert weak.status_code == 400 and "ít nhất 10 ký tự" in weak.get_data(as_text=True)
    named = client.post(
        "/auth/password",
        data={"current": "tam-thoi-2026", "new": "xx-nguyenvana-xx", "repeated": "xx-nguyenvana-xx"},
    )
    assert named.status_code == 400 and "không được chứa tên đăng nhập" in named.get_data(as_text=True)
    mismatch = client.post(
        "/auth/password",
        data={"current": "tam-thoi-2026", "new": "mat-khau-moi-1", "repeated": "mat-khau-moi-2"},
    )
    assert mismatch.status_code == 400 and "không khớp" in mismatch.get_data(as_text=True)
    done = client.post(
        "/auth/password",
        data={"current": "tam-thoi-2026", "new": "mat-khau-moi-1", "repeated": "mat-khau-moi-1"},
    )
    assert done.status_code == 302
    assert client.get("/counter/").status_code == 200
    assert not user("nguyenvana").must_change_password and user("nguyenvana").check_password("mat-khau-moi-1")
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["sign_in", "user_created", "sign_in", "password_changed"]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"username": "canbo1"}, "Tên đăng nhập này đã có"),
        ({"username": "Nguyễn"}, "Tên đăng nhập gồm 3–80 chữ thường"),
        ({"password": "short"}, "ít nhất 10 ký tự"),
        ({"password": "nguyenvana-2026"}, "không được chứa tên đăng nhập"),
        ({"full_name": ""}, "Xin nhập họ và tên"),
        ({"role": "root"}, "Bạn không thể cấp vai trò này"),
    ],
)
def test_bad_accounts_are_refused(demo, login, change, message):
    before = db.session.scalar(select(func.count()).select_from(User))
    response = login("admin").post("/admin/users", data={**NEW, "site_id": demo.site.id, **change})
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(User)) == before


def test_a_supervisor_manages_only_officers_of_their_own_site(demo, second_site, login):
    client = login("giamsat2")
    own = {**NEW, "site_id": second_site.site.id}
    assert (
        client.post("/admin/users?site=xa-thu-hai", data={**own, "role": Role.SUPERVISOR}).status_code == 400
    )
    other_site = client.post("/admin/users?site=xa-thu-hai", data={**NEW, "site_id": demo.site.id})
    assert other_site.status_code == 400 and "trung tâm mình" in other_site.get_data(as_text=True)
    assert client.post("/admin/users?site=xa-thu-hai", data=own).status_code == 302
    # The demo site's officer, and the supervisor's own kind, are not theirs to change.
    officer = demo.users["canbo1"]
    assert client.get(f"/admin/users/{officer.id}?site=xa-thu-hai").status_code == 404
    assert (
        client.post(
            f"/admin/users/{officer.id}/password?site=xa-thu-hai", data={"password": "x" * 12}
        ).status_code
        == 404
    )
    assert user("canbo1").check_password(DEMO_PASSWORD)
    colleague = second_site.users["giamsat2"]
    assert client.get(f"/admin/users/{colleague.id}?site=xa-thu-hai").status_code == 404


def test_reset_password_ends_the_users_sessions_and_asks_for_a_new_one(app, demo, login):
    officer_client = app.test_client()
    officer_client.post("/auth/login", data={"username": "canbo1", "password": DEMO_PASSWORD})
    assert officer_client.get("/counter/").status_code == 200
    officer = demo.users["canbo1"]
    switch()
    response = login("admin").post(f"/admin/users/{officer.id}/password", data={"password": "cap-lai-2026"})
    assert response.status_code == 302
    assert switch(officer_client).get("/counter/").headers["Location"].startswith("/auth/login")
    assert user("canbo1").must_change_password and user("canbo1").check_password("cap-lai-2026")
    entry = db.session.scalar(select(AuditEntry).filter_by(action="password_reset"))
    assert entry.username == "admin" and entry.target == "canbo1"


def test_deactivate_never_deletes_and_the_last_province_administrator_stays(demo, login):
    client = login("admin")
    admin = demo.users["admin"]
    data = {"full_name": admin.full_name, "role": Role.OFFICER, "site_id": demo.site.id, "active": "1"}
    refused = client.post(f"/admin/users/{admin.id}", data=data)
    assert refused.status_code == 400 and "quản trị viên cấp tỉnh cuối cùng" in refused.get_data(as_text=True)
    locked = client.post(f"/admin/users/{admin.id}", data={**data, "role": Role.ADMIN, "active": ""})
    assert locked.status_code == 400
    officer = demo.users["canbo2"]
    off = {"full_name": "Trần Văn Minh", "role": Role.OFFICER, "site_id": demo.site.id}
    assert client.post(f"/admin/users/{officer.id}", data=off).status_code == 302
    assert not user("canbo2").active
    assert user("admin").active and user("admin").role == Role.ADMIN
    entry = db.session.scalar(select(AuditEntry).filter_by(action="user_changed"))
    assert entry.before == {"active": True} and entry.after == {"active": False}


def test_sign_ins_good_and_bad_are_logged_with_the_address(app, demo):
    client = app.test_client()
    client.post(
        "/auth/login",
        data={"username": "canbo1", "password": "sai"},
        environ_base={"REMOTE_ADDR": "10.1.2.3"},
    )
    client.post("/auth/login", data={"username": "khong-co", "password": "sai"})
    client.post("/auth/login", data={"username": "canbo1", "password": DEMO_PASSWORD})
    rows = db.session.execute(
        select(AuditEntry.action, AuditEntry.username, AuditEntry.address, AuditEntry.site_id).order_by(
            AuditEntry.id
        )
    ).all()
    assert rows == [
        ("sign_in_failed", "canbo1", "10.1.2.3", demo.site.id),
        ("sign_in_failed", "khong-co", "127.0.0.1", None),
        ("sign_in", "canbo1", "127.0.0.1", demo.site.id),
    ]


def test_sign_in_is_throttled_per_account_with_a_clear_message(app, demo, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ACCOUNT_LIMIT", "3/900")
    client = app.test_client()
    for _ in range(3):
        client.post("/auth/login", data={"username": "canbo1", "password": "sai"})
    refused = client.post("/auth/login", data={"username": "canbo1", "password": DEMO_PASSWORD})
    assert refused.status_code == 429 and "Đăng nhập sai quá nhiều lần" in refused.get_data(as_text=True)


def test_what_each_role_may_grant():
    from models.permissions import grantable_roles

    assert grantable_roles(User(role=Role.OFFICER)) == ()
    assert grantable_roles(User(role=Role.SUPERVISOR)) == (Role.OFFICER,)
    assert Role.ADMIN not in grantable_roles(User(role=Role.SITE_ADMIN))
    assert Role.SUPERVISOR in grantable_roles(User(role=Role.SITE_ADMIN))
    assert grantable_roles(User(role=Role.ADMIN)) == Role.ALL


def test_a_site_administrator_manages_their_sites_supervisors_but_no_province_administrator(
    app, demo, second_site
):
    chief = second_site.users["giamsat2"]
    chief.role = Role.SITE_ADMIN
    db.session.commit()
    switch()
    client = app.test_client()
    client.post("/auth/login", data={"username": "giamsat2", "password": DEMO_PASSWORD})
    supervisor = {**NEW, "role": Role.SUPERVISOR, "site_id": second_site.site.id}
    assert client.post("/admin/users?site=xa-thu-hai", data=supervisor).status_code == 302
    assert user("nguyenvana").role == Role.SUPERVISOR
    province = {**NEW, "username": "tinh2", "role": Role.ADMIN, "site_id": second_site.site.id}
    refused = client.post("/admin/users?site=xa-thu-hai", data=province)
    assert refused.status_code == 400 and "Bạn không thể cấp vai trò này" in refused.get_data(as_text=True)
    assert client.get(f"/admin/users/{demo.users['admin'].id}?site=xa-thu-hai").status_code == 404
    assert client.get("/admin/sites").status_code == 403


def test_usual_counters_come_first_on_the_officers_counter_list(app, demo, second_site, login):
    admin = login("admin")
    officer = demo.users["canbo1"]
    form = {"full_name": officer.full_name, "role": Role.OFFICER, "site_id": demo.site.id, "active": "1"}
    five, three = demo.counters[5].id, demo.counters[3].id
    assert (
        admin.post(f"/admin/users/{officer.id}", data={**form, "counters": [five, three]}).status_code == 302
    )
    assert user("canbo1").usual_counter_ids == [five, three]
    # Saved again in another order (the same rows), then a counter of another site is refused.
    assert (
        admin.post(f"/admin/users/{officer.id}", data={**form, "counters": [three, five]}).status_code == 302
    )
    assert user("canbo1").usual_counter_ids == [three, five]
    refused = admin.post(f"/admin/users/{officer.id}", data={**form, "counters": [second_site.counter.id]})
    assert refused.status_code == 400 and "Quầy thường làm phải là quầy" in refused.get_data(as_text=True)
    assert user("canbo1").usual_counter_ids == [three, five]
    switch()
    client = app.test_client()
    client.post("/auth/login", data={"username": "canbo1", "password": DEMO_PASSWORD})
    page = client.get("/counter/").get_data(as_text=True)
    order = [page.index(f"/counter/{demo.counters[n].id}/open") for n in (3, 5, 1, 2)]
    assert order == sorted(order)
