"""What the staff and wall screens show, read in one place: a counter's panel and a site's wall board."""

import math

from sqlalchemy import select

from ..base import utcnow
from ..service import Counter, CounterStatus, Service
from .queue import current_ticket, recent_calls, today, undoable_no_show, waiting_counts


def counter_panel(session, counter: Counter, *, undo_seconds: float, now=None) -> dict:
    """The counter screen's panel: the current ticket, the no-show it may still take back, the waiting counts of
    its services, and where it may transfer a citizen to."""
    now = now or utcnow()
    counts = waiting_counts(session, counter.site_id, today(counter.site))
    others = session.scalars(
        select(Counter)
        .filter_by(site_id=counter.site_id)
        .where(Counter.id != counter.id)
        .order_by(Counter.number)
    ).all()
    services = session.scalars(
        select(Service).filter_by(site_id=counter.site_id, active=True).order_by(Service.position)
    ).all()
    undo = undoable_no_show(session, counter.id, undo_seconds, now)
    return {
        "counter": counter,
        "ticket": current_ticket(session, counter.id),
        "undo": undo,
        # How long the "Hoàn tác" button stays (the screen hides it then, without waiting for a refresh).
        "undo_seconds_left": math.ceil(undo_seconds - (now - undo.finished_at).total_seconds())
        if undo
        else 0,
        "waiting": [(service, counts.get(service.id, 0)) for service in counter.services],
        "waiting_total": sum(counts.get(s.id, 0) for s in counter.services),
        "transfer_services": services,
        "transfer_counters": others,
    }


def display_board(session, site) -> dict:
    """The wall display: the latest call at each counter (closed counters only while they still show one) and
    the last eight calls."""
    calls = recent_calls(session, site.id, today(site), limit=40)
    counters = session.scalars(select(Counter).filter_by(site_id=site.id).order_by(Counter.number)).all()
    latest_by_counter = {}
    for ticket in calls:
        latest_by_counter.setdefault(ticket.counter_id, ticket)
    rows = [
        {"counter": counter, "ticket": latest_by_counter.get(counter.id)}
        for counter in counters
        if counter.status != CounterStatus.CLOSED or counter.id in latest_by_counter
    ]
    return {"site": site, "rows": rows, "recent": calls[:8]}
