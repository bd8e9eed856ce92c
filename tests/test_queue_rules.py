"""The queue rules in models/: numbering, the local day, claiming, the event log, and refusals."""

from datetime import datetime, time

import pytest
from sqlalchemy import select

from models import CounterStatus, PauseReason, Priority, Status, Ticket, TicketEvent, db, signals
from models import counter_operations as operations
from models import queue as rules
from models.errors import (
    CounterBusy,
    CounterClosed,
    Forbidden,
    InvalidTransfer,
    NoCurrentTicket,
    NotFound,
    ServiceClosed,
    ServiceFull,
)
from models.queries import people_ahead
from models.transaction import perform


def issue(service, **kwargs):
    return perform(db.session, rules.issue_ticket, service.id, **kwargs)


def test_numbers_run_per_service_and_codes_carry_the_prefix(demo):
    a, b = demo.services["A"], demo.services["B"]
    codes = [issue(a).ticket.code, issue(a).ticket.code, issue(b).ticket.code, issue(a).ticket.code]
    assert codes == ["A001", "A002", "B001", "A003"]


def test_numbers_restart_at_local_midnight_not_utc(demo):
    a = demo.services["A"]
    # 16:59 UTC is 23:59 in Hà Nội; 17:00 UTC is 00:00 the next local day (while still the same UTC day).
    before = issue(a, now=datetime(2026, 11, 20, 16, 59)).ticket
    also_before = issue(a, now=datetime(2026, 11, 20, 16, 59, 59)).ticket
    after = issue(a, now=datetime(2026, 11, 20, 17, 0)).ticket
    assert (before.code, also_before.code, after.code) == ("A001", "A002", "A001")
    assert str(before.day) == "2026-11-20" and str(after.day) == "2026-11-21"


def test_issue_reports_people_ahead_and_an_estimate(demo):
    a = demo.services["A"]
    issue(a)
    issue(a)
    third = issue(a)
    assert third.ahead == 2
    # Two citizens ahead, default 6 minutes each, no counter open yet → about 12 minutes.
    assert third.wait_minutes == 12


def test_unknown_and_closed_services_are_refused_without_writing(demo):
    with pytest.raises(NotFound):
        issue(type("Missing", (), {"id": 999_999}))
    demo.services["C"].active = False
    db.session.commit()
    with pytest.raises(ServiceClosed):
        issue(demo.services["C"])
    demo.services["D"].opens_at, demo.services["D"].closes_at = time(7, 30), time(17, 0)
    db.session.commit()
    with pytest.raises(ServiceClosed):
        issue(demo.services["D"], now=datetime(2026, 11, 20, 12, 0))  # 19:00 in Hà Nội
    assert db.session.scalar(select(db.func.count()).select_from(Ticket)) == 0


def test_daily_cap_refuses_and_leaves_no_gap(demo):
    a = demo.services["A"]
    a.daily_cap = 2
    db.session.commit()
    issue(a)
    issue(a)
    with pytest.raises(ServiceFull):
        issue(a)
    a.daily_cap = 3
    db.session.commit()
    assert issue(a).ticket.code == "A003"  # the refused attempt did not consume a number


def test_call_next_takes_the_oldest_of_the_counters_services(demo):
    a, b = demo.services["A"], demo.services["B"]
    first_b = issue(b).ticket
    issue(a)
    officer, counter = demo.users["canbo2"], demo.counters[2]  # counter 2 serves A and B
    called = perform(db.session, rules.call_next, counter.id, officer)
    assert called.id == first_b.id
    assert (
        called.status == Status.CALLED and called.counter_id == counter.id and called.officer_id == officer.id
    )


def test_priority_tickets_are_called_first(demo):
    a = demo.services["A"]
    issue(a)
    urgent = issue(a, priority=Priority.PRIORITY).ticket
    called = perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"])
    assert called.id == urgent.id


def test_call_next_with_no_one_waiting_returns_none(demo):
    assert perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"]) is None


def test_a_second_call_next_while_serving_is_refused_and_skips_no_one(demo):
    a = demo.services["A"]
    first, second = issue(a).ticket, issue(a).ticket
    counter, officer = demo.counters[1], demo.users["canbo1"]
    perform(db.session, rules.call_next, counter.id, officer)
    with pytest.raises(CounterBusy):
        perform(db.session, rules.call_next, counter.id, officer)
    assert db.session.get(Ticket, second.id).status == Status.WAITING
    assert db.session.get(Ticket, first.id).status == Status.CALLED


