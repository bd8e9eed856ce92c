"""Counter operations beyond call-next: call a chosen ticket, park (hold) and resume, cancel with a reason,
pause with a reason, put a no-show back in the queue, grant or remove priority, and a supervisor's move of a
waiting ticket. Each is one conditional UPDATE from the state it expects (models/transitions.py), so of two
requests racing for one ticket exactly one wins and the other gets a clear 409 with nothing written."""

import re
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, select

from . import errors
from .base import utcnow
from .clock import local_day
from .pause_log import counter_event, end_pause
from .priority import category_of_site
from .queries import current_ticket, ticket_by_code_today
from .queue import claim_ticket, counter_and_ticket, log_event
from .service import Counter, CounterStatus, PauseReason, Service
from .signals import (
    announce,
    counter_changed,
    queue_changed,
    ticket_called,
    ticket_finished,
    ticket_held,
    ticket_serving,
)
from .ticket import CancelReason, Priority, Status, Ticket
from .transitions import find_counter, hold_counter, update_counter_from, update_ticket_from
from .user import User

# Why a ticket in this status cannot be called: what the officer is told.
NOT_CALLABLE = {
    Status.CALLED: _l("Số %(code)s đang được phục vụ tại quầy %(counter)s."),
    Status.SERVING: _l("Số %(code)s đang được phục vụ tại quầy %(counter)s."),
    Status.HELD: _l("Số %(code)s đang được tạm giữ tại quầy %(counter)s: hãy tiếp tục số đó."),
    Status.DONE: _l("Số %(code)s đã được phục vụ xong."),
    Status.NO_SHOW: _l("Số %(code)s đã bị đánh dấu vắng mặt: hãy cho số trở lại hàng chờ trước."),
    Status.CANCELLED: _l("Số %(code)s đã bị huỷ."),
}


def _not_callable(ticket: Ticket) -> errors.RuleError:
    counter = ticket.counter.number if ticket.counter else "—"
    return errors.TicketChanged(NOT_CALLABLE[ticket.status] % {"code": ticket.code, "counter": counter})


def _site_ticket(session, site, *, code=None, ticket_id=None) -> Ticket:
    """Today's ticket of the site named by its id or its code; a code from another day or site is not found."""
    if isinstance(ticket_id, int):
        ticket = session.get(Ticket, ticket_id, populate_existing=True)
        if (
            ticket is not None
            and ticket.site_id == site.id
            and ticket.day == local_day(utcnow(), site.timezone)
        ):
            return ticket
    elif isinstance(code, str) and code.strip():
        ticket = ticket_by_code_today(session, site, code)
        if ticket is not None:
            session.refresh(ticket)
            return ticket
        # Only letters and digits of what was typed are repeated: a lazy message is rendered as markup.
        shown = re.sub(r"[^A-Z0-9]", "", code.strip().upper())[:12]
        raise errors.NotFound(_l("Hôm nay không có số %(code)s tại trung tâm này.", code=shown))
    raise errors.NotFound(_l("Không có số này."))


def _open_and_free(session, counter_id, officer: User) -> Counter:
    counter = hold_counter(session, counter_id, officer)
    if counter.status != CounterStatus.OPEN:
        raise errors.CounterClosed(_l("Quầy đang tạm dừng. Hãy mở lại quầy để gọi số."))
    if current_ticket(session, counter.id):
        raise errors.CounterBusy()
    return counter


# --- call a chosen ticket ----------------------------------------------------------------------------------


def call_ticket(
    session, counter_id, officer: User, *, code=None, ticket_id=None, now: datetime | None = None
) -> Ticket:
    """Call the ticket the officer chose (from the waiting list, or the code on the paper a citizen holds out),
    whatever its place in the queue: the same claim as call-next, refused if another counter took it first."""
    now = now or utcnow()
    counter = _open_and_free(session, counter_id, officer)
    ticket = _site_ticket(session, counter.site, code=code, ticket_id=ticket_id)
    if ticket.status != Status.WAITING:
        raise _not_callable(ticket)
    if ticket.target_counter_id not in (None, counter.id):
        raise errors.TicketChanged(
            _l(
                "Số %(code)s đã được chuyển đến quầy %(counter)s.",
                code=ticket.code,
                counter=session.get(Counter, ticket.target_counter_id).number,
            )
        )
    try:
        return claim_ticket(session, ticket, counter, officer, now, chosen=True)
    except errors.TicketChanged:
        session.refresh(ticket)
        raise _not_callable(ticket) from None


