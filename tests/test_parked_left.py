"""Parked tickets left at the end of the day (models/parked_left.py): still `held` next morning, not on the
counter's list (they cannot be resumed), listed on the floor view until a supervisor closes each with a reason."""

from datetime import timedelta

import pytest
from flask import g
from sqlalchemy import select

from models import Status, Ticket, TicketEvent, db, utcnow
from models import counter_operations as ops
from models import queue as rules
from models.errors import Forbidden, InvalidReason, NotFound, TicketChanged
from models.parked_left import close_left_parked, left_parked
from models.queries.floor import floor_view
from models.transaction import perform
from motcua.demo import DEMO_PASSWORD

HX = {"HX-Request": "true"}


def parked_yesterday(demo):
    """A ticket parked at counter 1 yesterday afternoon, and the counter closed (the day ended)."""
    yesterday = utcnow() - timedelta(days=1)
    counter, officer = demo.counters[1], demo.users["canbo1"]
    ticket = perform(db.session, rules.issue_ticket, demo.services["A"].id, now=yesterday).ticket
    perform(db.session, rules.call_next, counter.id, officer, now=yesterday)
    perform(db.session, ops.hold, counter.id, officer, now=yesterday + timedelta(minutes=5))
    perform(db.session, ops.close, counter.id, officer, now=yesterday + timedelta(hours=1))
    return ticket


def test_a_ticket_left_parked_stays_held_and_is_reported_not_offered_for_resuming(demo, login, app):
    old = parked_yesterday(demo)
    today_parked = perform(db.session, rules.issue_ticket, demo.services["A"].id).ticket
    perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"])
    perform(db.session, ops.hold, demo.counters[1].id, demo.users["canbo1"])

    assert db.session.get(Ticket, old.id).status == Status.HELD
    assert [t.id for t in left_parked(db.session, demo.site)] == [old.id]
    view = floor_view(db.session, demo.site, utcnow())
    assert [t.id for t in view["left_parked"]] == [old.id]
    assert [t.id for t in view["counters"][0]["held"]] == [today_parked.id]  # today's, at counter 1

    floor = login("admin").get("/admin/floor").get_data(as_text=True)
    g.pop("_login_user", None)  # one app context for the test: forget the supervisor before the officer
    with app.test_client() as officer:
        answer = officer.post("/auth/login", data={"username": "canbo1", "password": DEMO_PASSWORD})
        assert answer.status_code == 302
        counter_page = officer.get(f"/counter/{demo.counters[1].id}/panel", headers=HX).get_data(as_text=True)
    held_box = counter_page.split('class="held"', 1)[1].split("</section>", 1)[0]
    # Only today's parked ticket is offered for resuming (yesterday's may even share its code: A001).
    assert held_box.count("<li data-code=") == 1 and f'value="{today_parked.id}"' in held_box
    assert f'value="{old.id}"' not in held_box
    assert "Còn tạm giữ từ ngày trước" in floor
    assert f'data-day="{old.day.isoformat()}"' in floor


def test_a_supervisor_closes_a_left_parked_ticket_with_a_reason(demo, login):
    old = parked_yesterday(demo)
    client = login("admin")
    refused = client.post(f"/admin/floor/tickets/{old.id}/close-left", data={"reason": "lost"}, headers=HX)
    assert "lý do" in refused.get_data(as_text=True).lower()
    assert db.session.get(Ticket, old.id).status == Status.HELD

    done = client.post(
        f"/admin/floor/tickets/{old.id}/close-left", data={"reason": "citizen_left"}, headers=HX
    )
    text = done.get_data(as_text=True)
    assert f"Đã đóng số {old.code} còn tạm giữ từ ngày trước." in text
    assert "Còn tạm giữ từ ngày trước" not in text
    db.session.expire_all()
    stored = db.session.get(Ticket, old.id)
    assert (stored.status, stored.cancel_reason, stored.held_at) == (Status.CANCELLED, "citizen_left", None)
    event = db.session.scalars(select(TicketEvent).filter_by(ticket_id=old.id, type="cancelled")).one()
    assert event.data == {"reason": "citizen_left", "by": demo.users["admin"].id, "left_parked": True}


def test_closing_a_left_parked_ticket_is_refused_for_todays_officers_and_other_sites(demo, second_site):
    old = parked_yesterday(demo)
    today = perform(db.session, rules.issue_ticket, demo.services["A"].id).ticket
    perform(db.session, rules.call_next, demo.counters[2].id, demo.users["canbo2"])
    perform(db.session, ops.hold, demo.counters[2].id, demo.users["canbo2"])
    admin = demo.users["admin"]
    with pytest.raises(TicketChanged):  # parked today: resumed at a counter, not closed from the floor
        perform(db.session, close_left_parked, admin, today.id, reason="citizen_left")
    with pytest.raises(InvalidReason):
        perform(db.session, close_left_parked, admin, old.id, reason=None)
    with pytest.raises(Forbidden):
        perform(db.session, close_left_parked, demo.users["canbo1"], old.id, reason="citizen_left")
    with pytest.raises(NotFound):
        perform(db.session, close_left_parked, second_site.users["giamsat2"], old.id, reason="citizen_left")
    perform(db.session, close_left_parked, admin, old.id, reason="duplicate")
    with pytest.raises(TicketChanged):  # closed twice (two supervisors at once): the second is refused
        perform(db.session, close_left_parked, admin, old.id, reason="duplicate")
    assert (
        db.session.scalar(
            select(db.func.count()).select_from(TicketEvent).filter_by(ticket_id=old.id, type="cancelled")
        )
        == 1
    )
