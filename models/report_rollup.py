"""The daily roll-up of the director's report: one row per site and local day that is over, holding that day's
tally (models/report_tally.py: counts, every wait and service time, arrivals, counters at work, ratings).

- Built when first needed: a report reads the rows of its days; a day that is over and has no row is counted
  from its tickets and stored (empty days too); today and later are always counted live, never stored.
- Forgotten when a ticket of a past day changes: every rule that changes a ticket logs a ticket event
  (models/queue.py: log_event), and log_event calls forget_day() for a ticket whose day may be over
  somewhere (a citizen rating yesterday's ticket, a ticket served past midnight, a parked ticket closed the
  next morning). The next report counts that day again.
- Stored every night: `flask --app wsgi reports rollup [--days N]` (motcua/reports_cli.py, run by
  deploy/systemd/motcua-rollup.timer) stores the days that are over and have no row (yesterday, and the days
  a late change dropped), so no director's report has to count them.
- Rebuilt on demand: `flask --app wsgi reports rebuild --from YYYY-MM-DD --to YYYY-MM-DD [--site CODE]`
  (motcua/reports_cli.py) forgets the range and counts it again, e.g. after tickets were imported or
  corrected outside the rules.
"""

from datetime import date, datetime, timedelta

from sqlalchemy import Date, DateTime, ForeignKey, LargeBinary, Text, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from .base import db, utcnow
from .clock import local_day
from .report_tally import Tally, ticket_tallies
from .transaction import perform

# Local "today" is at most this far ahead of UTC anywhere (UTC+14): a ticket whose day is before the UTC date
# this far ahead may belong to a day that is over in its site's time zone.
AHEAD_OF_UTC = timedelta(hours=14)
_INSERTS = {"sqlite": sqlite_insert, "postgresql": pg_insert}


class ReportDay(db.Model):
    __tablename__ = "report_days"

    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    tally: Mapped[str] = mapped_column(Text)  # Tally.dumps(): counts and keys
    seconds: Mapped[bytes] = mapped_column(LargeBinary)  # Tally.dumps(): every duration
    built_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


def site_tallies(session, sites, start: date, end: date, now: datetime | None = None) -> dict[int, Tally]:
    """Site id → the tally of its local days start..end: stored days from the roll-up, the rest counted from
    the tickets (and the days that are over stored, committed at once)."""
    now = now or utcnow()
    totals = {s.id: Tally() for s in sites}
    over_until = _over_until(sites, end, now)
    stored = _stored(session, sites, start, over_until, ReportDay.tally, ReportDay.seconds)
    missing = _missing(sites, start, over_until, stored)
    live_from = min((over_until[s.id] + timedelta(days=1) for s in sites), default=start)
    counted = _count_days(session, sites, missing, max(start, live_from), end)
    for (site_id, _day), (text, blob) in stored.items():
        totals[site_id].add_stored(text, blob)
    wanted = set(missing)
    for (site_id, day), tally in counted.items():
        if (site_id, day) in wanted or day > over_until[site_id]:
            totals[site_id].add(tally)
    if missing:
        perform(session, _store, missing, counted, now)
    return totals


def _over_until(sites, end: date, now: datetime) -> dict[int, date]:
    """Site id → the last day up to `end` that is over in the site's time zone (yesterday there, at most)."""
    return {s.id: min(end, local_day(now, s.timezone) - timedelta(days=1)) for s in sites}


def _stored(
    session, sites, start: date, over_until: dict[int, date], *columns
) -> dict[tuple[int, date], tuple]:
    """(site id, day) → `columns` of the rows stored for the sites' days from `start` that are over."""
    past = [s for s in sites if over_until[s.id] >= start]
    if not past:
        return {}
    rows = session.execute(
        select(ReportDay.site_id, ReportDay.day, *columns).where(
            ReportDay.site_id.in_([s.id for s in past]),
            ReportDay.day >= start,
            ReportDay.day <= max(over_until[s.id] for s in past),
        )
    )
    return {(site_id, day): tuple(rest) for site_id, day, *rest in rows if day <= over_until[site_id]}


def _missing(sites, start: date, over_until: dict[int, date], stored) -> list[tuple[int, date]]:
    """The sites' days from `start` that are over and have no stored row."""
    return [(s.id, day) for s in sites for day in _days(start, over_until[s.id]) if (s.id, day) not in stored]


def _days(start: date, end: date):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def _count_days(session, sites, missing, live_start: date, end: date) -> dict[tuple[int, date], Tally]:
    """The tallies of the missing past days and of the live days (live_start..end) of every site."""
    counted: dict[tuple[int, date], Tally] = {}
    wanted = set(missing)
    if missing:
        days = sorted({day for _site, day in missing})
        site_ids = {site_id for site_id, _day in missing}
        chosen = [s for s in sites if s.id in site_ids]
        for key, tally in ticket_tallies(session, chosen, days[0], days[-1], days).items():
            if key in wanted:
                counted[key] = tally
    if live_start <= end:
        for key, tally in ticket_tallies(session, sites, live_start, end).items():
            if key not in wanted:
                counted.setdefault(key, tally)
    return counted


def _store(session, missing, counted: dict[tuple[int, date], Tally], now: datetime) -> None:
    """Rows for the missing days (a day without tickets is an empty tally); a day another report stored
    meanwhile is left as it is (ON CONFLICT DO NOTHING)."""
    insert = _INSERTS[session.get_bind().dialect.name]
    rows = []
    for site_id, day in missing:
        text, seconds = counted.get((site_id, day), Tally()).dumps()
        rows.append({"site_id": site_id, "day": day, "tally": text, "seconds": seconds, "built_at": now})
    for index in range(0, len(rows), 1000):
        session.execute(insert(ReportDay).on_conflict_do_nothing(), rows[index : index + 1000])


def forget_day(session, site_id: int, day: date, now: datetime | None = None) -> None:
    """A ticket of `day` changed: drop that day's row if the day may be over (cheap test first: today's
    tickets change all day and have no row)."""
    if day < ((now or utcnow()) + AHEAD_OF_UTC).date():
        session.execute(delete(ReportDay).where(ReportDay.site_id == site_id, ReportDay.day == day))


def store_missing(session, sites, start: date, end: date, now: datetime | None = None) -> int:
    """Count and store the sites' days start..end that are over and have no row yet (never today or later);
    returns how many days were stored. Reads only the stored days' keys, not their tallies."""
    now = now or utcnow()
    over_until = _over_until(sites, end, now)
    missing = _missing(sites, start, over_until, _stored(session, sites, start, over_until))
    if missing:
        counted = _count_days(session, sites, missing, end + timedelta(days=1), end)  # no live days
        perform(session, _store, missing, counted, now)
    return len(missing)


def rebuild(session, sites, start: date, end: date, now: datetime | None = None) -> int:
    """Forget the sites' stored days start..end and count again those that are over; returns the days stored."""
    session.execute(
        delete(ReportDay).where(
            ReportDay.site_id.in_([s.id for s in sites]), ReportDay.day >= start, ReportDay.day <= end
        )
    )
    session.commit()
    return store_missing(session, sites, start, end, now)