# --- hold and resume ---------------------------------------------------------------------------------------


def hold(session, counter_id, officer: User, *, ticket_id=None, now: datetime | None = None) -> Ticket:
    """Park the current citizen (gone to make a copy, to pay a fee): the counter is free to serve others, and
    the ticket stays listed at this counter until it is resumed."""
    now = now or utcnow()
    counter, ticket = counter_and_ticket(session, counter_id, officer, ticket_id)
    update_ticket_from(
        session, ticket, Status.AT_COUNTER, Ticket.counter_id == counter.id, status=Status.HELD, held_at=now
    )
    log_event(session, ticket, "held", now)
    announce(session, ticket_held, ticket=ticket)
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return ticket


def resume(session, counter_id, actor: User, *, ticket_id=None, now: datetime | None = None) -> Ticket:
    """Take a parked citizen back at this counter: the counter where it was parked, or any counter of a
    supervisor (the citizen is then called to the new counter, on the wall display)."""
    now = now or utcnow()
    counter = hold_counter(session, counter_id, actor)
    ticket = _site_ticket(session, counter.site, ticket_id=ticket_id)
    if ticket.status != Status.HELD:
        raise errors.TicketChanged(
            _l("Số %(code)s không còn được tạm giữ (đã được tiếp tục hoặc xử lý).", code=ticket.code)
        )
    _open_and_free(session, counter.id, actor)
    moved = ticket.counter_id != counter.id
    if moved and not actor.is_supervisor:
        raise errors.Forbidden(
            _l(
                "Số %(code)s đang được tạm giữ tại quầy %(counter)s: chỉ quầy đó hoặc giám sát mới tiếp tục được.",
                code=ticket.code,
                counter=ticket.counter.number,
            )
        )
    from_counter_id = ticket.counter_id
    values = {"counter_id": counter.id, "officer_id": actor.id, "held_at": None}
    if moved:
        values.update(status=Status.CALLED, called_at=now, served_at=None)
    else:
        values["status"] = case((Ticket.served_at.is_(None), Status.CALLED), else_=Status.SERVING)
    try:
        update_ticket_from(session, ticket, [Status.HELD], Ticket.counter_id == from_counter_id, **values)
    except errors.TicketChanged:
        raise errors.TicketChanged(
            _l("Số %(code)s vừa được tiếp tục ở quầy khác.", code=ticket.code)
        ) from None
    log_event(session, ticket, "resumed", now, from_counter_id=from_counter_id)
    announce(session, ticket_called if moved else ticket_serving, ticket=ticket)
    for changed in {from_counter_id, counter.id}:
        announce(session, counter_changed, site_id=counter.site_id, counter_id=changed)
    return ticket


# --- cancel ------------------------------------------------------------------------------------------------


def cancel(
    session, counter_id, officer: User, *, reason=None, ticket_id=None, now: datetime | None = None
) -> Ticket:
    """Cancel the current (or a parked) ticket of this counter with a reason: the citizen left, a duplicate
    ticket, the wrong service. Counted apart from no-shows (tickets.cancel_reason)."""
    now = now or utcnow()
    if reason not in CancelReason.ALL:
        raise errors.InvalidReason()
    counter = hold_counter(session, counter_id, officer)
    if ticket_id is None:
        counter, ticket = counter_and_ticket(session, counter.id, officer)
    else:
        ticket = _site_ticket(session, counter.site, ticket_id=ticket_id)
    if ticket.counter_id != counter.id or ticket.status not in (*Status.AT_COUNTER, Status.HELD):
        raise errors.TicketChanged(
            _l("Số %(code)s không còn ở quầy này. Màn hình đã được cập nhật.", code=ticket.code)
        )
    update_ticket_from(
        session,
        ticket,
        [*Status.AT_COUNTER, Status.HELD],
        Ticket.counter_id == counter.id,
        status=Status.CANCELLED,
        cancel_reason=reason,
        finished_at=now,
        held_at=None,
    )
    log_event(session, ticket, "cancelled", now, reason=reason)
    announce(session, ticket_finished, ticket=ticket)
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return ticket


# --- pause with a reason -----------------------------------------------------------------------------------


