"""A supervisor's hand on a counter: release one an officer left behind (signed out with a citizen called, went
home), take it over, shut it (no one may take it) or open a shut one again. Each is conditional on the counter
still being held by the officer the supervisor saw (or free), so no officer is ever displaced unseen, and each is
logged (a CounterEvent, and a TicketEvent for the citizen affected)."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from . import errors
from .base import utcnow
from .counter_event import CounterEvent
from .pause_log import end_pause
from .queries import current_ticket
from .queue import log_event
from .service import Counter, CounterStatus
from .signals import announce, counter_changed, queue_changed, ticket_transferred
from .ticket import Status, Ticket
from .transitions import find_counter, update_counter_from, update_ticket_from
from .user import User


def _supervised(session, counter_id, supervisor: User) -> Counter:
    if not supervisor.is_supervisor:
        raise errors.Forbidden()
    return find_counter(session, counter_id, supervisor)


def _record(session, counter: Counter, type_: str, supervisor: User, officer_id, ticket, now) -> None:
    session.add(
        CounterEvent(
            counter_id=counter.id,
            site_id=counter.site_id,
            type=type_,
            at=now,
            actor_id=supervisor.id,
            officer_id=officer_id,
            ticket_id=ticket.id if ticket else None,
            data={"ticket_code": ticket.code} if ticket else {},
        )
    )


def _back_to_queue(session, counter: Counter, supervisor: User, officer_id, now: datetime) -> Ticket | None:
    """The citizen at the counter (if any) goes back to the waiting queue at their place."""
    ticket = current_ticket(session, counter.id)
    if ticket is None:
        return None
    event = log_event(session, ticket, "released", now, by=supervisor.id)
    update_ticket_from(
        session,
        ticket,
        Status.AT_COUNTER,
        Ticket.counter_id == counter.id,
        status=Status.WAITING,
        counter_id=None,
        officer_id=None,
        called_at=None,
        served_at=None,
    )
    event.counter_id, event.officer_id = counter.id, officer_id
    announce(session, ticket_transferred, ticket=ticket, from_counter_id=counter.id)
    announce(session, queue_changed, site_id=ticket.site_id, service_ids=[ticket.queue_service_id])
    return ticket


def release_counter(
    session, counter_id, supervisor: User, *, officer_id, now: datetime | None = None
) -> Ticket | None:
    """Free the counter (closed, no officer). The citizen at it goes back to the waiting queue at their place,
    not to no-show: they were stranded through no fault of their own and are most likely still in the room;
    the next counter that calls them can mark no-show if they have left. Returns that ticket, if any.

    `officer_id` is the officer the supervisor saw holding the counter; if that changed, CounterChanged."""
    now = now or utcnow()
    counter = _supervised(session, counter_id, supervisor)
    end_pause(session, counter, supervisor, now)
    update_counter_from(
        session,
        counter,
        officer_id,
        officer_id=None,
        status=CounterStatus.CLOSED,
        pause_reason=None,
        paused_at=None,
    )
    ticket = _back_to_queue(session, counter, supervisor, officer_id, now)
    _record(session, counter, "released", supervisor, officer_id, ticket, now)
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return ticket


def take_over_counter(
    session, counter_id, supervisor: User, *, officer_id, now: datetime | None = None
) -> Counter:
    """The supervisor becomes the counter's officer, with the citizen at it (if any), and carries on at the
    counter screen. `officer_id` is the officer the supervisor saw holding it; if that changed, CounterChanged."""
    now = now or utcnow()
    counter = _supervised(session, counter_id, supervisor)
    closed = (CounterStatus.CLOSED, CounterStatus.SHUT)
    status = CounterStatus.OPEN if counter.status in closed else counter.status
    update_counter_from(session, counter, officer_id, officer_id=supervisor.id, status=status)
    ticket = current_ticket(session, counter.id)
    if ticket is not None:
        update_ticket_from(
            session, ticket, Status.AT_COUNTER, Ticket.counter_id == counter.id, officer_id=supervisor.id
        )
        log_event(session, ticket, "taken_over", now, by=supervisor.id, from_officer_id=officer_id)
    _record(session, counter, "taken_over", supervisor, officer_id, ticket, now)
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return counter


def shut_counter(
    session, counter_id, supervisor: User, *, officer_id, now: datetime | None = None
) -> Ticket | None:
    """Close the counter so that no officer may take it (the floor view's "Đóng quầy"). `officer_id` is the
    officer the supervisor saw holding it (None: free), confirmed on the floor view; if that changed,
    CounterChanged and nothing is done. The officer's screen is told at once (counter_changed); the citizen
    at the counter goes back to the queue at their place; parked tickets stay parked, listed on the floor view.
    Returns the citizen sent back, if any."""
    now = now or utcnow()
    counter = _supervised(session, counter_id, supervisor)
    if counter.status == CounterStatus.SHUT:
        raise errors.CounterChanged(_l("Quầy %(number)s đã đóng rồi.", number=counter.number))
    end_pause(session, counter, supervisor, now)
    update_counter_from(
        session,
        counter,
        officer_id,
        Counter.status != CounterStatus.SHUT,  # two supervisors at once: one shuts it, the other is told
        officer_id=None,
        status=CounterStatus.SHUT,
        pause_reason=None,
        paused_at=None,
    )
    ticket = _back_to_queue(session, counter, supervisor, officer_id, now)
    _record(session, counter, "shut", supervisor, officer_id, ticket, now)
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return ticket


def open_shut_counter(session, counter_id, supervisor: User, *, now: datetime | None = None) -> Counter:
    """Make a shut counter available again: free, for any officer of the site to take (no one is put there)."""
    now = now or utcnow()
    counter = _supervised(session, counter_id, supervisor)
    if counter.status != CounterStatus.SHUT:
        raise errors.CounterChanged(_l("Quầy %(number)s không ở trạng thái đóng.", number=counter.number))
    update_counter_from(
        session, counter, None, Counter.status == CounterStatus.SHUT, status=CounterStatus.CLOSED
    )
    _record(session, counter, "opened", supervisor, None, None, now)
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return counter


def last_supervision(session, counter_id: int) -> CounterEvent | None:
    """The supervisor's latest hand on this counter (shut, released, taken over): what an officer whose screen
    still shows the counter is told."""
    return session.scalars(
        select(CounterEvent)
        .where(
            CounterEvent.counter_id == counter_id, CounterEvent.type.in_(("shut", "released", "taken_over"))
        )
        .order_by(CounterEvent.at.desc(), CounterEvent.id.desc())
        .limit(1)
    ).first()
