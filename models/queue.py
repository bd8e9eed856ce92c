"""The queue rules. Each takes a session, changes state, logs a TicketEvent, announces a signal and returns
what changed. Run them through models.transaction.perform(), which commits and then sends the signals."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, exists, func
from sqlalchemy.orm import aliased, joinedload

from . import errors
from .base import utcnow
from .calendar import ensure_open_day
from .clock import local_day, to_local
from .numbering import next_number
from .pause_log import end_pause
from .priority import category_of_site
from .queries import (
    current_ticket,
    last_no_show,
    next_candidate,
    place_in_queue,
)
from .report_rollup import forget_day
from .schedule import is_issuing
from .service import Counter, CounterStatus, Service
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
from .transitions import find_counter, hold_counter, update_counter_from, update_ticket_from
from .user import User


@dataclass
class IssuedTicket:
    ticket: Ticket
    ahead: int
    wait_minutes: int


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
    forget_day(session, ticket.site_id, ticket.day)  # the day's roll-up, if that day is over
    return event


def format_code(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"


# --- issuing -------------------------------------------------------------------------------------------


def issuing_service(session, service_id) -> Service | None:
    """The service a ticket is asked for, with what issuing reads of it (its site's clock, its weekly windows)
    loaded by the same statement; None for anything that is not a service's id."""
    if not isinstance(service_id, int) or isinstance(service_id, bool):
        return None
    return session.get(Service, service_id, options=(joinedload(Service.site), joinedload(Service.windows)))


def issue_ticket(
    session,
    service_id,
    *,
    priority: int = Priority.NORMAL,
    priority_category=None,
    channel: str = "kiosk",
    now: datetime | None = None,
) -> IssuedTicket:
    """`priority_category` (an id or code of one of the site's active categories) makes a priority ticket."""
    now = now or utcnow()
    service = issuing_service(session, service_id)
    if service is None:
        raise errors.NotFound(_l("Không có dịch vụ này."))
    category = None
    if priority_category is not None:
        category = category_of_site(session, service.site_id, priority_category)
        priority = Priority.PRIORITY
    local_now = to_local(now, service.site.timezone)
    day = local_now.date()
    ensure_open_day(session, service.site_id, day)  # a holiday says so, rather than "closed now"
    if not is_issuing(service, now):
        raise errors.ServiceClosed()

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
        priority_category_id=category.id if category else None,
        channel=channel,
        status=Status.WAITING,
        issued_at=now,
        queued_at=now,
    )
    session.add(ticket)
    session.flush()
    log_event(
        session,
        ticket,
        "issued",
        now,
        channel=channel,
        priority=priority,
        category=category.code if category else None,
    )
    ahead, wait = place_in_queue(session, ticket)
    announce(session, ticket_issued, ticket=ticket)
    announce(session, queue_changed, site_id=ticket.site_id, service_ids=[service.id])
    return IssuedTicket(ticket, ahead, wait)


# --- the counter -----------------------------------------------------------------------------------------
# Every rule below takes the counter's row first (hold_counter) and changes a ticket only from the state it
# expects (update_ticket_from): see models/transitions.py.


def open_counter(session, counter_id, officer: User) -> Counter:
    """The officer takes the counter (sign-in at the counter). Idempotent for the same officer; of two officers
    taking a free counter at once, one gets it and the other is refused (403). A counter taken out of use in
    the back office cannot be opened."""
    counter = find_counter(session, counter_id, officer)
    if not counter.active:
        raise errors.CounterClosed(_l("Quầy này đã ngừng sử dụng."))
    if counter.status == CounterStatus.PAUSED and counter.officer_id == officer.id:
        end_pause(session, counter, officer, utcnow())
    counter = hold_counter(session, counter_id, officer, reopen=True)
    if counter.status == CounterStatus.OPEN and counter.pause_reason is not None:
        update_counter_from(session, counter, officer.id, pause_reason=None, paused_at=None)
    return counter


