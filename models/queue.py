"""The queue rules. Each takes a session, changes state, logs a TicketEvent, announces a signal and returns
what changed. Run them through models.transaction.perform(), which commits and then sends the signals."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from . import errors
from .base import utcnow
from .clock import local_day, to_local
from .numbering import next_number
from .queries import current_ticket, estimated_wait_minutes, next_waiting_for, people_ahead
from .service import Counter, CounterStatus, Service, service_is_open
from .signals import (
    announce,
    counter_changed,
    queue_changed,
    ticket_called,
    ticket_finished,
    ticket_issued,
    ticket_recalled,
    ticket_serving,
    ticket_transferred,
)
from .ticket import Priority, Status, Ticket, TicketEvent
from .user import User


@dataclass
class IssuedTicket:
    ticket: Ticket
    ahead: int
    wait_minutes: int


def ticket_payload(ticket: Ticket) -> dict:
    """What the rules announce about a ticket (the realtime bridge picks what screens may see). Never the
    token: whoever holds it may rate the ticket."""
    counter = ticket.counter
    return {
        "id": ticket.id,
        "code": ticket.code,
        "status": ticket.status,
        "site_id": ticket.site_id,
        "service_id": ticket.queue_service_id,
        "service_name": ticket.queue_service.name,
        "counter_id": counter.id if counter else None,
        "counter_number": counter.number if counter else None,
        "counter_name": counter.name if counter else None,
    }


def log_event(session, ticket: Ticket, type_: str, at: datetime, **data) -> TicketEvent:
    event = TicketEvent(
        ticket=ticket,
        type=type_,
        at=at,
        site_id=ticket.site_id,
        service_id=ticket.queue_service_id,
        counter_id=ticket.counter_id,
        officer_id=ticket.officer_id,
        data=data,
    )
    session.add(event)
    return event


def format_code(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"


# --- issuing -------------------------------------------------------------------------------------------


def issue_ticket(
    session,
    service_id,
    *,
    priority: int = Priority.NORMAL,
    channel: str = "kiosk",
    now: datetime | None = None,
) -> IssuedTicket:
    now = now or utcnow()
    service = session.get(Service, service_id) if isinstance(service_id, int) else None
    if service is None:
        raise errors.NotFound(_l("Không có dịch vụ này."))
    local_now = to_local(now, service.site.timezone)
    if not service_is_open(service, local_now.time().replace(tzinfo=None)):
        raise errors.ServiceClosed()
    day = local_now.date()

    number = next_number(session, service.site_id, service.id, day, service.number_start)
    if number > service.number_end or (
        service.daily_cap and number - service.number_start + 1 > service.daily_cap
    ):
        raise errors.ServiceFull()

    ticket = Ticket(
        site_id=service.site_id,
        service=service,
        queue_service=service,
        day=day,
        number=number,
        code=format_code(service.prefix, number),
        priority=priority,
        channel=channel,
        status=Status.WAITING,
        issued_at=now,
        queued_at=now,
    )
    session.add(ticket)
    session.flush()
    log_event(session, ticket, "issued", now, channel=channel, priority=priority)
    ahead = people_ahead(session, ticket)
    wait = estimated_wait_minutes(session, ticket, ahead)
    announce(session, ticket_issued, ticket=ticket_payload(ticket))
    announce(session, queue_changed, site_id=ticket.site_id, service_ids=[service.id])
    return IssuedTicket(ticket, ahead, wait)


# --- the counter -----------------------------------------------------------------------------------------


def _counter_for(session, counter_id, officer: User) -> Counter:
    counter = session.get(Counter, counter_id) if isinstance(counter_id, int) else None
    if counter is None:
        raise errors.NotFound(_l("Không có quầy này."))
    if not officer.may_use_site(counter.site_id):
        raise errors.Forbidden()
    if counter.officer_id not in (None, officer.id):
        raise errors.Forbidden(_l("Quầy %(number)s đang do cán bộ khác phụ trách.", number=counter.number))
    return counter


def open_counter(session, counter_id, officer: User) -> Counter:
    """The officer takes the counter (sign-in at the counter). Idempotent for the same officer."""
    counter = _counter_for(session, counter_id, officer)
    if counter.officer_id != officer.id or counter.status != CounterStatus.OPEN:
        counter.officer_id = officer.id
        counter.status = CounterStatus.OPEN
        announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return counter


def set_counter_status(session, counter_id, officer: User, status: str) -> Counter:
    """Pause or close a counter. Closing hands the counter back; a citizen still at it must be finished first."""
    if status not in (CounterStatus.OPEN, CounterStatus.PAUSED, CounterStatus.CLOSED):
        raise errors.RuleError(_l("Trạng thái quầy không hợp lệ."))
    counter = open_counter(session, counter_id, officer)
    if status == CounterStatus.CLOSED and current_ticket(session, counter.id):
        raise errors.CounterBusy()
    counter.status = status
    if status == CounterStatus.CLOSED:
        counter.officer_id = None
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return counter


def _held_counter(session, counter_id, officer: User) -> Counter:
    """The counter, taken by this officer if it was free; refused if another officer holds it."""
    counter = _counter_for(session, counter_id, officer)
    if counter.officer_id is None:
        counter = open_counter(session, counter.id, officer)
    return counter


def call_next(session, counter_id, officer: User, *, now: datetime | None = None) -> Ticket | None:
    """Claim the longest-waiting ticket of the counter's services, or None when no one waits.

    A counter still holding a citizen is refused (CounterBusy): a double click on "call next" can never
    skip someone. The claim is a conditional UPDATE … WHERE status = 'waiting' (and SKIP LOCKED on
    PostgreSQL), so two counters calling at the same instant never get the same ticket.
    """
    now = now or utcnow()
    counter = _held_counter(session, counter_id, officer)
    if counter.status != CounterStatus.OPEN:
        raise errors.CounterClosed(_l("Quầy đang tạm dừng. Hãy mở lại quầy để gọi số."))
    if current_ticket(session, counter.id):
        raise errors.CounterBusy()

    day = local_day(now, counter.site.timezone)
    query = next_waiting_for(counter, day)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    for _ in range(20):
        candidate = session.scalars(query).first()
        if candidate is None:
            return None
        claimed = session.execute(
            update(Ticket)
            .where(Ticket.id == candidate.id, Ticket.status == Status.WAITING)
            .values(status=Status.CALLED, counter_id=counter.id, officer_id=officer.id, called_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed:
            ticket = session.get(Ticket, candidate.id, populate_existing=True)
            log_event(session, ticket, "called", now)
            announce(session, ticket_called, ticket=ticket_payload(ticket))
            announce(session, queue_changed, site_id=ticket.site_id, service_ids=[ticket.queue_service_id])
            return ticket
        session.expire(candidate)
    raise errors.DatabaseBusy()


def _current(session, counter_id, officer: User) -> tuple[Counter, Ticket]:
    counter = _counter_for(session, counter_id, officer)
    ticket = current_ticket(session, counter.id)
    if ticket is None:
        raise errors.NoCurrentTicket()
    return counter, ticket


def recall(session, counter_id, officer: User, *, now: datetime | None = None) -> Ticket:
    now = now or utcnow()
    _, ticket = _current(session, counter_id, officer)
    ticket.recalls += 1
    log_event(session, ticket, "recalled", now, recalls=ticket.recalls)
    announce(session, ticket_recalled, ticket=ticket_payload(ticket))
    return ticket


def start_serving(session, counter_id, officer: User, *, now: datetime | None = None) -> Ticket:
    """The citizen has come to the counter: the service timer starts."""
    now = now or utcnow()
    _, ticket = _current(session, counter_id, officer)
    if ticket.status == Status.SERVING:
        return ticket
    ticket.status = Status.SERVING
    ticket.served_at = now
    log_event(session, ticket, "serving", now)
    announce(session, ticket_serving, ticket=ticket_payload(ticket))
    return ticket


def _finish(session, counter_id, officer: User, status: str, now: datetime | None) -> Ticket:
    now = now or utcnow()
    _, ticket = _current(session, counter_id, officer)
    ticket.status = status
    ticket.finished_at = now
    if status == Status.DONE and ticket.served_at is None:
        ticket.served_at = ticket.called_at
    log_event(session, ticket, status, now)
    announce(session, ticket_finished, ticket=ticket_payload(ticket))
    return ticket


def complete(session, counter_id, officer: User, *, now: datetime | None = None) -> Ticket:
    return _finish(session, counter_id, officer, Status.DONE, now)


def no_show(session, counter_id, officer: User, *, now: datetime | None = None) -> Ticket:
    return _finish(session, counter_id, officer, Status.NO_SHOW, now)


def transfer(
    session,
    counter_id,
    officer: User,
    *,
    service_id: int | None = None,
    to_counter_id: int | None = None,
    now: datetime | None = None,
) -> Ticket:
    """Send the current citizen to another service's queue or to a given counter, keeping the same ticket
    code (the paper in their hand) and their place: they are called before those who came after them."""
    now = now or utcnow()
    counter, ticket = _current(session, counter_id, officer)
    target_service = session.get(Service, service_id) if isinstance(service_id, int) else None
    target_counter = session.get(Counter, to_counter_id) if isinstance(to_counter_id, int) else None
    if (service_id is None) == (to_counter_id is None):
        raise errors.InvalidTransfer(_l("Hãy chọn một dịch vụ hoặc một quầy để chuyển đến."))
    if service_id is not None and (target_service is None or target_service.site_id != counter.site_id):
        raise errors.InvalidTransfer()
    if to_counter_id is not None and (
        target_counter is None or target_counter.site_id != counter.site_id or target_counter.id == counter.id
    ):
        raise errors.InvalidTransfer()

    from_service_id = ticket.queue_service_id
    log_event(
        session,
        ticket,
        "transferred",
        now,
        to_service_id=service_id,
        to_counter_id=to_counter_id,
    )
    if target_service is not None:
        ticket.queue_service = target_service
    ticket.target_counter_id = to_counter_id
    ticket.status = Status.WAITING
    ticket.counter_id = None
    ticket.officer_id = None
    ticket.called_at = None
    ticket.served_at = None
    session.flush()
    announce(session, ticket_transferred, ticket=ticket_payload(ticket), from_counter_id=counter.id)
    announce(
        session,
        queue_changed,
        site_id=ticket.site_id,
        service_ids=sorted({from_service_id, ticket.queue_service_id}),
    )
    return ticket
