"""What a counter's staff screen shows, read in one place (the wall displays: display.py)."""

import math

from sqlalchemy import select

from ..base import utcnow
from ..priority import active_categories
from ..service import Counter, Service
from ..ticket import Status, Ticket
from .queue import current_ticket, today, undoable_no_show, waiting_counts
from .waiting import waiting_list

WAITING_SHOWN = 30  # how many of the waiting list the counter screen shows (the count says how many in all)


def counter_panel(session, counter: Counter, *, undo_seconds: float, now=None) -> dict:
    """The counter screen's panel: the current ticket, the no-show it may still take back, the waiting counts of
    its services and who waits in the order it calls them, the tickets parked there, and where it may transfer
    a citizen to."""
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
    held = session.scalars(
        select(Ticket)
        .where(
            Ticket.counter_id == counter.id, Ticket.status == Status.HELD, Ticket.day == today(counter.site)
        )
        .order_by(Ticket.held_at, Ticket.id)
    ).all()
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
        "next_up": waiting_list(session, counter, today(counter.site), now)[:WAITING_SHOWN],
        "held": held,
        "categories": active_categories(session, counter.site_id),
        "now": now,
    }