def pause(session, counter_id, officer: User, *, reason=None, now: datetime | None = None) -> Counter:
    """Pause the counter with a reason (break, meeting, helping another counter …); the display shows it
    paused. A citizen at the counter must be finished or parked first."""
    now = now or utcnow()
    if reason not in PauseReason.ALL:
        raise errors.InvalidReason()
    counter = hold_counter(session, counter_id, officer)
    if counter.status == CounterStatus.PAUSED:
        return counter
    if current_ticket(session, counter.id):
        raise errors.CounterBusy(
            _l("Hãy hoàn tất, tạm giữ hoặc đánh dấu vắng mặt số đang phục vụ trước khi tạm dừng quầy.")
        )
    update_counter_from(
        session, counter, officer.id, status=CounterStatus.PAUSED, pause_reason=reason, paused_at=now
    )
    counter_event(session, counter, "paused", officer, now, reason=reason)
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return counter


def resume_service(session, counter_id, officer: User, *, now: datetime | None = None) -> Counter:
    """Open a paused counter again."""
    now = now or utcnow()
    counter = hold_counter(session, counter_id, officer)
    if counter.status != CounterStatus.PAUSED:
        return counter
    end_pause(session, counter, officer, now)
    update_counter_from(
        session, counter, officer.id, status=CounterStatus.OPEN, pause_reason=None, paused_at=None
    )
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return counter


def close(session, counter_id, officer: User, *, now: datetime | None = None) -> Counter:
    """Close the counter and hand it back. A citizen still at it must be finished first; parked tickets stay
    parked (listed on the floor view, where a supervisor resumes them at another counter)."""
    now = now or utcnow()
    counter = hold_counter(session, counter_id, officer)
    if current_ticket(session, counter.id):
        raise errors.CounterBusy()
    end_pause(session, counter, officer, now)
    update_counter_from(
        session,
        counter,
        officer.id,
        status=CounterStatus.CLOSED,
        officer_id=None,
        pause_reason=None,
        paused_at=None,
    )
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return counter


def held_at(session, counter: Counter, now: datetime | None = None) -> list[Ticket]:
    """The tickets parked at a counter today, oldest first (those left from an earlier day are the floor
    view's: models/parked_left.py)."""
    day = local_day(now or utcnow(), counter.site.timezone)
    return list(
        session.scalars(
            select(Ticket)
            .where(Ticket.counter_id == counter.id, Ticket.status == Status.HELD, Ticket.day == day)
            .order_by(Ticket.held_at, Ticket.id)
        )
    )


# --- a no-show comes back ----------------------------------------------------------------------------------


def return_ticket(
    session,
    ticket: Ticket,
    actor: User,
    *,
    window_minutes: float,
    to_front: bool,
    now: datetime | None = None,
) -> Ticket:
    """Put a no-show back in the queue with its code, within `window_minutes` of being marked absent: at its
    original place (`to_front`, before everyone who came after it) or at the back."""
    now = now or utcnow()
    if not actor.may_use_site(ticket.site_id):
        raise errors.NotFound(_l("Không có số này."))
    session.refresh(ticket)
    if ticket.status != Status.NO_SHOW:
        raise errors.TicketChanged(
            _l("Số %(code)s không ở trạng thái vắng mặt nên không thể cho trở lại.", code=ticket.code)
        )
    since = now - timedelta(minutes=window_minutes)
    if ticket.day != local_day(now, ticket.site.timezone) or ticket.finished_at < since:
        raise errors.ReturnWindowClosed()
    update_ticket_from(
        session,
        ticket,
        [Status.NO_SHOW],
        Ticket.finished_at >= since,
        status=Status.WAITING,
        counter_id=None,
        officer_id=None,
        target_counter_id=None,
        called_at=None,
        served_at=None,
        finished_at=None,
        queued_at=ticket.queued_at if to_front else now,
    )
    log_event(session, ticket, "returned", now, by=actor.id, to_front=to_front)
    announce(session, queue_changed, site_id=ticket.site_id, service_ids=[ticket.queue_service_id])
    return ticket


# --- priority ----------------------------------------------------------------------------------------------


