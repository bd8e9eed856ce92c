"""The counter operations of models/counter_operations.py: call a chosen ticket, hold and resume, cancel and
pause with a reason, a no-show's return, priority granted or removed, a supervisor's move."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from models import CounterEvent, CounterStatus, PauseReason, Priority, Status, Ticket, TicketEvent, db, utcnow
from models import counter_operations as ops
from models import queue as rules
from models.errors import (
    CounterBusy,
    Forbidden,
    InvalidPriority,
    InvalidReason,
    InvalidTransfer,
    NotFound,
    ReturnWindowClosed,
    TicketChanged,
)
from models.transaction import perform


def issue(service, **kwargs) -> Ticket:
    return perform(db.session, rules.issue_ticket, service.id, **kwargs).ticket


def events(ticket) -> list[str]:
    return db.session.scalars(
        select(TicketEvent.type).filter_by(ticket_id=ticket.id).order_by(TicketEvent.id)
    ).all()


def test_an_officer_calls_the_code_a_citizen_holds_out(demo):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    first, second = issue(demo.services["A"]), issue(demo.services["A"])
    called = perform(db.session, ops.call_ticket, counter.id, officer, code=f" {second.code.lower()} ")
    assert (called.id, called.status, called.counter_id) == (second.id, Status.CALLED, counter.id)
    assert db.session.get(Ticket, first.id).status == Status.WAITING
    assert events(second) == ["issued", "called"]


def test_a_chosen_ticket_already_called_elsewhere_is_refused_with_its_counter(demo):
    ticket = issue(demo.services["A"])
    perform(db.session, ops.call_ticket, demo.counters[2].id, demo.users["canbo2"], ticket_id=ticket.id)
    with pytest.raises(TicketChanged, match="quầy 2"):
        perform(db.session, ops.call_ticket, demo.counters[1].id, demo.users["canbo1"], code=ticket.code)
    assert db.session.get(Ticket, ticket.id).counter_id == demo.counters[2].id


def test_unknown_cancelled_and_other_sites_codes_are_refused(demo, second_site):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    with pytest.raises(NotFound, match="A999"):
        perform(db.session, ops.call_ticket, counter.id, officer, code="a999")
    with pytest.raises(NotFound):
        perform(db.session, ops.call_ticket, counter.id, officer, code="")
    elsewhere = issue(second_site.service)
    with pytest.raises(NotFound):
        perform(db.session, ops.call_ticket, counter.id, officer, ticket_id=elsewhere.id)
    yesterday = issue(demo.services["A"])
    yesterday.day -= timedelta(days=1)
    db.session.commit()
    with pytest.raises(NotFound):
        perform(db.session, ops.call_ticket, counter.id, officer, ticket_id=yesterday.id)
    ticket = issue(demo.services["A"])
    perform(db.session, ops.call_ticket, counter.id, officer, ticket_id=ticket.id)
    perform(db.session, ops.cancel, counter.id, officer, reason="duplicate")
    with pytest.raises(TicketChanged, match="huỷ"):
        perform(db.session, ops.call_ticket, counter.id, officer, code=ticket.code)


def test_park_serve_another_and_resume(demo):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    parked, other = issue(demo.services["A"]), issue(demo.services["A"])
    perform(db.session, rules.call_next, counter.id, officer)
    perform(db.session, rules.start_serving, counter.id, officer)
    held = perform(db.session, ops.hold, counter.id, officer, ticket_id=parked.id)
    assert (held.status, held.counter_id) == (Status.HELD, counter.id)
    assert [t.code for t in ops.held_at(db.session, counter)] == [parked.code]
    assert perform(db.session, rules.call_next, counter.id, officer).id == other.id
    with pytest.raises(CounterBusy):
        perform(db.session, ops.resume, counter.id, officer, ticket_id=parked.id)
    perform(db.session, rules.complete, counter.id, officer)
    back = perform(db.session, ops.resume, counter.id, officer, ticket_id=parked.id)
    assert (back.status, back.held_at) == (Status.SERVING, None)  # service had started: it goes on
    with pytest.raises(TicketChanged):
        perform(db.session, ops.resume, counter.id, officer, ticket_id=parked.id)
    perform(db.session, rules.complete, counter.id, officer)
    assert events(parked) == ["issued", "called", "serving", "held", "resumed", "done"]


def test_only_the_parking_counter_or_a_supervisor_resumes(demo):
    ticket = issue(demo.services["A"])
    perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"])
    perform(db.session, ops.hold, demo.counters[1].id, demo.users["canbo1"])
    with pytest.raises(Forbidden, match="quầy 1"):
        perform(db.session, ops.resume, demo.counters[2].id, demo.users["canbo2"], ticket_id=ticket.id)
    # Counter 1 closes with the ticket parked: it stays parked, then a supervisor takes it at counter 3.
    perform(db.session, ops.close, demo.counters[1].id, demo.users["canbo1"])
    assert db.session.get(Ticket, ticket.id).status == Status.HELD
    resumed = perform(db.session, ops.resume, demo.counters[3].id, demo.users["admin"], ticket_id=ticket.id)
    assert (resumed.status, resumed.counter_id) == (Status.CALLED, demo.counters[3].id)


def test_cancel_keeps_the_reason_apart_from_no_shows(demo):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    ticket = issue(demo.services["A"])
    perform(db.session, rules.call_next, counter.id, officer)
    for bad in (None, "", "bored", 3):
        with pytest.raises(InvalidReason):
            perform(db.session, ops.cancel, counter.id, officer, reason=bad)
    assert db.session.get(Ticket, ticket.id).status == Status.CALLED
    cancelled = perform(
        db.session, ops.cancel, counter.id, officer, reason="citizen_left", ticket_id=ticket.id
    )
    assert (cancelled.status, cancelled.cancel_reason) == (Status.CANCELLED, "citizen_left")
    event = db.session.scalar(select(TicketEvent).filter_by(ticket_id=ticket.id, type="cancelled"))
    assert event.data == {"reason": "citizen_left"}


def test_pause_with_a_reason_records_how_long(demo):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    start = utcnow()
    with pytest.raises(InvalidReason):
        perform(db.session, ops.pause, counter.id, officer, reason="nap")
    paused = perform(db.session, ops.pause, counter.id, officer, reason=PauseReason.MEETING, now=start)
    assert (paused.status, paused.pause_reason) == (CounterStatus.PAUSED, "meeting")
    opened = perform(db.session, ops.resume_service, counter.id, officer, now=start + timedelta(minutes=12))
    assert (opened.status, opened.pause_reason, opened.paused_at) == (CounterStatus.OPEN, None, None)
    logged = db.session.scalars(
        select(CounterEvent).filter_by(counter_id=counter.id).order_by(CounterEvent.id)
    ).all()
    assert [(e.type, e.data) for e in logged] == [
        ("paused", {"reason": "meeting"}),
        ("pause_ended", {"reason": "meeting", "seconds": 720}),
    ]


def test_a_no_show_comes_back_within_the_window_keeping_its_code(demo):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    late, waiting = issue(demo.services["A"]), None
    perform(db.session, rules.call_next, counter.id, officer)
    perform(db.session, rules.no_show, counter.id, officer)
    waiting = issue(demo.services["A"])
    back = perform(db.session, ops.return_ticket, late, officer, window_minutes=30, to_front=True)
    assert (back.code, back.status, back.counter_id) == (late.code, Status.WAITING, None)
    assert perform(db.session, rules.call_next, counter.id, officer).id == late.id  # front: its own place
    perform(db.session, rules.no_show, counter.id, officer)
    perform(db.session, ops.return_ticket, late, officer, window_minutes=30, to_front=False)
    assert perform(db.session, rules.call_next, counter.id, officer).id == waiting.id  # back of the queue
    with pytest.raises(TicketChanged):
        perform(db.session, ops.return_ticket, waiting, officer, window_minutes=30, to_front=True)


def test_a_no_show_after_the_window_is_refused_and_unchanged(demo):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    ticket = issue(demo.services["A"])
    perform(db.session, rules.call_next, counter.id, officer)
    perform(db.session, rules.no_show, counter.id, officer, now=utcnow() - timedelta(minutes=31))
    with pytest.raises(ReturnWindowClosed):
        perform(db.session, ops.return_ticket, ticket, officer, window_minutes=30, to_front=True)
    assert db.session.get(Ticket, ticket.id).status == Status.NO_SHOW


def test_priority_is_granted_and_removed_with_who_did_it(demo, second_site):
    officer = demo.users["canbo1"]
    ticket = issue(demo.services["A"])
    with pytest.raises(InvalidPriority):
        perform(db.session, ops.set_priority, officer, ticket.id, category="vip")
    granted = perform(db.session, ops.set_priority, officer, ticket.id, category="phu_nu_mang_thai")
    assert (granted.priority, granted.priority_category.mark) == (Priority.PRIORITY, "PNMT")
    removed = perform(db.session, ops.set_priority, officer, ticket.id, category=None)
    assert (removed.priority, removed.priority_category_id) == (Priority.NORMAL, None)
    logged = db.session.scalars(
        select(TicketEvent).filter_by(ticket_id=ticket.id).where(TicketEvent.type.like("priority_%"))
    ).all()
    assert [(e.type, e.data) for e in logged] == [
        ("priority_granted", {"by": officer.id, "category": "phu_nu_mang_thai"}),
        ("priority_removed", {"by": officer.id, "category": None}),
    ]
    with pytest.raises(NotFound):
        perform(db.session, ops.set_priority, second_site.users["canbo-xa2"], ticket.id, category=None)


def test_a_kiosk_category_of_another_site_is_refused(demo, second_site):
    from models.priority import add_default_categories

    add_default_categories(db.session, second_site.site.id)
    db.session.commit()
    other = db.session.scalar(
        select(db.metadata.tables["priority_categories"].c.id).where(
            db.metadata.tables["priority_categories"].c.site_id == second_site.site.id
        )
    )
    with pytest.raises(InvalidPriority):
        issue(demo.services["A"], priority_category=other)
    assert db.session.scalar(select(db.func.count()).select_from(Ticket)) == 0


def test_a_supervisor_moves_a_waiting_ticket(demo):
    ticket = issue(demo.services["A"])
    with pytest.raises(Forbidden):
        perform(
            db.session, ops.move_waiting, demo.users["canbo1"], ticket.id, service_id=demo.services["B"].id
        )
    with pytest.raises(InvalidTransfer):
        perform(db.session, ops.move_waiting, demo.users["admin"], ticket.id)
    moved = perform(
        db.session, ops.move_waiting, demo.users["admin"], ticket.id, to_counter_id=demo.counters[4].id
    )
    assert moved.target_counter_id == demo.counters[4].id
    assert perform(db.session, rules.call_next, demo.counters[4].id, demo.users["canbo4"]).id == ticket.id


def test_signing_in_again_at_a_paused_counter_ends_the_pause_on_record(demo):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    start = utcnow() - timedelta(minutes=5)
    perform(db.session, ops.pause, counter.id, officer, reason=PauseReason.BREAK, now=start)
    opened = perform(db.session, rules.open_counter, counter.id, officer)
    assert (opened.status, opened.pause_reason, opened.paused_at) == (CounterStatus.OPEN, None, None)
    ended = db.session.scalar(select(CounterEvent).filter_by(counter_id=counter.id, type="pause_ended"))
    assert ended.data["reason"] == "break" and 299 <= ended.data["seconds"] <= 310
