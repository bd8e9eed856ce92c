"""What the queue figures of the director's report need to know of one site's tickets over some local days,
in a form that adds up day by day: the tickets' fate, every wait and service time (so medians and the 90th
percentile stay exact), the arrivals by hour, the counters at work and the served tickets' ratings.

A day's tally is computed from its tickets (ticket_tallies) and, once the day is over, kept in the roll-up
table (models/report_rollup.py); the figures (report_operations.py, report_load.py) are then computed from
the sum of the days' tallies, the same way whether a day came from the table or was counted live.
"""

import json
import sys
from array import array
from collections import Counter as Count
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import select

from .clock import to_local
from .rating import Rating
from .ticket import Status, Ticket, TicketEvent

# A ticket with one of these events may have been called more than once: its first call is read from the log.
RECALLED_BY = ("transferred", "held", "returned")

TICKET_COLUMNS = (
    Ticket.id,
    Ticket.site_id,
    Ticket.day,
    Ticket.queue_service_id,
    Ticket.counter_id,
    Ticket.officer_id,
    Ticket.channel,
    Ticket.status,
    Ticket.issued_at,
    Ticket.called_at,
    Ticket.served_at,
    Ticket.finished_at,
    Rating.level,
)


@dataclass
class Tally:
    """One site's tickets over some days. `groups`: (queue service, counter, officer, channel) where the ticket
    ended → (waits of its called tickets, service times of its served ones), in seconds."""

    issued: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    transferred: int = 0
    served_waits: list[float] = field(default_factory=list)
    groups: dict[tuple, tuple[list[float], list[float]]] = field(default_factory=dict)
    heat: Count = field(default_factory=Count)  # (weekday, local hour of issue) → tickets
    arrivals: Count = field(default_factory=Count)  # (day, local hour of issue) → tickets
    at_work: set = field(default_factory=set)  # (local day's ordinal, local hour, counter id) of every call
    rated: Count = field(
        default_factory=Count
    )  # served: (officer, counter, service, level or None) → tickets

    def add(self, other: "Tally") -> None:
        for name in ("issued", "served", "no_show", "cancelled", "transferred"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.served_waits.extend(other.served_waits)
        for key, (waits, lengths) in other.groups.items():
            mine = self.groups.get(key)
            if mine is None:
                self.groups[key] = (list(waits), list(lengths))
            else:
                mine[0].extend(waits)
                mine[1].extend(lengths)
        self.heat.update(other.heat)
        self.arrivals.update(other.arrivals)
        self.at_work |= other.at_work
        self.rated.update(other.rated)

    def dumps(self) -> tuple[str, bytes]:
        """One day's tally as the roll-up table keeps it: JSON for the counts and keys, and every duration as
        8-byte little-endian floats (exact, and read back ~50× faster than JSON numbers): the served waits,
        then each group's waits and service times, in the order and lengths the JSON gives."""
        seconds = array("d", self.served_waits)
        for waits, lengths in self.groups.values():
            seconds.extend(waits)
            seconds.extend(lengths)
        if sys.byteorder == "big":
            seconds.byteswap()
        text = json.dumps(
            {
                "n": [self.issued, self.served, self.no_show, self.cancelled, self.transferred],
                "sw": len(self.served_waits),
                "g": [[*key, len(waits), len(lengths)] for key, (waits, lengths) in self.groups.items()],
                "h": [[*key, n] for key, n in self.heat.items()],
                "a": [[day.toordinal(), hour, n] for (day, hour), n in self.arrivals.items()],
                "w": list(map(list, self.at_work)),
                "r": [[*key, n] for key, n in self.rated.items()],
            },
            separators=(",", ":"),
        )
        return text, seconds.tobytes()

    def add_stored(self, text: str, blob: bytes) -> None:
        """Add a day's stored tally (dumps()): add() without building the day's own Tally first."""
        data = json.loads(text)
        seconds = array("d", blob)
        if sys.byteorder == "big":
            seconds.byteswap()
        values = seconds.tolist()
        for name, n in zip(
            ("issued", "served", "no_show", "cancelled", "transferred"), data["n"], strict=True
        ):
            setattr(self, name, getattr(self, name) + n)
        at = data["sw"]
        self.served_waits.extend(values[:at])
        groups = self.groups
        for service, counter, officer, channel, wait_count, length_count in data["g"]:
            waits = values[at : at + wait_count]
            at += wait_count
            lengths = values[at : at + length_count]
            at += length_count
            mine = groups.get((service, counter, officer, channel))
            if mine is None:
                groups[(service, counter, officer, channel)] = (waits, lengths)
            else:
                mine[0].extend(waits)
                mine[1].extend(lengths)
        for counts, rows in ((self.heat, data["h"]), (self.rated, data["r"])):
            for *key, n in rows:
                key = tuple(key)
                counts[key] = counts.get(key, 0) + n
        arrivals = self.arrivals
        for day, hour, n in data["a"]:
            key = (_day(day), hour)
            arrivals[key] = arrivals.get(key, 0) + n
        self.at_work.update(map(tuple, data["w"]))


_day = lru_cache(maxsize=4096)(date.fromordinal)


def ticket_tallies(
    session, sites, start: date, end: date, days: list[date] | None = None
) -> dict[tuple[int, date], Tally]:
    """(site id, day) → the tally of the tickets issued on that local day, for every day start..end (or only
    `days` of it) that had tickets."""
    zones = {s.id: s.timezone for s in sites}
    in_period = (Ticket.site_id.in_(list(zones)), Ticket.day >= start, Ticket.day <= end)
    if days is not None:
        in_period += (Ticket.day.in_(days),)
    rows = session.execute(
        select(*TICKET_COLUMNS).outerjoin(Rating, Rating.ticket_id == Ticket.id).where(*in_period)
    ).all()
    transferred, calls = _recalled(session, in_period)
    tallies: dict[tuple[int, date], Tally] = {}
    for row in rows:
        tally = tallies.get((row.site_id, row.day))
        if tally is None:
            tally = tallies[(row.site_id, row.day)] = Tally()
        _count(tally, row, zones[row.site_id], row.id in transferred, calls.get(row.id))
    return tallies


def _recalled(session, in_period) -> tuple[set[int], dict[int, list]]:
    """The tickets transferred at least once, and for the tickets whose own columns say only their last call
    (transferred, parked and resumed, sent back after a no-show) every call from their log."""
    marked = session.execute(
        select(TicketEvent.ticket_id, TicketEvent.type)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(TicketEvent.type.in_(RECALLED_BY), *in_period)
        .distinct()
    ).all()
    calls: dict[int, list] = {}
    ids = sorted({ticket_id for ticket_id, _type in marked})
    for index in range(0, len(ids), 500):
        for ticket_id, at, counter_id in session.execute(
            select(TicketEvent.ticket_id, TicketEvent.at, TicketEvent.counter_id).where(
                TicketEvent.type == "called", TicketEvent.ticket_id.in_(ids[index : index + 500])
            )
        ):
            calls.setdefault(ticket_id, []).append((at, counter_id))
    return {ticket_id for ticket_id, type_ in marked if type_ == "transferred"}, calls


def _count(tally: Tally, row, zone: str, transferred: bool, calls: list[tuple[datetime, int]] | None) -> None:
    status = row.status
    tally.issued += 1
    tally.transferred += transferred
    if status == Status.NO_SHOW:
        tally.no_show += 1
    elif status == Status.CANCELLED:
        tally.cancelled += 1
    issued = to_local(row.issued_at, zone)
    tally.heat[(issued.weekday(), issued.hour)] += 1
    tally.arrivals[(row.day, issued.hour)] += 1
    for at, counter_id in calls or ([(row.called_at, row.counter_id)] if row.called_at else []):
        if counter_id is not None:
            called = to_local(at, zone)
            tally.at_work.add((called.toordinal(), called.hour, counter_id))
    if row.called_at is None:
        return
    key = (row.queue_service_id, row.counter_id, row.officer_id, row.channel)
    group = tally.groups.get(key)
    if group is None:
        group = tally.groups[key] = ([], [])
    wait = ((min(at for at, _counter in calls) if calls else row.called_at) - row.issued_at).total_seconds()
    group[0].append(wait)
    if status != Status.DONE:
        return
    tally.served += 1
    tally.served_waits.append(wait)
    group[1].append((row.finished_at - (row.served_at or row.called_at)).total_seconds())
    tally.rated[(row.officer_id, row.counter_id, row.queue_service_id, row.level)] += 1
