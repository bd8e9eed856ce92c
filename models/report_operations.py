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
from .report_rollup import site_tallies
from .report_tally import Tally
from .satisfaction_report import satisfaction_report
from .service import Counter, Service
from .site import Site
from .user import User

# How a ticket was issued (Ticket.channel), as a director reads it.
CHANNEL_LABELS = {
    "kiosk": _l("Ki-ốt lấy số"),
    "api": _l("Hệ thống khác (API)"),
    "staff": _l("Cán bộ cấp tại quầy"),
}


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


def report_tickets(
    session, sites: list[Site], start: date, end: date, now: datetime | None = None
) -> dict[int, Tally]:
    """Site id → the tally of its tickets over the days (models/report_rollup.py: stored days, the rest live):
    what every queue figure reads."""
    return site_tallies(session, sites, start, end, now)


def operations_report(
    session,
    sites: list[Site],
    start: date,
    end: date,
    tickets: dict[int, Tally] | None = None,
    satisfaction: dict | None = None,
) -> OperationsReport:
    """`tickets` (report_tickets()) and `satisfaction` (site id → satisfaction_report()) of the same sites and
    days, when the caller already has them."""
    tallies = tickets if tickets is not None else report_tickets(session, sites, start, end)
    names = _names(session, sites)
    by_site = {s.id: SiteFigures(s, s.wait_target_minutes) for s in sites}
    dimensions = [({}, "service"), ({}, "counter"), ({}, "officer"), ({}, "channel")]
    officers: dict[int, OfficerFigures] = {}
    for site in sites:
        tally, figures = tallies[site.id], by_site[site.id]
        target = float(60 * figures.target_minutes)
        figures.counts = Counts(
            issued=tally.issued,
            served=tally.served,
            no_show=tally.no_show,
            cancelled=tally.cancelled,
            transferred=tally.transferred,
            within_target=sum(map(target.__ge__, tally.served_waits)),  # wait <= target, counted in C
        )
        site_runs = ([], [])
        for key, (waits, lengths) in tally.groups.items():
            # Each group's durations sorted once: every figure below merges these sorted runs.
            runs = (sorted(waits), sorted(lengths))
            _add_runs(site_runs, runs)
            for (groups, _kind), group_key in zip(dimensions, key, strict=True):
                if group_key is not None:
                    _add_runs(groups.setdefault(group_key, ([], [])), runs)
        figures.times = _times(site.id, site.name, site_runs)
    everything = _times(
        None,
        "",
        (
            [f.times.waits.seconds for f in by_site.values()],
            [f.times.service.seconds for f in by_site.values()],
        ),
    )
    services, counters, officer_times, channels = (
        {key: _times(key, str(names[kind].get(key, key)), runs) for key, runs in groups.items()}
        for groups, kind in dimensions
    )
    for key, times in officer_times.items():
        if times.service.count:
            officer = _officer(officers, key, names["officer"])
            officer.served = times.service.count
            officer.service = times.service
    total = Counts()
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
        officers=sorted(officers.values(), key=lambda o: (o.name, o.key)),
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


def _add_runs(gathered: tuple[list, list], runs: tuple[list, list]) -> None:
    """Gather a group's sorted waits and service times, for its figures (_times)."""
    gathered[0].append(runs[0])
    gathered[1].append(runs[1])


def _times(key, name: str, runs: tuple[list, list]) -> Times:
    return Times(key, name, Durations.merged(runs[0]), Durations.merged(runs[1]))


def _officer(officers: dict, key: int, names: dict) -> OfficerFigures:
    if key not in officers:
        officers[key] = OfficerFigures(key, names.get(key, "—"))
    return officers[key]


def _sorted(groups: dict) -> list[Times]:
    return sorted(groups.values(), key=lambda t: (t.name, str(t.key)))


def _add_pauses(session, sites, start, end, officers: dict, names: dict) -> None:
    zones: dict[str, list[int]] = {}  # one query for all the sites of a time zone
    for site in sites:
        zones.setdefault(site.timezone, []).append(site.id)
    for zone, ids in zones.items():
        begin_utc, _ = day_bounds_utc(start, zone)
        _, end_utc = day_bounds_utc(end, zone)
        rows = session.execute(
            select(CounterEvent.officer_id, CounterEvent.data).where(
                CounterEvent.site_id.in_(ids),
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
