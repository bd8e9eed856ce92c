"""Read-only questions about satisfaction ratings: is a ticket rated, which ticket a counter's tablet should ask
about now, today's "Không hài lòng" alerts."""

from datetime import datetime, timedelta

from sqlalchemy import exists, select

from ..base import utcnow
from ..clock import day_bounds_utc
from ..rating import Level, Rating
from ..ticket import Status, Ticket, TicketEvent
from .queue import today


def is_rated(session, ticket_id: int) -> bool:
    return bool(session.scalar(select(exists().where(Rating.ticket_id == ticket_id))))


def rating_skipped(session, ticket_id: int) -> bool:
    """Whether the tablet already asked about this ticket and got no answer (a "rating_skipped" event)."""
    return bool(
        session.scalar(
            select(exists().where(TicketEvent.ticket_id == ticket_id, TicketEvent.type == "rating_skipped"))
        )
    )


def rating_of(session, ticket: Ticket) -> Rating | None:
    return session.scalar(select(Rating).filter_by(ticket_id=ticket.id))


def awaiting_rating(
    session, counter_id: int, *, ask_seconds: int, now: datetime | None = None
) -> Ticket | None:
    """The ticket the counter's tablet should be asking about now: the last one completed there within
    ask_seconds, not yet rated and not skipped. None once the moment has passed or the counter moved on."""
    now = now or utcnow()
    last = session.scalars(
        select(Ticket)
        .where(
            Ticket.counter_id == counter_id,
            Ticket.status.in_(Status.FINISHED),
            Ticket.finished_at.is_not(None),
        )
        .order_by(Ticket.finished_at.desc(), Ticket.id.desc())
        .limit(1)
    ).first()
    if last is None or last.status != Status.DONE or now - last.finished_at > timedelta(seconds=ask_seconds):
        return None
    if is_rated(session, last.id) or rating_skipped(session, last.id):
        return None
    return last


def dissatisfied_today(session, site, limit: int = 20) -> list[Rating]:
    """Today's "Không hài lòng" ratings at the site, newest first (the supervisors' live alerts)."""
    start, _end = day_bounds_utc(today(site), site.timezone)
    return session.scalars(
        select(Rating)
        .where(Rating.site_id == site.id, Rating.level == Level.DISSATISFIED, Rating.created_at >= start)
        .order_by(Rating.created_at.desc())
        .limit(limit)
    ).all()
