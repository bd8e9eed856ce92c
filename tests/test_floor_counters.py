"""The floor view opens and closes counters (models/counter_supervision.py: shut_counter, open_shut_counter):
a shut counter cannot be taken until a supervisor opens it; one an officer holds is closed only after a confirm
step naming them, and only if the officer the supervisor saw still holds it; the officer's screen says so."""

import re

import pytest
from flask import g
from sqlalchemy import select

from models import Counter, CounterStatus, Status, Ticket, db
from models import counter_operations as ops
from models import queue as rules
from models.audit import AuditEntry
from models.counter_event import CounterEvent
from models.counter_supervision import open_shut_counter, shut_counter
from models.errors import CounterChanged, CounterClosed, Forbidden
from models.transaction import perform
from motcua.demo import DEMO_PASSWORD

HX = {"HX-Request": "true"}


def issue(service, **kwargs) -> Ticket:
    return perform(db.session, rules.issue_ticket, service.id, **kwargs).ticket


def fresh(model, id_):
    db.session.expire_all()
    return db.session.get(model, id_)


def counter_events(counter) -> list[tuple]:
    return db.session.execute(
        select(CounterEvent.type, CounterEvent.actor_id, CounterEvent.officer_id)
        .filter_by(counter_id=counter.id)
        .order_by(CounterEvent.id)
    ).all()


def test_a_shut_counter_cannot_be_taken_until_a_supervisor_opens_it(demo):
    counter, officer, admin = demo.counters[4], demo.users["canbo1"], demo.users["admin"]
    perform(db.session, shut_counter, counter.id, admin, officer_id=None)
    assert fresh(Counter, counter.id).status == CounterStatus.SHUT
    with pytest.raises(CounterClosed, match="đã được giám sát đóng"):
        perform(db.session, rules.open_counter, counter.id, officer)
    issue(demo.services[counter.services[0].prefix])
    with pytest.raises(CounterClosed):
        perform(db.session, rules.call_next, counter.id, officer)
    assert fresh(Counter, counter.id).officer_id is None

    perform(db.session, open_shut_counter, counter.id, admin)
    assert (fresh(Counter, counter.id).status, fresh(Counter, counter.id).officer_id) == (
        CounterStatus.CLOSED,
        None,
    )
    perform(db.session, rules.open_counter, counter.id, officer)
    assert fresh(Counter, counter.id).officer_id == officer.id
    assert counter_events(counter) == [("shut", admin.id, None), ("opened", admin.id, None)]


def test_opening_never_puts_anyone_at_a_counter_and_only_a_shut_one_opens(demo):
    counter, officer, admin = demo.counters[1], demo.users["canbo1"], demo.users["admin"]
    perform(db.session, rules.open_counter, counter.id, officer)
    with pytest.raises(CounterChanged):
        perform(db.session, open_shut_counter, counter.id, admin)
    assert fresh(Counter, counter.id).officer_id == officer.id
    with pytest.raises(Forbidden):
        perform(db.session, shut_counter, counter.id, officer, officer_id=officer.id)


def test_shutting_a_held_counter_sends_its_citizen_back_and_keeps_the_parked_ones(demo):
    counter, officer, admin = demo.counters[1], demo.users["canbo1"], demo.users["admin"]
    parked, current, later = (issue(demo.services["A"]) for _ in range(3))
    perform(db.session, rules.call_next, counter.id, officer)
    perform(db.session, ops.hold, counter.id, officer)
    perform(db.session, rules.call_next, counter.id, officer)
    back = perform(db.session, shut_counter, counter.id, admin, officer_id=officer.id)
    assert back.id == current.id
    stored = fresh(Counter, counter.id)
    assert (stored.status, stored.officer_id) == (CounterStatus.SHUT, None)
    assert (fresh(Ticket, current.id).status, fresh(Ticket, current.id).counter_id) == (Status.WAITING, None)
    assert fresh(Ticket, parked.id).status == Status.HELD
    # Back at their place: before the citizen who came after them.
    nxt = perform(db.session, rules.call_next, demo.counters[2].id, demo.users["canbo2"])
    assert nxt.id == current.id and later.id != nxt.id
    assert counter_events(counter) == [("shut", admin.id, officer.id)]


