"""The counter screen and the back office around a counter: the no-show confirm step and its undo, stale
clicks, shortcut keys shown on the buttons, the sign-out warning, and a supervisor's release or take-over."""

import re

import pytest
from flask import g

from models import CounterEvent, Role, Site, Status, Ticket, User, db
from models import queue as rules
from models.transaction import perform
from motcua.demo import DEMO_PASSWORD


def issue(demo, prefix="A"):
    return perform(db.session, rules.issue_ticket, demo.services[prefix].id).ticket


def status_of(ticket) -> str:
    db.session.expire_all()
    return db.session.get(Ticket, ticket.id).status


def fragment(client, url, **form):
    return client.post(url, data=form, headers={"HX-Request": "true"})


@pytest.fixture
def serving(demo, login):
    """canbo1 at counter 1 serving A001; returns (client, counter url, ticket)."""
    ticket = issue(demo)
    client = login("canbo1")
    url = f"/counter/{demo.counters[1].id}"
    fragment(client, f"{url}/call-next")
    fragment(client, f"{url}/start", ticket_id=ticket.id)
    assert status_of(ticket) == Status.SERVING
    return client, url, ticket


def make_user(username, role, site):
    user = User(username=username, full_name=username, role=role, site=site)
    user.set_password(DEMO_PASSWORD)
    db.session.add(user)
    db.session.commit()
    return user


class Signed:
    """A test client signed in as one user. The tests share one app context, where Flask-Login caches the
    user of the last request in `g`; forget it before each request so each client is who it signed in as."""

    def __init__(self, client):
        self.client = client

    def __getattr__(self, name):
        method = getattr(self.client, name)

        def call(*args, **kwargs):
            g.pop("_login_user", None)
            return method(*args, **kwargs)

        return call


