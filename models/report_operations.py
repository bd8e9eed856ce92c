"""The operations report of a range of local days, for one site or several (a province), with a per-site
breakdown: the tickets' fate, waits and service times per service, counter, officer and channel, the share
served within the centre's target wait, and per officer the pause time and ratings.

What each figure counts (the README's "Reports" section says the same for directors):
- a ticket counts once, on the local day it was issued (Ticket.day), whatever happens after midnight;
- issued: every ticket; served: done; no-show; cancelled; transferred: tickets with at least one transfer
  (counted once however often they moved, and also counted in whatever they ended as);
- wait: from issue to the first call, for every ticket called (served or not); a ticket transferred, parked or
  sent back to the queue keeps the wait before its first call (read from its events), not its later legs;
- service time: from the start of service to its end, for served tickets only (a no-show has none);
- within target: served tickets whose wait was at most the site's wait target (Site.wait_target_minutes);
- per service, counter, officer: where the ticket ended (the queue, counter and officer of its last call);
- pause time: the `pause_ended` counter events of the period (models/pause_log.py), per officer.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .clock import day_bounds_utc
from .counter_event import CounterEvent
from .report_durations import Durations
from .satisfaction_report import satisfaction_report
from .service import Counter, Service
from .site import Site
from .ticket import Status, Ticket, TicketEvent
from .user import User

# How a ticket was issued (Ticket.channel), as a director reads it.
CHANNEL_LABELS = {
    "kiosk": _l("Ki-ốt lấy số"),
    "api": _l("Hệ thống khác (API)"),
    "staff": _l("Cán bộ cấp tại quầy"),
}

# A ticket with one of these events may have been called more than once: its first call is read from the log.
RECALLED_BY = ("transferred", "held", "returned")

TICKET_COLUMNS = (
    Ticket.id,
    Ticket.site_id,
    Ticket.day,
    Ticket.service_id,
    Ticket.queue_service_id,
    Ticket.counter_id,
    Ticket.officer_id,
    Ticket.channel,
    Ticket.status,
    Ticket.issued_at,
    Ticket.called_at,
    Ticket.served_at,
    Ticket.finished_at,
)


@dataclass
class Counts:
    issued: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    transferred: int = 0
    within_target: int = 0

    @property
    def within_target_share(self) -> float | None:
        return round(100 * self.within_target / self.served, 1) if self.served else None

    @property
    def no_show_share(self) -> float | None:
        return round(100 * self.no_show / self.issued, 1) if self.issued else None

    def add(self, other: "Counts") -> None:
        for name in ("issued", "served", "no_show", "cancelled", "transferred", "within_target"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        return {
            "issued": self.issued,
            "served": self.served,
            "no_show": self.no_show,
            "cancelled": self.cancelled,
            "transferred": self.transferred,
            "within_target": self.within_target,
            "within_target_share": self.within_target_share,
            "no_show_share": self.no_show_share,
        }


@dataclass
class Times:
    """Waits and service times of one group (a service, counter, officer, channel, site or the whole)."""

    key: object
    name: str
    waits: Durations = field(default_factory=Durations)
    service: Durations = field(default_factory=Durations)

    def as_dict(self) -> dict:
        return {
            "id": self.key,
            "name": self.name,
            "wait": self.waits.as_dict(),
            "service": self.service.as_dict(),
        }


@dataclass
class SiteFigures:
    site: Site
    target_minutes: int
    counts: Counts = field(default_factory=Counts)
    times: Times | None = None

    def as_dict(self) -> dict:
        return {
            "site": {"id": self.site.id, "code": self.site.code, "name": self.site.name},
            "target_wait_minutes": self.target_minutes,
            **self.counts.as_dict(),
            "wait": self.times.waits.as_dict(),
            "service": self.times.service.as_dict(),
        }


@dataclass
class OfficerFigures:
    key: int
    name: str
    served: int = 0
    service: Durations = field(default_factory=Durations)
    pause_seconds: int = 0
    rated: int = 0
    dissatisfied: int = 0
    satisfaction_index: float | None = None

    @property
    def pause_minutes(self) -> float:
        return round(self.pause_seconds / 60, 1)

    def as_dict(self) -> dict:
        return {
            "id": self.key,
            "name": self.name,
            "served": self.served,
            "service": self.service.as_dict(),
            "pause_minutes": self.pause_minutes,
            "rated": self.rated,
            "dissatisfied": self.dissatisfied,
            "satisfaction_index": self.satisfaction_index,
        }


@dataclass
class OperationsReport:
    start: date
    end: date
    total: Counts
    times: Times
    sites: list[SiteFigures]
    by_service: list[Times]
    by_counter: list[Times]
    by_officer: list[Times]
    by_channel: list[Times]
    officers: list[OfficerFigures]

    def as_dict(self) -> dict:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "total": {
                **self.total.as_dict(),
                "wait": self.times.waits.as_dict(),
                "service": self.times.service.as_dict(),
            },
            "sites": [s.as_dict() for s in self.sites],
            "by_service": [t.as_dict() for t in self.by_service],
            "by_counter": [t.as_dict() for t in self.by_counter],
            "by_officer": [t.as_dict() for t in self.by_officer],
            "by_channel": [t.as_dict() for t in self.by_channel],
            "officers": [o.as_dict() for o in self.officers],
        }


@dataclass
class TicketRows:
    """What every queue figure reads, fetched once: one row per ticket issued on the sites' local days, the
    tickets transferred at least once, and for the tickets whose own columns say only their last call
    (transferred, parked and resumed, sent back after a no-show) every call from their log."""

    rows: list
    transferred: set[int]
    calls: dict[int, list[tuple[datetime, int | None]]]  # ticket id → [(at, counter id)]

    def first_call(self, row) -> datetime:
        calls = self.calls.get(row.id)
        return min(at for at, _counter in calls) if calls else row.called_at

    def counter_calls(self, row) -> list[tuple[datetime, int | None]]:
        return self.calls.get(row.id) or [(row.called_at, row.counter_id)]


def report_tickets(session, sites: list[Site], start: date, end: date) -> TicketRows:
    in_period = (Ticket.site_id.in_([s.id for s in sites]), Ticket.day >= start, Ticket.day <= end)
    rows = session.execute(select(*TICKET_COLUMNS).where(*in_period)).all()
    marked = session.execute(
        select(TicketEvent.ticket_id, TicketEvent.type)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(TicketEvent.type.in_(RECALLED_BY), *in_period)
        .distinct()
    ).all()
    calls: dict[int, list] = {}
    for chunk in _chunks(sorted({ticket_id for ticket_id, _type in marked}), 500):
        for ticket_id, at, counter_id in session.execute(
            select(TicketEvent.ticket_id, TicketEvent.at, TicketEvent.counter_id).where(
                TicketEvent.type == "called", TicketEvent.ticket_id.in_(chunk)
            )
        ):
            calls.setdefault(ticket_id, []).append((at, counter_id))
    transferred = {ticket_id for ticket_id, type_ in marked if type_ == "transferred"}
    return TicketRows(rows, transferred, calls)


def _chunks(items: list, size: int):
    for index in range(0, len(items), size):
        yield items[index : index + size]


def operations_report(
    session,
    sites: list[Site],
    start: date,
    end: date,
    tickets: TicketRows | None = None,
    satisfaction: dict | None = None,
) -> OperationsReport:
    """`tickets` (report_tickets()) and `satisfaction` (site id → satisfaction_report()) of the same sites and
    days, when the caller already has them."""
    tickets = tickets or report_tickets(session, sites, start, end)
    names = _names(session, sites)
    by_site = {s.id: SiteFigures(s, s.wait_target_minutes, times=Times(s.id, s.name)) for s in sites}
    total, everything = Counts(), Times(None, "")
    services, counters, officer_times, channels = {}, {}, {}, {}
    officers: dict[int, OfficerFigures] = {}
    for row in tickets.rows:
        figures = by_site[row.site_id]
        counts = figures.counts
        status = row.status
        counts.issued += 1
        if row.id in tickets.transferred:
            counts.transferred += 1
        if status == Status.NO_SHOW:
            counts.no_show += 1
        elif status == Status.CANCELLED:
            counts.cancelled += 1
        if row.called_at is None:
            continue
        touched = [everything, figures.times]
        for groups, key, kind in (
            (services, row.queue_service_id, "service"),
            (counters, row.counter_id, "counter"),
            (officer_times, row.officer_id, "officer"),
            (channels, row.channel, "channel"),
        ):
            if key is not None:
                touched.append(groups.get(key) or _group(groups, key, names[kind]))
        wait = (tickets.first_call(row) - row.issued_at).total_seconds()
        for times in touched:
            times.waits.seconds.append(wait)
        if status != Status.DONE:
            continue
        counts.served += 1
        counts.within_target += wait <= 60 * figures.target_minutes
        length = (row.finished_at - (row.served_at or row.called_at)).total_seconds()
        for times in touched:
            times.service.seconds.append(length)
        if row.officer_id is not None:
            officer = _officer(officers, row.officer_id, names["officer"])
            officer.served += 1
            officer.service.seconds.append(length)
    for figures in by_site.values():
        total.add(figures.counts)
    _add_pauses(session, sites, start, end, officers, names["officer"])
    _add_ratings(session, sites, start, end, officers, names["officer"], satisfaction)
    return OperationsReport(
        start=start,
        end=end,
        total=total,
        times=everything,
        sites=list(by_site.values()),
        by_service=_sorted(services),
        by_counter=_sorted(counters),
        by_officer=_sorted(officer_times),
        by_channel=_sorted(channels),
        officers=sorted(officers.values(), key=lambda o: o.name),
    )


def _names(session, sites: list[Site]) -> dict[str, dict]:
    """Display names; with several sites each service and counter says whose it is."""
    ids = [s.id for s in sites]
    site_codes = {s.id: s.code for s in sites}
    several = len(sites) > 1

    def owned(site_id, text):
        return f"{site_codes[site_id]} · {text}" if several else text

    return {
        "service": {
            s.id: owned(s.site_id, f"{s.prefix} · {s.name}")
            for s in session.scalars(select(Service).where(Service.site_id.in_(ids)))
        },
        "counter": {
            c.id: owned(c.site_id, f"{c.number} · {c.name}")
            for c in session.scalars(select(Counter).where(Counter.site_id.in_(ids)))
        },
        "officer": dict(session.execute(select(User.id, User.full_name)).all()),
        "channel": CHANNEL_LABELS,
    }


def _group(groups: dict, key, names: dict) -> Times:
    if key not in groups:
        groups[key] = Times(key, str(names.get(key, key)))
    return groups[key]


def _officer(officers: dict, key: int, names: dict) -> OfficerFigures:
    if key not in officers:
        officers[key] = OfficerFigures(key, names.get(key, "—"))
    return officers[key]


def _sorted(groups: dict) -> list[Times]:
    return sorted(groups.values(), key=lambda t: t.name)


def _add_pauses(session, sites, start, end, officers: dict, names: dict) -> None:
    for site in sites:
        begin_utc, _ = day_bounds_utc(start, site.timezone)
        _, end_utc = day_bounds_utc(end, site.timezone)
        rows = session.execute(
            select(CounterEvent.officer_id, CounterEvent.data).where(
                CounterEvent.site_id == site.id,
                CounterEvent.type == "pause_ended",
                CounterEvent.at >= begin_utc,
                CounterEvent.at < end_utc,
            )
        ).all()
        for officer_id, data in rows:
            seconds = (data or {}).get("seconds")
            if officer_id is not None and isinstance(seconds, int) and seconds >= 0:
                _officer(officers, officer_id, names).pause_seconds += seconds


def _add_ratings(session, sites, start, end, officers: dict, names: dict, satisfaction: dict | None) -> None:
    """The satisfaction report's own figures (models/satisfaction_report.py), per officer over the sites."""
    from .rating import Level

    for site in sites:
        report = satisfaction[site.id] if satisfaction else satisfaction_report(session, site.id, start, end)
        for figures in report.officers:
            if figures.key is None:
                continue
            officer = _officer(officers, figures.key, names)
            officer.rated += figures.rated
            officer.dissatisfied += figures.levels[Level.DISSATISFIED]
    for officer in officers.values():
        if officer.served:
            officer.satisfaction_index = round(
                100 * (officer.served - officer.dissatisfied) / officer.served, 1
            )
