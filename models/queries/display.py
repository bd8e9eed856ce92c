"""What the wall displays show: a zone's board (the latest call at each counter, the last calls, the waiting
count of each service the zone's counters serve) and the small screen above one counter. Public screens: only
ticket codes, counter numbers and names, never a person."""

from sqlalchemy import select

from ..service import Counter, CounterStatus
from .queue import current_ticket, recent_calls, today, waiting_counts


def in_zone(zone: str):
    """Counters a display of `zone` shows: its own and those with no zone; every counter for a display with
    no zone."""
    return Counter.zone.in_(("", zone)) if zone else True


def display_board(session, site, zone: str = "", recent: int = 8) -> dict:
    counters = session.scalars(
        select(Counter).filter_by(site_id=site.id).where(in_zone(zone)).order_by(Counter.number)
    ).all()
    shown = {c.id for c in counters}
    calls = [t for t in recent_calls(session, site.id, today(site), limit=60) if t.counter_id in shown]
    latest_by_counter = {}
    for ticket in calls:
        latest_by_counter.setdefault(ticket.counter_id, ticket)
    rows = [
        {"counter": counter, "ticket": latest_by_counter.get(counter.id)}
        for counter in counters
        if counter.status not in (CounterStatus.CLOSED, CounterStatus.SHUT) or counter.id in latest_by_counter
    ]
    served = {s.id: s for c in counters if c.active for s in c.services if s.active}
    counts = waiting_counts(session, site.id, today(site))
    waiting = [
        (s, counts.get(s.id, 0)) for s in sorted(served.values(), key=lambda s: (s.position, s.prefix))
    ]
    return {"site": site, "rows": rows, "recent": calls[:recent], "waiting": waiting}


def counter_display(session, counter: Counter) -> dict:
    """The screen above a counter: the number at it now, or none; paused or closed."""
    return {"site": counter.site, "counter": counter, "ticket": current_ticket(session, counter.id)}


__all__ = ["counter_display", "display_board", "in_zone"]
