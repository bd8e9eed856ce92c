"""The counter rules' guarantees: a stale request is refused, the database holds one current ticket per
counter, a no-show can be taken back for a short time, and a supervisor can release or take over a counter."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models import CounterEvent, Role, Site, Status, Ticket, TicketEvent, User, db, signals, utcnow
from models import queue as rules
from models.counter_supervision import release_counter, take_over_counter
from models.errors import CounterBusy, CounterChanged, Forbidden, TicketChanged, UndoUnavailable
from models.queries import undoable_no_show
from models.transaction import perform


def issue(service):
    return perform(db.session, rules.issue_ticket, service.id).ticket


def events(ticket_id) -> list[str]:
    return db.session.scalars(
        select(TicketEvent.type).filter_by(ticket_id=ticket_id).order_by(TicketEvent.id)
    ).all()


@pytest.fixture
def at_counter(demo):
    """Two citizens waiting for Hộ tịch; the first called to counter 1 by canbo1."""
    first, second = issue(demo.services["A"]), issue(demo.services["A"])
    perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"])
    return first, second


def supervisor(demo, site=None, username="giamsat"):
    user = User(username=username, full_name="Giám sát", role=Role.SUPERVISOR, site=site or demo.site)
    user.set_password("motcua-demo")
    db.session.add(user)
    db.session.commit()
    return user


# --- stale requests and the database's guarantee ------------------------------------------------------------


def test_an_action_naming_a_ticket_no_longer_at_the_counter_is_refused(demo, at_counter):
    first, second = at_counter
    counter, officer = demo.counters[1], demo.users["canbo1"]
    perform(db.session, rules.complete, counter.id, officer, ticket_id=first.id)
    perform(db.session, rules.call_next, counter.id, officer)
    # A late second "Hoàn tất" for the first citizen must not finish the second.
    with pytest.raises(TicketChanged) as refused:
        perform(db.session, rules.complete, counter.id, officer, ticket_id=first.id)
    assert refused.value.status == 409
    assert db.session.get(Ticket, second.id).status == Status.CALLED
    assert events(first.id).count("done") == 1


def test_the_database_refuses_a_second_current_ticket_at_one_counter(demo, at_counter):
    _first, second = at_counter
    with pytest.raises(IntegrityError):
        db.session.execute(
            db.update(Ticket)
            .where(Ticket.id == second.id)
            .values(status=Status.SERVING, counter_id=demo.counters[1].id)
        )
    db.session.rollback()


def test_a_claim_meeting_the_unique_index_is_counter_busy_not_an_error(demo, at_counter, monkeypatch):
    # As if the request had read "no one at the counter" just before another one called.
    monkeypatch.setattr(rules, "current_ticket", lambda session, counter_id: None)
    with pytest.raises(CounterBusy):
        perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"])
    assert db.session.get(Ticket, at_counter[1].id).status == Status.WAITING


def test_of_two_officers_taking_a_free_counter_the_second_is_refused(demo):
    counter = demo.counters[3]
    perform(db.session, rules.open_counter, counter.id, demo.users["canbo3"])
    with pytest.raises(Forbidden):
        perform(db.session, rules.open_counter, counter.id, demo.users["canbo4"])
    assert db.session.get(type(counter), counter.id).officer_id == demo.users["canbo3"].id


def test_a_failing_listener_never_turns_a_committed_success_into_an_error(demo):
    def broken(_sender, **_payload):
        raise ConnectionError("redis is down")

    signals.ticket_issued.connect(broken)
    try:
        ticket = issue(demo.services["A"])
    finally:
        signals.ticket_issued.disconnect(broken)
    assert db.session.get(Ticket, ticket.id).status == Status.WAITING


# --- undo a no-show -------------------------------------------------------------------------------------------


def test_a_no_show_can_be_undone_within_the_window(demo, at_counter):
    first, _ = at_counter
    counter, officer = demo.counters[1], demo.users["canbo1"]
    perform(db.session, rules.start_serving, counter.id, officer)
    perform(db.session, rules.no_show, counter.id, officer)
    assert undoable_no_show(db.session, counter.id, 60).id == first.id
    back = perform(db.session, rules.undo_no_show, counter.id, officer, window_seconds=60, ticket_id=first.id)
    assert (back.id, back.status, back.finished_at) == (first.id, Status.SERVING, None)
    assert events(first.id)[-2:] == ["no_show", "no_show_undone"]
    with pytest.raises(UndoUnavailable):  # a second undo has nothing to take back
        perform(db.session, rules.undo_no_show, counter.id, officer, window_seconds=60)


def test_a_no_show_cannot_be_undone_after_the_window(demo, at_counter):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    perform(db.session, rules.no_show, counter.id, officer, now=utcnow() - timedelta(seconds=61))
    assert undoable_no_show(db.session, counter.id, 60) is None
    with pytest.raises(UndoUnavailable):
        perform(db.session, rules.undo_no_show, counter.id, officer, window_seconds=60)


def test_a_no_show_cannot_be_undone_once_the_counter_called_again(demo, at_counter):
    first, second = at_counter
    counter, officer = demo.counters[1], demo.users["canbo1"]
    perform(db.session, rules.no_show, counter.id, officer)
    perform(db.session, rules.call_next, counter.id, officer)
    perform(db.session, rules.complete, counter.id, officer)
    assert undoable_no_show(db.session, counter.id, 60) is None
    with pytest.raises(UndoUnavailable):
        perform(db.session, rules.undo_no_show, counter.id, officer, window_seconds=60, ticket_id=first.id)
    assert db.session.get(Ticket, first.id).status == Status.NO_SHOW


# --- a supervisor releases or takes over ---------------------------------------------------------------------


def test_release_puts_the_citizen_back_at_their_place_and_frees_the_counter(demo, at_counter):
    first, second = at_counter
    counter, boss = demo.counters[1], supervisor(demo)
    released = perform(db.session, release_counter, counter.id, boss, officer_id=demo.users["canbo1"].id)
    assert released.id == first.id
    db.session.expire_all()
    assert db.session.get(Ticket, first.id).status == Status.WAITING
    assert (counter.officer_id, counter.status) == (None, "closed")
    assert events(first.id)[-1] == "released"
    logged = db.session.scalars(select(CounterEvent)).one()
    assert (logged.type, logged.actor_id, logged.officer_id, logged.ticket_id) == (
        "released",
        boss.id,
        demo.users["canbo1"].id,
        first.id,
    )
    # The released citizen is called before the one who came after them.
    called = perform(db.session, rules.call_next, demo.counters[2].id, demo.users["canbo2"])
    assert called.id == first.id
    with pytest.raises(CounterChanged):  # a second release of the same officer's counter
        perform(db.session, release_counter, counter.id, boss, officer_id=demo.users["canbo1"].id)


def test_take_over_makes_the_supervisor_the_counters_officer(demo, at_counter):
    first, _ = at_counter
    counter, boss = demo.counters[1], supervisor(demo)
    perform(db.session, take_over_counter, counter.id, boss, officer_id=demo.users["canbo1"].id)
    db.session.expire_all()
    assert counter.officer_id == boss.id
    done = perform(db.session, rules.complete, counter.id, boss)
    assert (done.id, done.officer_id) == (first.id, boss.id)
    assert "taken_over" in events(first.id)
    with pytest.raises(Forbidden):
        perform(db.session, rules.call_next, counter.id, demo.users["canbo1"])


def test_only_a_supervisor_of_the_site_may_release(demo, at_counter):
    other_site = Site(code="khac", name="Xã khác")
    db.session.add(other_site)
    db.session.commit()
    strangers = [demo.users["canbo2"], supervisor(demo, other_site, "giamsat-khac")]
    for stranger in strangers:
        for rule in (release_counter, take_over_counter):
            with pytest.raises(Forbidden):
                perform(db.session, rule, demo.counters[1].id, stranger, officer_id=demo.users["canbo1"].id)
    assert db.session.get(Ticket, at_counter[0].id).status == Status.CALLED


def test_release_aimed_at_an_officer_who_is_no_longer_there_is_refused(demo, at_counter):
    with pytest.raises(CounterChanged):
        perform(
            db.session,
            release_counter,
            demo.counters[1].id,
            supervisor(demo),
            officer_id=demo.users["canbo2"].id,
        )
    assert db.session.get(Ticket, at_counter[0].id).status == Status.CALLED
