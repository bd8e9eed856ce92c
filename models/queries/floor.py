"""The supervisors' live floor view: every counter and every service of a site, right now."""

from datetime import datetime, timedelta

from sqlalchemy import func, select

from ..parked_left import left_parked
from ..service import Counter, Service
from ..ticket import Status, Ticket
from .queue import today

WAITING_SHOWN = 100  # the waiting tickets listed for moving (oldest first)


def _minutes(since: datetime | None, now: datetime) -> int | None:
    return None if since is None else max(0, int((now - since).total_seconds() // 60))


def floor_view(session, site, now: datetime) -> dict:
    day = today(site)
    counters = session.scalars(select(Counter).filter_by(site_id=site.id).order_by(Counter.number)).all()
    services = session.scalars(
        select(Service).filter_by(site_id=site.id, active=True).order_by(Service.position, Service.prefix)
    ).all()
    open_tickets = session.scalars(
        select(Ticket)
        .where(
            Ticket.site_id == site.id,
            Ticket.day == day,
            Ticket.status.in_([Status.WAITING, *Status.AT_COUNTER, Status.HELD]),
        )
        .order_by(Ticket.queued_at, Ticket.id)
    ).all()
    served_today = dict(
        session.execute(
            select(Ticket.counter_id, func.count())
            .where(Ticket.site_id == site.id, Ticket.day == day, Ticket.status == Status.DONE)
            .group_by(Ticket.counter_id)
        ).all()
    )
    hour_ago = now - timedelta(hours=1)
    called_last_hour = session.execute(
        select(Ticket.queue_service_id, Ticket.queued_at, Ticket.called_at).where(
            Ticket.site_id == site.id, Ticket.day == day, Ticket.called_at >= hour_ago
        )
    ).all()

    waiting = [t for t in open_tickets if t.status == Status.WAITING]
    current = {t.counter_id: t for t in open_tickets if t.status in Status.AT_COUNTER}
    counter_rows = []
    for counter in counters:
        ticket = current.get(counter.id)
        since = (ticket.served_at or ticket.called_at) if ticket else counter.paused_at
        counter_rows.append(
            {
                "counter": counter,
                "ticket": ticket,
                "minutes": _minutes(since, now),
                "served_today": served_today.get(counter.id, 0),
                "held": [t for t in open_tickets if t.status == Status.HELD and t.counter_id == counter.id],
            }
        )
    service_rows = []
    for service in services:
        queue = [t for t in waiting if t.queue_service_id == service.id]
        longest = _minutes(queue[0].queued_at, now) if queue else 0
        waits = [(c - q).total_seconds() / 60 for s, q, c in called_last_hour if s == service.id and q <= c]
        service_rows.append(
            {
                "service": service,
                "waiting": len(queue),
                "longest_minutes": longest,
                "mean_last_hour": round(sum(waits) / len(waits), 1) if waits else None,
                "over_target": longest > site.wait_target_minutes,
            }
        )
    return {
        "counters": counter_rows,
        "services": service_rows,
        "waiting": [(t, _minutes(t.queued_at, now)) for t in waiting[:WAITING_SHOWN]],
        "waiting_total": len(waiting),
        "counter_numbers": {counter.id: counter.number for counter in counters},
        "left_parked": left_parked(session, site, now),
    }
