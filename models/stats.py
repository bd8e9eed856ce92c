"""Today's figures for the back office, read from the tickets' own columns (status, issued_at, called_at)."""

from datetime import date

from sqlalchemy import case, func, select

from .service import Service
from .ticket import Status, Ticket


def day_summary(session, site_id: int, day: date) -> list[dict]:
    """Per service: issued, waiting, at a counter, done, no-show, and mean wait (issue → call) in minutes."""
    rows = session.execute(
        select(
            Service,
            func.count(Ticket.id),
            func.sum(case((Ticket.status == Status.WAITING, 1), else_=0)),
            func.sum(case((Ticket.status.in_(Status.AT_COUNTER), 1), else_=0)),
            func.sum(case((Ticket.status == Status.DONE, 1), else_=0)),
            func.sum(case((Ticket.status == Status.NO_SHOW, 1), else_=0)),
        )
        .outerjoin(Ticket, (Ticket.service_id == Service.id) & (Ticket.day == day))
        .where(Service.site_id == site_id)
        .group_by(Service.id)
        .order_by(Service.position, Service.prefix)
    ).all()
    waits = _mean_waits(session, site_id, day)
    return [
        {
            "service": service,
            "issued": issued or 0,
            "waiting": waiting or 0,
            "at_counter": at_counter or 0,
            "done": done or 0,
            "no_show": no_show or 0,
            "mean_wait_minutes": waits.get(service.id),
        }
        for service, issued, waiting, at_counter, done, no_show in rows
    ]


def _mean_waits(session, site_id: int, day: date) -> dict[int, float]:
    rows = session.execute(
        select(Ticket.service_id, Ticket.issued_at, Ticket.called_at).where(
            Ticket.site_id == site_id, Ticket.day == day, Ticket.called_at.is_not(None)
        )
    ).all()
    totals: dict[int, list[float]] = {}
    for service_id, issued_at, called_at in rows:
        totals.setdefault(service_id, []).append((called_at - issued_at).total_seconds() / 60)
    return {service_id: round(sum(v) / len(v), 1) for service_id, v in totals.items()}
