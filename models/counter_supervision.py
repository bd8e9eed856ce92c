"""A supervisor's hand on a counter an officer left behind (signed out with a citizen called, went home):
release it, or take it over. Both are conditional on the counter still being held by the officer the
supervisor saw, and both are logged (a CounterEvent, and a TicketEvent for the citizen affected)."""

from datetime import datetime

from . import errors
from .base import utcnow
from .counter_event import CounterEvent
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


def release_counter(
    session, counter_id, supervisor: User, *, officer_id, now: datetime | None = None
) -> Ticket | None:
    """Free the counter (closed, no officer). The citizen at it goes back to the waiting queue at their place,
    not to no-show: they were stranded through no fault of their own and are most likely still in the room;
    the next counter that calls them can mark no-show if they have left. Returns that ticket, if any.

    `officer_id` is the officer the supervisor saw holding the counter; if that changed, CounterChanged."""
    now = now or utcnow()
    counter = _supervised(session, counter_id, supervisor)
    update_counter_from(session, counter, officer_id, officer_id=None, status=CounterStatus.CLOSED)
    ticket = current_ticket(session, counter.id)
    if ticket is not None:
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
    status = CounterStatus.OPEN if counter.status == CounterStatus.CLOSED else counter.status
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