def call_next(session, counter_id, officer: User, *, now: datetime | None = None) -> Ticket | None:
    """Claim the ticket the site's priority policy picks among those waiting for the counter's services
    (models/priority.py: pick_next), or None when no one waits.

    A counter still holding a citizen is refused (CounterBusy): a double click on "call next" can never call
    two citizens, because the counter's row is held for the whole rule and the database allows one called or
    serving ticket per counter. The claim is a conditional UPDATE … WHERE status = 'waiting' (and SKIP LOCKED
    on PostgreSQL), so two counters calling at the same instant never get the same ticket.
    """
    now = now or utcnow()
    counter = hold_counter(session, counter_id, officer)
    if counter.status != CounterStatus.OPEN:
        raise errors.CounterClosed(_l("Quầy đang tạm dừng. Hãy mở lại quầy để gọi số."))
    if current_ticket(session, counter.id):
        raise errors.CounterBusy()

    day = local_day(now, counter.site.timezone)
    lock = session.get_bind().dialect.name == "postgresql"
    for _ in range(20):
        candidate = next_candidate(session, counter, day, now, lock=lock)
        if candidate is None:
            return None
        try:
            return claim_ticket(session, candidate, counter, officer, now)
        except errors.TicketChanged:
            session.expire(candidate)  # another counter took this one: try the next
    raise errors.DatabaseBusy()


def claim_ticket(session, ticket: Ticket, counter: Counter, officer: User, now: datetime, **event) -> Ticket:
    """Call a waiting ticket to a counter the officer holds: the one claim of call-next and of calling a chosen
    ticket. A conditional UPDATE … WHERE status = 'waiting', so of two counters claiming one ticket exactly one
    wins; the other gets TicketChanged (nothing written). A counter already holding a citizen is refused by the
    database (CounterBusy). `event` goes into the "called" event's data."""
    update_ticket_from(
        session,
        ticket,
        [Status.WAITING],
        status=Status.CALLED,
        counter_id=counter.id,
        officer_id=officer.id,
        called_at=now,
    )
    log_event(session, ticket, "called", now, **event)
    announce(session, ticket_called, ticket=ticket)
    announce(session, queue_changed, site_id=ticket.site_id, service_ids=[ticket.queue_service_id])
    return ticket


def counter_and_ticket(session, counter_id, officer: User, ticket_id=None) -> tuple[Counter, Ticket]:
    """The counter (held) and its current ticket. With `ticket_id` — the ticket the officer's screen showed —
    anything else at the counter is refused, so a late second click never acts on the next citizen."""
    counter = hold_counter(session, counter_id, officer)
    if ticket_id is None:
        ticket = current_ticket(session, counter.id)
        if ticket is None:
            raise errors.NoCurrentTicket()
        return counter, ticket
    ticket = session.get(Ticket, ticket_id, populate_existing=True) if isinstance(ticket_id, int) else None
    if ticket is None or ticket.site_id != counter.site_id:
        raise errors.NotFound(_l("Không có số này."))
    if ticket.counter_id != counter.id or ticket.status not in Status.AT_COUNTER:
        raise errors.TicketChanged(
            _l(
                "Số %(code)s vừa được xử lý bằng một thao tác khác. Màn hình đã được cập nhật.",
                code=ticket.code,
            )
        )
    return counter, ticket


def _at(counter: Counter):
    return Ticket.counter_id == counter.id


def recall(session, counter_id, officer: User, *, ticket_id=None, now: datetime | None = None) -> Ticket:
    now = now or utcnow()
    counter, ticket = counter_and_ticket(session, counter_id, officer, ticket_id)
    update_ticket_from(session, ticket, Status.AT_COUNTER, _at(counter), recalls=Ticket.recalls + 1)
    log_event(session, ticket, "recalled", now, recalls=ticket.recalls)
    announce(session, ticket_recalled, ticket=ticket)
    return ticket


def start_serving(
    session, counter_id, officer: User, *, ticket_id=None, now: datetime | None = None
) -> Ticket:
    """The citizen has come to the counter: the service timer starts."""
    now = now or utcnow()
    counter, ticket = counter_and_ticket(session, counter_id, officer, ticket_id)
    if ticket.status == Status.SERVING:
        return ticket
    update_ticket_from(session, ticket, [Status.CALLED], _at(counter), status=Status.SERVING, served_at=now)
    log_event(session, ticket, "serving", now)
    announce(session, ticket_serving, ticket=ticket)
    return ticket


