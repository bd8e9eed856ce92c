"""Staff at several sites, with three sites A (the demo ward), B (second_site) and C: an officer of A and B picks a
counter at either and never at C; a supervisor of A and B manages both from the back office and never C; what the
back office may give is checked (a supervisor cannot hand out a site they do not administer)."""

import pytest
from flask import g
from sqlalchemy import select

from models import Counter, CounterService, Role, Service, Site, Status, Ticket, User, UserSite, db
from models.audit import AuditEntry
from models.queue import issue_ticket
from models.transaction import perform
from motcua.demo import DEMO_PASSWORD, _demo_password_hash


@pytest.fixture
def third_site(demo, second_site):
    """Site C, and two accounts of A and B: an officer (canbo-ab) and a supervisor (giamsat-ab)."""
    site = Site(code="xa-thu-ba", name="Bộ phận một cửa xã Thứ Ba")
    service = Service(site=site, prefix="A", name="Chứng thực", position=0)
    counter = Counter(site=site, number=1, name="Quầy C1")
    counter.links = [CounterService(service=service, position=0)]
    db.session.add_all([site, service, counter])
    for name, role in (("canbo-ab", Role.OFFICER), ("giamsat-ab", Role.SUPERVISOR)):
        user = User(
            username=name,
            full_name=name,
            role=role,
            site=demo.site,
            password_hash=_demo_password_hash(),
        )
        user.other_sites = [UserSite(site_id=second_site.site.id)]
        db.session.add(user)
    db.session.commit()
    return type("ThirdSite", (), {"site": site, "service": service, "counter": counter})


def _client(app, username):
    g.pop("_login_user", None)
    client = app.test_client()
    response = client.post("/auth/login", data={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def _user(username) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).filter_by(username=username))


def test_may_use_site_means_the_own_site_and_the_given_ones(demo, second_site, third_site):
    officer = _user("canbo-ab")
    assert officer.site_ids == [demo.site.id, second_site.site.id]
    assert officer.may_use_site(demo.site.id) and officer.may_use_site(second_site.site.id)
    assert not officer.may_use_site(third_site.site.id)
    assert not officer.may_use_site(None)


def test_an_officer_of_two_sites_picks_a_counter_at_either_never_at_the_third(
    app, demo, second_site, third_site
):
    client = _client(app, "canbo-ab")
    page = client.get("/counter/").get_data(as_text=True)
    assert f"/counter/{demo.counters[1].id}/open" in page
    assert f"/counter/{second_site.counter.id}/open" in page
    assert f"/counter/{third_site.counter.id}/open" not in page
    assert second_site.site.name in page  # each counter says its site
    assert client.post(f"/counter/{third_site.counter.id}/open").status_code == 404
    assert client.post(f"/counter/{second_site.counter.id}/open").status_code == 302
    db.session.expire_all()
    assert db.session.get(Counter, second_site.counter.id).officer_id == _user("canbo-ab").id
    ticket = perform(db.session, issue_ticket, second_site.service.id).ticket
    assert client.post(f"/counter/{second_site.counter.id}/call-next").status_code == 302
    db.session.expire_all()
    called = db.session.get(Ticket, ticket.id)
    assert (called.status, called.counter_id) == (Status.CALLED, second_site.counter.id)


def test_a_supervisor_of_two_sites_manages_both_never_the_third(app, demo, second_site, third_site):
    client = _client(app, "giamsat-ab")
    for site in (demo.site, second_site.site):
        assert client.get(f"/admin/services?site={site.code}").status_code == 200
        assert client.get(f"/admin/users?site={site.code}").status_code == 200
    assert client.get(f"/admin/services?site={third_site.site.code}").status_code == 403
    for code in (third_site.site.code, second_site.site.code):  # C's counter, asked for at C or at B
        assert client.get(f"/admin/counters/{third_site.counter.id}?site={code}").status_code == 404
    # The officer of site B shows in B's list and may be managed; the site picker offers A and B only.
    page = client.get(f"/admin/users?site={second_site.site.code}").get_data(as_text=True)
    assert "canbo-xa2" in page and "canbo-ab" in page
    assert f"Cũng làm việc ở: {demo.site.name}" in page  # canbo-ab's own site, seen from B
    assert third_site.site.name not in page
    assert demo.site.name in page and 'name="site"' in page


def test_a_supervisor_gives_an_officer_only_sites_they_administer(app, demo, second_site, third_site):
    client = _client(app, "giamsat-ab")
    form = {
        "username": "lan",
        "full_name": "Lê Thị Lan",
        "role": Role.OFFICER,
        "site_id": demo.site.id,
        "password": "tam-thoi-2026",
    }
    refused = client.post(
        f"/admin/users?site={demo.site.code}", data={**form, "other_sites": [third_site.site.id]}
    )
    assert refused.status_code == 400
    assert "Bạn chỉ giao được các trung tâm mình quản lý." in refused.get_data(as_text=True)
    assert _user("lan") is None
    created = client.post(
        f"/admin/users?site={demo.site.code}", data={**form, "other_sites": [second_site.site.id]}
    )
    assert created.status_code == 302
    lan = _user("lan")
    assert lan.site_ids == [demo.site.id, second_site.site.id]
    entry = db.session.scalar(select(AuditEntry).filter_by(action="user_created", target="lan"))
    assert entry.after["other_site_ids"] == [second_site.site.id]


def test_an_officer_with_a_site_the_supervisor_lacks_is_not_theirs_to_manage(
    app, demo, second_site, third_site
):
    officer = _user("canbo-xa2")
    officer.other_sites = [UserSite(site_id=third_site.site.id)]
    db.session.commit()
    client = _client(app, "giamsat-ab")
    assert client.get(f"/admin/users/{officer.id}?site={second_site.site.code}").status_code == 404
    saved = client.post(
        f"/admin/users/{officer.id}?site={second_site.site.code}",
        data={"full_name": "X", "role": Role.OFFICER, "site_id": second_site.site.id, "active": "1"},
    )
    assert saved.status_code == 404
    assert _user("canbo-xa2").full_name == "canbo-xa2"


def test_taking_a_site_away_ends_the_users_sessions(app, demo, second_site, third_site, login):
    officer_client = _client(app, "canbo-ab")
    assert officer_client.get("/counter/").status_code == 200
    g.pop("_login_user", None)
    admin = login("admin")
    officer = _user("canbo-ab")
    saved = admin.post(
        f"/admin/users/{officer.id}?site={demo.site.code}",
        data={"full_name": "canbo-ab", "role": Role.OFFICER, "site_id": demo.site.id, "active": "1"},
    )
    assert saved.status_code == 302
    assert _user("canbo-ab").site_ids == [demo.site.id]
    g.pop("_login_user", None)
    assert officer_client.get("/counter/").headers["Location"].startswith("/auth/login")


def test_a_staff_bearer_token_issues_at_any_of_the_users_sites_only(app, demo, second_site, third_site):
    client = app.test_client()
    token = client.post("/api/v1/auth/token", json={"username": "canbo-ab", "password": DEMO_PASSWORD})
    headers = {"Authorization": f"Bearer {token.get_json()['token']}"}
    at_b = client.post("/api/v1/tickets", json={"service_id": second_site.service.id}, headers=headers)
    assert at_b.status_code == 201
    at_c = client.post("/api/v1/tickets", json={"service_id": third_site.service.id}, headers=headers)
    assert at_c.status_code == 403
    assert at_c.get_json()["error"]["code"] == "forbidden"
