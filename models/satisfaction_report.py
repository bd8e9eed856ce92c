"""Satisfaction figures for a site and a range of local days, per officer, counter and service.

One place computes them; the back-office page, the CSV/XLSX export and the API all read this.

For each group: tickets served (status done), ratings received, response rate (ratings / served), the count
and share of each level (share of the ratings received), and the satisfaction index: the share of served
tickets NOT rated "Không hài lòng" (an unrated ticket counts as not dissatisfied): a per-ticket queue figure;
the national index of QĐ 766 counts dossiers (models/report_national.py shows both). Officers are ranked by
index, then by the share of "Rất hài lòng" + "Hài lòng" among their ratings, then by tickets served.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .errors import RuleError
from .rating import Level, Rating
from .service import Counter, Service
from .ticket import Status, Ticket
from .user import User


@dataclass
class Figures:
    key: int | None
    name: str
    served: int = 0
    rated: int = 0
    levels: dict = field(default_factory=lambda: dict.fromkeys(Level.ALL, 0))
    rank: int | None = None

    @property
    def response_rate(self) -> float | None:
        return round(100 * self.rated / self.served, 1) if self.served else None

    def share(self, level: str) -> float | None:
        return round(100 * self.levels[level] / self.rated, 1) if self.rated else None

    @property
    def satisfied_share(self) -> float | None:
        good = self.levels[Level.VERY_SATISFIED] + self.levels[Level.SATISFIED]
        return round(100 * good / self.rated, 1) if self.rated else None

    @property
    def index(self) -> float | None:
        if not self.served:
            return None
        return round(100 * (self.served - self.levels[Level.DISSATISFIED]) / self.served, 1)

    def as_dict(self) -> dict:
        return {
            "id": self.key,
            "name": self.name,
            "rank": self.rank,
            "served": self.served,
            "rated": self.rated,
            "response_rate": self.response_rate,
            "levels": dict(self.levels),
            "shares": {level: self.share(level) for level in Level.ALL},
            "satisfaction_index": self.index,
        }


@dataclass
class Report:
    site_id: int
    start: date
    end: date
    total: Figures
    officers: list[Figures]
    counters: list[Figures]
    services: list[Figures]

    def as_dict(self) -> dict:
        return {
            "site_id": self.site_id,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "total": self.total.as_dict(),
            "officers": [f.as_dict() for f in self.officers],
            "counters": [f.as_dict() for f in self.counters],
            "services": [f.as_dict() for f in self.services],
        }


MAX_REPORT_DAYS = 366
DEFAULT_REPORT_DAYS = 30


class InvalidDate(RuleError):
    code = "invalid_date"
    status = 400


class InvalidRange(RuleError):
    code = "invalid_range"
    status = 400


def report_range(today: date, start_text, end_text) -> tuple[date, date]:
    """The report's local days from ?from=&to= (YYYY-MM-DD, inclusive): by default the last 30 days up to
    today; refused (InvalidDate, InvalidRange) when not a date, backwards, or longer than MAX_REPORT_DAYS."""
    end = _day(end_text, "to") if end_text else today
    start = _day(start_text, "from") if start_text else end - timedelta(days=DEFAULT_REPORT_DAYS - 1)
    if start > end:
        raise InvalidRange(_l("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
    if (end - start).days >= MAX_REPORT_DAYS:
        raise InvalidRange(_l("Khoảng thời gian tối đa là %(days)s ngày.", days=MAX_REPORT_DAYS))
    return start, end


def _day(text, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise InvalidDate(_l("%(name)s phải là ngày dạng YYYY-MM-DD.", name=name)) from None


def satisfaction_report(session, site_id: int, start: date, end: date) -> Report:
    """Tickets served on the site's local days start..end (inclusive), with their ratings if any."""
    rows = session.execute(
        select(Ticket.officer_id, Ticket.counter_id, Ticket.queue_service_id, Rating.level, func.count())
        .outerjoin(Rating, Rating.ticket_id == Ticket.id)
        .where(
            Ticket.site_id == site_id,
            Ticket.day >= start,
            Ticket.day <= end,
            Ticket.status == Status.DONE,
        )
        .group_by(Ticket.officer_id, Ticket.counter_id, Ticket.queue_service_id, Rating.level)
    ).all()
    return counted_report(session, site_id, start, end, rows)


def counted_report(session, site_id: int, start: date, end: date, rows, names: dict | None = None) -> Report:
    """The report from (officer, counter, service, level or None, tickets served) rows: the director's report
    passes its own count (models/report_period.py), and report_names() of its sites."""
    names = names or report_names(session, [site_id])
    total = Figures(None, "")
    groups: dict[str, dict] = {"officer": {}, "counter": {}, "service": {}}
    for officer_id, counter_id, service_id, level, tickets in rows:
        keys = {"officer": officer_id, "counter": counter_id, "service": service_id}
        for figures in [total] + [_group(groups[kind], key, names[kind]) for kind, key in keys.items()]:
            figures.served += tickets
            if level in Level.ALL:
                figures.rated += tickets
                figures.levels[level] += tickets

    officers = sorted(
        groups["officer"].values(),
        key=lambda f: (-(f.index or 0), -(f.satisfied_share or 0), -f.served, f.name, str(f.key)),
    )
    for rank, figures in enumerate(officers, start=1):
        figures.rank = rank
    return Report(
        site_id=site_id,
        start=start,
        end=end,
        total=total,
        officers=officers,
        counters=sorted(groups["counter"].values(), key=lambda f: (f.name, str(f.key))),
        services=sorted(groups["service"].values(), key=lambda f: (f.name, str(f.key))),
    )


def report_names(session, site_ids: list[int]) -> dict[str, dict]:
    """What the groups are called: officers, and the sites' counters and services (by id)."""
    return {
        "officer": dict(session.execute(select(User.id, User.full_name)).all()),
        "counter": {
            c.id: f"{c.number} · {c.name}"
            for c in session.scalars(select(Counter).where(Counter.site_id.in_(site_ids)))
        },
        "service": {
            s.id: f"{s.prefix} · {s.name}"
            for s in session.scalars(select(Service).where(Service.site_id.in_(site_ids)))
        },
    }


def _group(groups: dict, key, names: dict) -> Figures:
    if key not in groups:
        groups[key] = Figures(key, names.get(key, "—"))
    return groups[key]