def test_counter_held_by_another_officer_is_refused(demo):
    counter = demo.counters[1]
    perform(db.session, rules.open_counter, counter.id, demo.users["canbo1"])
    with pytest.raises(Forbidden):
        perform(db.session, rules.call_next, counter.id, demo.users["canbo2"])


def test_full_journey_writes_the_event_log(demo):
    a = demo.services["A"]
    ticket = issue(a).ticket
    counter, officer = demo.counters[1], demo.users["canbo1"]
    perform(db.session, rules.call_next, counter.id, officer)
    perform(db.session, rules.recall, counter.id, officer)
    perform(db.session, rules.start_serving, counter.id, officer)
    done = perform(db.session, rules.complete, counter.id, officer)
    assert done.status == Status.DONE and done.finished_at and done.served_at
    types = db.session.scalars(
        select(TicketEvent.type).filter_by(ticket_id=ticket.id).order_by(TicketEvent.id)
    ).all()
    assert types == ["issued", "called", "recalled", "serving", "done"]
    with pytest.raises(NoCurrentTicket):
        perform(db.session, rules.complete, counter.id, officer)


def test_no_show_finishes_the_ticket(demo):
    issue(demo.services["A"])
    counter, officer = demo.counters[1], demo.users["canbo1"]
    perform(db.session, rules.call_next, counter.id, officer)
    ticket = perform(db.session, rules.no_show, counter.id, officer)
    assert ticket.status == Status.NO_SHOW
    assert perform(db.session, rules.call_next, counter.id, officer) is None


def test_transfer_keeps_the_code_and_the_place(demo):
    a, c = demo.services["A"], demo.services["C"]
    ticket = issue(a).ticket
    issue(c)  # someone already waiting for Đất đai, but who came later
    counter, officer = demo.counters[1], demo.users["canbo1"]
    perform(db.session, rules.call_next, counter.id, officer)
    moved = perform(db.session, rules.transfer, counter.id, officer, service_id=c.id)
    assert moved.code == ticket.code and moved.status == Status.WAITING and moved.queue_service_id == c.id
    assert people_ahead(db.session, moved) == 0
    called = perform(db.session, rules.call_next, demo.counters[4].id, demo.users["canbo4"])
    assert called.id == ticket.id
    with pytest.raises(InvalidTransfer):
        perform(db.session, rules.transfer, demo.counters[4].id, demo.users["canbo4"])


def test_transfer_to_a_counter_reserves_the_ticket_for_it(demo):
    ticket = issue(demo.services["A"]).ticket
    perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"])
    perform(
        db.session,
        rules.transfer,
        demo.counters[1].id,
        demo.users["canbo1"],
        to_counter_id=demo.counters[4].id,
    )
    # Counter 4 serves only Đất đai, yet receives the ticket sent to it by name.
    called = perform(db.session, rules.call_next, demo.counters[4].id, demo.users["canbo4"])
    assert called.id == ticket.id


def test_signals_are_sent_after_commit_only(demo):
    heard = []
    receiver = lambda _sender, **payload: heard.append(payload)  # noqa: E731
    signals.ticket_issued.connect(receiver)
    try:
        demo.services["A"].active = False
        db.session.commit()
        with pytest.raises(ServiceClosed):
            issue(demo.services["A"])
        assert heard == []
        issue(demo.services["B"])
        assert [p["ticket"].code for p in heard] == ["B001"]
    finally:
        signals.ticket_issued.disconnect(receiver)


def test_pause_and_close(demo):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    perform(db.session, operations.pause, counter.id, officer, reason=PauseReason.BREAK)
    issue(demo.services["A"])
    with pytest.raises(CounterClosed):
        perform(db.session, rules.call_next, counter.id, officer)
    perform(db.session, operations.resume_service, counter.id, officer)
    perform(db.session, rules.call_next, counter.id, officer)
    with pytest.raises(CounterBusy):
        perform(db.session, operations.close, counter.id, officer)
    perform(db.session, rules.complete, counter.id, officer)
    closed = perform(db.session, operations.close, counter.id, officer)
    assert closed.status == CounterStatus.CLOSED and closed.officer_id is None