def test_the_officer_the_supervisor_saw_must_still_hold_the_counter(demo):
    counter, admin = demo.counters[1], demo.users["admin"]
    # Seen free, taken meanwhile: nothing is done.
    perform(db.session, rules.open_counter, counter.id, demo.users["canbo1"])
    with pytest.raises(CounterChanged):
        perform(db.session, shut_counter, counter.id, admin, officer_id=None)
    # Seen held by canbo2 (who left), held now by canbo1: nothing is done either.
    with pytest.raises(CounterChanged):
        perform(db.session, shut_counter, counter.id, admin, officer_id=demo.users["canbo2"].id)
    stored = fresh(Counter, counter.id)
    assert (stored.status, stored.officer_id) == (CounterStatus.OPEN, demo.users["canbo1"].id)
    assert counter_events(counter) == []


def test_the_floor_asks_first_then_closes_and_the_officers_screen_says_who_did(demo, login, app):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    ticket = issue(demo.services["A"])
    perform(db.session, rules.call_next, counter.id, officer)
    supervisor = login("admin")
    url = f"/admin/floor/counters/{counter.id}/shut"

    asked = supervisor.post(url, data={"officer_id": officer.id}, headers=HX).get_data(as_text=True)
    assert "data-hold-refresh" in asked
    assert f"Đóng Quầy {counter.number} đang do {officer.full_name} phụ trách?" in asked
    assert f"Số {ticket.code} đang ở quầy sẽ trở lại hàng chờ" in asked
    assert fresh(Counter, counter.id).officer_id == officer.id  # nothing done yet

    done = supervisor.post(url, data={"officer_id": officer.id, "confirm": "1"}, headers=HX)
    text = done.get_data(as_text=True)
    assert f"Đã đóng Quầy {counter.number}." in text and "Đã đóng (giám sát)" in text
    assert fresh(Counter, counter.id).status == CounterStatus.SHUT
    assert (
        db.session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)) == "counter_shut"
    )

    g.pop("_login_user", None)  # one app context for the test: forget the supervisor before the officer
    with app.test_client() as officer_client:
        officer_client.post("/auth/login", data={"username": "canbo1", "password": DEMO_PASSWORD})
        panel = officer_client.get(f"/counter/{counter.id}/panel", headers=HX).get_data(as_text=True)
    assert f"Quầy {counter.number} không còn do bạn phụ trách." in panel
    assert "đã đóng quầy này" in panel and demo.users["admin"].full_name in panel
    assert f"Số {ticket.code} đã trở lại hàng chờ" in panel
    assert 'data-action="call-next"' not in panel

    g.pop("_login_user", None)  # back to the supervisor
    opened = supervisor.post(f"/admin/floor/counters/{counter.id}/open", headers=HX).get_data(as_text=True)
    assert f"Quầy {counter.number} đã mở lại cho cán bộ nhận." in opened
    assert (fresh(Counter, counter.id).status, fresh(Counter, counter.id).officer_id) == (
        CounterStatus.CLOSED,
        None,
    )


def test_the_floor_closes_a_free_counter_at_once_and_the_choice_page_shows_it(demo, login):
    counter = demo.counters[5]
    supervisor = login("admin")
    answer = supervisor.post(f"/admin/floor/counters/{counter.id}/shut", data={"officer_id": ""}, headers=HX)
    assert f"Đã đóng Quầy {counter.number}." in answer.get_data(as_text=True)
    page = login("canbo1").get("/counter/").get_data(as_text=True)
    choice = re.search(rf'action="/counter/{counter.id}/open".*?</form>', page, re.S).group(0)
    assert "disabled" in choice and "Giám sát đã đóng quầy này" in choice


def test_the_floor_refuses_closing_a_counter_taken_since_the_page_was_drawn(demo, login):
    counter = demo.counters[1]
    supervisor = login("admin")
    perform(db.session, rules.open_counter, counter.id, demo.users["canbo1"])  # after the page showed it free
    answer = supervisor.post(f"/admin/floor/counters/{counter.id}/shut", data={"officer_id": ""}, headers=HX)
    assert "Quầy vừa thay đổi" in answer.get_data(as_text=True)
    assert fresh(Counter, counter.id).status == CounterStatus.OPEN


def test_the_api_says_counter_closed_to_an_officer_whose_counter_was_shut(demo, client, api_token):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    headers = api_token("canbo1")
    assert client.post(f"/api/v1/counters/{counter.id}/call-next", headers=headers).status_code == 200
    perform(db.session, shut_counter, counter.id, demo.users["admin"], officer_id=officer.id)
    refused = client.post(f"/api/v1/counters/{counter.id}/call-next", headers=headers)
    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] == "counter_closed"