def client_for(app, username):
    client = Signed(app.test_client())
    response = client.post("/auth/login", data={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def test_no_show_while_serving_asks_first(serving):
    client, url, ticket = serving
    asked = fragment(client, f"{url}/no-show", ticket_id=ticket.id)
    html = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Xác nhận vắng mặt" in html and "data-hold-refresh" in html
    assert status_of(ticket) == Status.SERVING  # nothing done yet
    confirmed = fragment(client, f"{url}/no-show", ticket_id=ticket.id, confirm="1")
    assert confirmed.status_code == 200 and status_of(ticket) == Status.NO_SHOW
    assert "Hoàn tác vắng mặt A001" in confirmed.get_data(as_text=True)


def test_no_show_of_a_called_citizen_needs_no_confirmation(demo, login):
    ticket = issue(demo)
    client = login("canbo1")
    url = f"/counter/{demo.counters[1].id}"
    fragment(client, f"{url}/call-next")
    fragment(client, f"{url}/no-show", ticket_id=ticket.id)
    assert status_of(ticket) == Status.NO_SHOW


def test_undo_puts_the_citizen_back_at_the_counter(serving):
    client, url, ticket = serving
    fragment(client, f"{url}/no-show", ticket_id=ticket.id, confirm="1")
    undone = fragment(client, f"{url}/undo-no-show", ticket_id=ticket.id)
    assert undone.status_code == 200 and 'data-code="A001"' in undone.get_data(as_text=True)
    assert status_of(ticket) == Status.SERVING
    again = fragment(client, f"{url}/undo-no-show", ticket_id=ticket.id)
    assert "Không thể hoàn tác" in again.get_data(as_text=True)


def test_undo_is_not_offered_after_the_window(app, serving):
    client, url, ticket = serving
    fragment(client, f"{url}/no-show", ticket_id=ticket.id, confirm="1")
    app.config["NO_SHOW_UNDO_SECONDS"] = 0
    try:
        panel = client.get(f"{url}/panel").get_data(as_text=True)
        assert "Hoàn tác" not in panel
        refused = fragment(client, f"{url}/undo-no-show", ticket_id=ticket.id)
        assert "Không thể hoàn tác" in refused.get_data(as_text=True)
    finally:
        app.config["NO_SHOW_UNDO_SECONDS"] = 60
    assert status_of(ticket) == Status.NO_SHOW


def test_a_late_second_click_never_acts_on_the_next_citizen(demo, serving):
    client, url, first = serving
    second = issue(demo)
    fragment(client, f"{url}/complete", ticket_id=first.id)
    fragment(client, f"{url}/call-next")
    late = fragment(client, f"{url}/complete", ticket_id=first.id)
    assert "vừa được xử lý bằng một thao tác khác" in late.get_data(as_text=True)
    assert status_of(second) == Status.CALLED


def test_buttons_show_their_shortcut_keys(serving):
    client, url, _ticket = serving
    html = client.get(f"{url}/panel").get_data(as_text=True)
    for key in ("R", "Enter", "N"):
        assert re.search(rf'data-key="{key}"[^>]*>[^<]*<kbd aria-hidden="true">{key}</kbd>', html), key
    assert "hx-preserve" in html and 'id="transfer-target-' in html


def test_sign_out_with_a_citizen_at_the_counter_asks_first(serving):
    client, url, _ticket = serving
    warned = client.post("/auth/logout")
    html = warned.get_data(as_text=True)
    assert warned.status_code == 200 and "Số A001 vẫn đang ở Quầy 1." in html
    assert client.get(url).status_code == 200  # still signed in
    signed_out = client.post("/auth/logout", data={"confirm": "1"})
    assert signed_out.status_code == 302 and client.get(url).status_code == 302


def test_sign_out_with_no_citizen_is_immediate(demo, login):
    client = login("canbo1")
    assert client.post("/auth/logout").status_code == 302


def test_api_undo_no_show(demo, client, api_token):
    ticket = issue(demo)
    headers = api_token("canbo1")
    url = f"/api/v1/counters/{demo.counters[1].id}"
    client.post(f"{url}/call-next", headers=headers)
    assert client.post(f"{url}/no-show", headers=headers, json={"ticket_id": ticket.id}).status_code == 200
    undone = client.post(f"{url}/undo-no-show", headers=headers)
    assert undone.status_code == 200 and undone.get_json()["ticket"]["status"] == "called"
    again = client.post(f"{url}/undo-no-show", headers=headers)
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "undo_unavailable"
    stale = client.post(f"{url}/complete", headers=headers, json={"ticket_id": ticket.id + 1000})
    assert stale.status_code == 404
    bad = client.post(f"{url}/complete", headers=headers, json={"ticket_id": "x"})
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_ticket_id"


# --- the back office releases or takes over --------------------------------------------------------------


@pytest.fixture
def stranded(demo, app):
    """canbo1 signed out (confirmed) with A001 called at counter 1."""
    ticket = issue(demo)
    client = client_for(app, "canbo1")
    fragment(client, f"/counter/{demo.counters[1].id}/call-next")
    client.post("/auth/logout", data={"confirm": "1"})
    return ticket


def test_a_supervisor_releases_a_stranded_counter(demo, app, stranded):
    make_user("giamsat", Role.SUPERVISOR, demo.site)
    boss = client_for(app, "giamsat")
    overview = boss.get("/admin/").get_data(as_text=True)
    assert "Giải phóng quầy" in overview and "A001" in overview
    counter_id = demo.counters[1].id
    form = {"officer_id": demo.users["canbo1"].id}
    released = boss.post(f"/admin/counters/{counter_id}/release", data=form)
    assert released.status_code == 302
    assert status_of(stranded) == Status.WAITING
    event = db.session.scalars(db.select(CounterEvent)).one()
    assert (event.type, event.actor.username, event.officer_id) == ("released", "giamsat", form["officer_id"])
    # canbo2 can take the freed counter now.
    opened = client_for(app, "canbo2").post(f"/counter/{counter_id}/open")
    assert (opened.status_code, opened.headers["Location"]) == (302, f"/counter/{counter_id}")
    assert db.session.get(type(demo.counters[1]), counter_id).officer_id == demo.users["canbo2"].id


def test_a_supervisor_takes_over_and_lands_on_the_counter_screen(demo, app, stranded):
    make_user("giamsat", Role.SUPERVISOR, demo.site)
    boss = client_for(app, "giamsat")
    counter_id = demo.counters[1].id
    taken = boss.post(f"/admin/counters/{counter_id}/take-over", data={"officer_id": demo.users["canbo1"].id})
    assert taken.status_code == 302 and taken.headers["Location"] == f"/counter/{counter_id}"
    assert 'data-code="A001"' in boss.get(f"/counter/{counter_id}").get_data(as_text=True)


@pytest.mark.parametrize("action", ["release", "take-over"])
def test_officers_and_other_sites_supervisors_cannot_release(demo, app, stranded, action):
    other = Site(code="xa-khac", name="Xã khác")
    db.session.add(other)
    db.session.commit()
    make_user("giamsat-khac", Role.SUPERVISOR, other)
    url = f"/admin/counters/{demo.counters[1].id}/{action}"
    form = {"officer_id": demo.users["canbo1"].id}
    assert client_for(app, "canbo2").post(url, data=form).status_code == 403
    assert client_for(app, "giamsat-khac").post(url, data=form).status_code == 404
    assert status_of(stranded) == Status.CALLED
    assert db.session.scalar(db.select(db.func.count()).select_from(CounterEvent)) == 0
