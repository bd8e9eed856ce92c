"""Parked (held) tickets left at the end of the day: reported, never lost.

A ticket still parked when its day ends stays `held` (nothing changes it behind anyone's back). It cannot be
resumed on a later day (its code is that day's: the citizen takes a new ticket), so the floor view lists it under
"left parked from an earlier day" until a supervisor closes it with a reason (cancelled, counted apart from
no-shows in the reports of its own day)."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from . import errors
from .base import utcnow
from .clock import local_day
from .queue import log_event
from .signals import announce, counter_changed
from .ticket import CancelReason, Status, Ticket
from .transitions import update_ticket_from
from .user import User

LEFT_PARKED_SHOWN = 100  # the most the floor view lists


def left_parked(session, site, now: datetime | None = None) -> list[Ticket]:
    """The site's tickets still parked from an earlier day, oldest first."""
    today = local_day(now or utcnow(), site.timezone)
    return list(
        session.scalars(
            select(Ticket)
            .where(Ticket.site_id == site.id, Ticket.status == Status.HELD, Ticket.day < today)
            .order_by(Ticket.day, Ticket.held_at, Ticket.id)
            .limit(LEFT_PARKED_SHOWN)
        )
    )


def close_left_parked(
    session, supervisor: User, ticket_id, *, reason=None, now: datetime | None = None
) -> Ticket:
    """A supervisor closes a ticket left parked from an earlier day: cancelled with the reason given (most often
    "citizen left"), logged with who and that it was left parked."""
    now = now or utcnow()
    if not supervisor.is_supervisor:
        raise errors.Forbidden()
    if reason not in CancelReason.ALL:
        raise errors.InvalidReason()
    ticket = session.get(Ticket, ticket_id, populate_existing=True) if isinstance(ticket_id, int) else None
    if ticket is None or not supervisor.may_use_site(ticket.site_id):
        raise errors.NotFound(_l("Không có số này."))
    if ticket.status != Status.HELD or ticket.day >= local_day(now, ticket.site.timezone):
        raise errors.TicketChanged(_l("Số %(code)s không còn là số tạm giữ từ ngày trước.", code=ticket.code))
    update_ticket_from(
        session,
        ticket,
        [Status.HELD],
        Ticket.day == ticket.day,
        status=Status.CANCELLED,
        cancel_reason=reason,
        finished_at=now,
        held_at=None,
    )
    log_event(session, ticket, "cancelled", now, reason=reason, by=supervisor.id, left_parked=True)
    if ticket.counter_id:
        announce(session, counter_changed, site_id=ticket.site_id, counter_id=ticket.counter_id)
    return ticket