def set_priority(session, actor: User, ticket_id, *, category=None, now: datetime | None = None) -> Ticket:
    """Grant priority in a category (`category`: its id or code) or remove it (None) on a ticket still waiting,
    at a counter or parked; logged with who did it."""
    now = now or utcnow()
    ticket = session.get(Ticket, ticket_id, populate_existing=True) if isinstance(ticket_id, int) else None
    if ticket is None or not actor.may_use_site(ticket.site_id):
        raise errors.NotFound(_l("Không có số này."))
    chosen = category_of_site(session, ticket.site_id, category) if category is not None else None
    open_statuses = [Status.WAITING, *Status.AT_COUNTER, Status.HELD]
    if ticket.status not in open_statuses:
        raise _not_callable(ticket)
    update_ticket_from(
        session,
        ticket,
        open_statuses,
        priority=Priority.PRIORITY if chosen else Priority.NORMAL,
        priority_category_id=chosen.id if chosen else None,
    )
    kind = "priority_granted" if chosen else "priority_removed"
    log_event(session, ticket, kind, now, by=actor.id, category=chosen.code if chosen else None)
    announce(session, queue_changed, site_id=ticket.site_id, service_ids=[ticket.queue_service_id])
    if ticket.counter_id:
        announce(session, counter_changed, site_id=ticket.site_id, counter_id=ticket.counter_id)
    return ticket


def prioritise_at_counter(
    session, counter_id, officer: User, *, ticket_id=None, category=None, now: datetime | None = None
) -> Ticket:
    """The counter screen's and the API's hand on priority: the officer holding the counter grants a category
    (or removes priority: None) on a ticket waiting today at the site, or the one at or parked at this counter."""
    counter = hold_counter(session, counter_id, officer)
    ticket = _site_ticket(session, counter.site, ticket_id=ticket_id)
    if ticket.status != Status.WAITING and ticket.counter_id != counter.id:
        raise errors.TicketChanged(
            _l("Số %(code)s không còn chờ và không ở quầy này. Màn hình đã được cập nhật.", code=ticket.code)
        )
    return set_priority(session, officer, ticket.id, category=category, now=now)


# --- a supervisor moves a waiting ticket -------------------------------------------------------------------


def move_waiting(
    session,
    supervisor: User,
    ticket_id,
    *,
    service_id=None,
    to_counter_id=None,
    now: datetime | None = None,
) -> Ticket:
    """Send a waiting ticket to another service's queue or to one counter, keeping its code and its place."""
    now = now or utcnow()
    if not supervisor.is_supervisor:
        raise errors.Forbidden()
    ticket = session.get(Ticket, ticket_id, populate_existing=True) if isinstance(ticket_id, int) else None
    if ticket is None or not supervisor.may_use_site(ticket.site_id):
        raise errors.NotFound(_l("Không có số này."))
    if (service_id is None) == (to_counter_id is None):
        raise errors.InvalidTransfer(_l("Hãy chọn một dịch vụ hoặc một quầy để chuyển đến."))
    service = session.get(Service, service_id) if isinstance(service_id, int) else None
    counter = find_counter(session, to_counter_id, supervisor) if to_counter_id is not None else None
    if service_id is not None and (service is None or service.site_id != ticket.site_id):
        raise errors.InvalidTransfer()
    if counter is not None and counter.site_id != ticket.site_id:
        raise errors.InvalidTransfer()
    if ticket.status != Status.WAITING:
        raise _not_callable(ticket)
    from_service_id = ticket.queue_service_id
    update_ticket_from(
        session,
        ticket,
        [Status.WAITING],
        queue_service_id=service.id if service else ticket.queue_service_id,
        target_counter_id=counter.id if counter else None,
    )
    log_event(
        session, ticket, "moved", now, by=supervisor.id, to_service_id=service_id, to_counter_id=to_counter_id
    )
    announce(
        session,
        queue_changed,
        site_id=ticket.site_id,
        service_ids=sorted({from_service_id, ticket.queue_service_id}),
    )
    return ticket


def reopen_paused(
    session, counter_id, supervisor: User, *, officer_id, now: datetime | None = None
) -> Counter:
    """A supervisor opens a paused counter again, for the officer holding it (`officer_id`: the one the
    supervisor saw; if another holds it by now, CounterChanged)."""
    now = now or utcnow()
    if not supervisor.is_supervisor:
        raise errors.Forbidden()
    counter = find_counter(session, counter_id, supervisor)
    if counter.status != CounterStatus.PAUSED:
        raise errors.CounterChanged(_l("Quầy %(number)s không còn tạm dừng.", number=counter.number))
    end_pause(session, counter, supervisor, now)
    update_counter_from(
        session, counter, officer_id, status=CounterStatus.OPEN, pause_reason=None, paused_at=None
    )
    announce(session, counter_changed, site_id=counter.site_id, counter_id=counter.id)
    return counter