def _finish(session, counter_id, officer: User, status: str, ticket_id, now: datetime | None) -> Ticket:
    now = now or utcnow()
    counter, ticket = counter_and_ticket(session, counter_id, officer, ticket_id)
    values = {"status": status, "finished_at": now}
    if status == Status.DONE:
        values["served_at"] = func.coalesce(Ticket.served_at, Ticket.called_at)
    update_ticket_from(session, ticket, Status.AT_COUNTER, _at(counter), **values)
    log_event(session, ticket, status, now)
    announce(session, ticket_finished, ticket=ticket)
    return ticket


def complete(session, counter_id, officer: User, *, ticket_id=None, now: datetime | None = None) -> Ticket:
    return _finish(session, counter_id, officer, Status.DONE, ticket_id, now)


def no_show(session, counter_id, officer: User, *, ticket_id=None, now: datetime | None = None) -> Ticket:
    return _finish(session, counter_id, officer, Status.NO_SHOW, ticket_id, now)


def undo_no_show(
    session,
    counter_id,
    officer: User,
    *,
    window_seconds: float,
    ticket_id=None,
    now: datetime | None = None,
) -> Ticket:
    """Take back a no-show made in the last `window_seconds`: the ticket is the counter's current ticket again
    (called, or serving if service had started). Only if nothing changed meanwhile: the ticket is still a
    no-show, the counter holds no one and has called no one since."""
    now = now or utcnow()
    counter = hold_counter(session, counter_id, officer)
    ticket = last_no_show(session, counter.id)
    if ticket is None or (ticket_id is not None and ticket.id != ticket_id):
        raise errors.UndoUnavailable()
    since = now - timedelta(seconds=window_seconds)
    later = aliased(Ticket)
    called_since = exists().where(later.counter_id == counter.id, later.called_at > Ticket.finished_at)
    try:
        update_ticket_from(
            session,
            ticket,
            [Status.NO_SHOW],
            _at(counter),
            Ticket.finished_at == ticket.finished_at,
            Ticket.finished_at >= since,
            ~called_since,
            status=case((Ticket.served_at.is_(None), Status.CALLED), else_=Status.SERVING),
            finished_at=None,
        )
    except errors.TicketChanged as error:
        raise errors.UndoUnavailable() from error
    log_event(session, ticket, "no_show_undone", now)
    announce(session, ticket_serving, ticket=ticket)
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return ticket


def transfer(
    session,
    counter_id,
    officer: User,
    *,
    service_id: int | None = None,
    to_counter_id: int | None = None,
    ticket_id=None,
    now: datetime | None = None,
) -> Ticket:
    """Send the current citizen to another service's queue or to a given counter, keeping the same ticket
    code (the paper in their hand) and their place: they are called before those who came after them."""
    now = now or utcnow()
    counter, ticket = counter_and_ticket(session, counter_id, officer, ticket_id)
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

    from_service_id, from_officer_id = ticket.queue_service_id, ticket.officer_id
    update_ticket_from(
        session,
        ticket,
        Status.AT_COUNTER,
        _at(counter),
        queue_service_id=target_service.id if target_service else ticket.queue_service_id,
        target_counter_id=to_counter_id,
        status=Status.WAITING,
        counter_id=None,
        officer_id=None,
        called_at=None,
        served_at=None,
    )
    event = log_event(
        session, ticket, "transferred", now, to_service_id=service_id, to_counter_id=to_counter_id
    )
    # The event records where the ticket came from, as it did before the move.
    event.service_id, event.counter_id, event.officer_id = from_service_id, counter.id, from_officer_id
    announce(session, ticket_transferred, ticket=ticket, from_counter_id=counter.id)
    announce(
        session,
        queue_changed,
        site_id=ticket.site_id,
        service_ids=sorted({from_service_id, ticket.queue_service_id}),
    )
    return ticket
