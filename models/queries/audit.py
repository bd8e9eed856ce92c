"""Reading the audit log and the ticket event log for the back office (filters, newest first, bounded)."""

from datetime import date

from sqlalchemy import or_, select

from ..audit import AuditEntry
from ..clock import day_bounds_utc
from ..service import Counter
from ..ticket import Ticket, TicketEvent
from ..user import User

LIMIT = 500


def audit_entries(
    session,
    site_id: int,
    tz: str,
    start: date,
    end: date,
    *,
    action: str = "",
    username: str = "",
    include_unsited: bool = False,
    limit: int = LIMIT,
) -> list[AuditEntry]:
    """The site's entries on local days start..end; a province administrator also sees those of no site
    (a failed sign-in under an unknown name, a change to a site made before it had an id)."""
    lower, _ = day_bounds_utc(start, tz)
    _, upper = day_bounds_utc(end, tz)
    where_site = AuditEntry.site_id == site_id
    if include_unsited:
        where_site = or_(where_site, AuditEntry.site_id.is_(None))
    query = select(AuditEntry).where(where_site, AuditEntry.at >= lower, AuditEntry.at < upper)
    if action:
        query = query.where(AuditEntry.action == action)
    if username:
        query = query.where(AuditEntry.username == username)
    return list(session.scalars(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)))


def ticket_events(session, site_id: int, tz: str, start: date, end: date, limit: int = LIMIT) -> list[tuple]:
    """(event, ticket code, counter number, officer name) of the site's tickets, newest first."""
    lower, _ = day_bounds_utc(start, tz)
    _, upper = day_bounds_utc(end, tz)
    rows = session.execute(
        select(TicketEvent, Ticket.code, Counter.number, User.full_name)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .outerjoin(Counter, Counter.id == TicketEvent.counter_id)
        .outerjoin(User, User.id == TicketEvent.officer_id)
        .where(TicketEvent.site_id == site_id, TicketEvent.at >= lower, TicketEvent.at < upper)
        .order_by(TicketEvent.at.desc(), TicketEvent.id.desc())
        .limit(limit)
    )
    return [tuple(row) for row in rows]
