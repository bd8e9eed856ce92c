"""Read-only questions about the queue: waiting counts, a counter's current ticket, recent calls, estimates."""

from datetime import date, timedelta

from sqlalchemy import func, select

from ..base import utcnow
from ..clock import local_day
from ..schedule import is_issuing
from ..service import Counter, CounterService, CounterStatus, Service
from ..ticket import TOKEN_LENGTH, Status, Ticket


def today(site) -> date:
    return local_day(utcnow(), site.timezone)


def ticket_by_token(session, token) -> Ticket | None:
    """The ticket a public token names; None for anything that cannot be one (not text, empty, too long)."""
    if not isinstance(token, str) or not 0 < len(token) <= TOKEN_LENGTH or "\x00" in token:
        return None
    return session.scalar(select(Ticket).filter_by(token=token))


def ticket_by_code_today(session, site, code) -> Ticket | None:
    """Today's ticket at the site with this code (`a012 ` finds A012); None for an empty code."""
    code = (code or "").strip().upper()[:12]
    if not code:
        return None
    return session.scalar(select(Ticket).filter_by(site_id=site.id, day=today(site), code=code))


def waiting_counts(session, site_id: int, day: date) -> dict[int, int]:
    rows = session.execute(
        select(Ticket.queue_service_id, func.count())
        .where(Ticket.site_id == site_id, Ticket.day == day, Ticket.status == Status.WAITING)
        .group_by(Ticket.queue_service_id)
    )
    return dict(rows.all())


def current_ticket(session, counter_id: int) -> Ticket | None:
    return session.scalars(
        select(Ticket)
        .where(Ticket.counter_id == counter_id, Ticket.status.in_(Status.AT_COUNTER))
        .order_by(Ticket.called_at.desc())
        .limit(1)
    ).first()


def last_no_show(session, counter_id: int) -> Ticket | None:
    """The ticket this counter marked no-show most recently."""
    return session.scalars(
        select(Ticket)
        .where(Ticket.counter_id == counter_id, Ticket.status == Status.NO_SHOW)
        .order_by(Ticket.finished_at.desc(), Ticket.id.desc())
        .limit(1)
    ).first()


def undoable_no_show(session, counter_id: int, window_seconds: float, now=None) -> Ticket | None:
    """The no-show the counter may still take back (models.queue.undo_no_show decides for real): made in the last
    `window_seconds`, with no one at the counter or called there since."""
    now = now or utcnow()
    ticket = last_no_show(session, counter_id)
    if ticket is None or ticket.finished_at < now - timedelta(seconds=window_seconds):
        return None
    called_since = session.scalar(
        select(func.count()).where(Ticket.counter_id == counter_id, Ticket.called_at > ticket.finished_at)
    )
    return None if called_since else ticket


def ticket_in_hand(session, officer_id: int) -> Ticket | None:
    """A citizen still called or being served at a counter this officer holds (the officer should finish
    them before signing out)."""
    held = select(Counter.id).where(Counter.officer_id == officer_id)
    return session.scalars(
        select(Ticket).where(Ticket.counter_id.in_(held), Ticket.status.in_(Status.AT_COUNTER)).limit(1)
    ).first()


def average_service_minutes(session, service: Service, day: date) -> float:
    """Mean of the day's last 20 completed services; the service's default until the day has some."""
    rows = session.execute(
        select(Ticket.called_at, Ticket.finished_at)
        .where(
            Ticket.queue_service_id == service.id,
            Ticket.day == day,
            Ticket.status == Status.DONE,
            Ticket.called_at.is_not(None),
        )
        .order_by(Ticket.finished_at.desc())
        .limit(20)
    ).all()
    durations = [(end - start).total_seconds() / 60 for start, end in rows if end and start]
    return sum(durations) / len(durations) if durations else float(service.default_minutes)


def open_counters_for(session, service_id: int) -> int:
    return session.scalar(
        select(func.count())
        .select_from(CounterService)
        .join(Counter, Counter.id == CounterService.counter_id)
        .where(CounterService.service_id == service_id, Counter.status == CounterStatus.OPEN)
    )


def minutes_per_call(session, ticket: Ticket) -> float:
    """How often, on average, the ticket's queue moves on: a service's length shared by the counters open for it."""
    service = ticket.queue_service or session.get(Service, ticket.queue_service_id)
    per_citizen = average_service_minutes(session, service, ticket.day)
    return per_citizen / max(1, open_counters_for(session, service.id))


def estimated_wait_minutes(session, ticket: Ticket, ahead: int, *, per_call: float | None = None) -> int:
    """`ahead` calls at the queue's pace (`per_call` minutes each, when the caller has read it already)."""
    if ahead == 0:
        return 0
    return round(ahead * (minutes_per_call(session, ticket) if per_call is None else per_call))


def recent_calls(session, site_id: int, day: date, limit: int = 10) -> list[Ticket]:
    return list(
        session.scalars(
            select(Ticket)
            .where(Ticket.site_id == site_id, Ticket.day == day, Ticket.called_at.is_not(None))
            .where(Ticket.counter_id.is_not(None))
            .order_by(Ticket.called_at.desc(), Ticket.id.desc())
            .limit(limit)
        )
    )


def service_board(session, site, now_utc=None) -> list[dict]:
    """The site's active services in kiosk order, each with its waiting count and whether it takes tickets now."""
    now_utc = now_utc or utcnow()
    services = session.scalars(
        select(Service).filter_by(site_id=site.id, active=True).order_by(Service.position, Service.prefix)
    ).all()
    counts = waiting_counts(session, site.id, local_day(now_utc, site.timezone))
    return [{"service": s, "waiting": counts.get(s.id, 0), "open": is_issuing(s, now_utc)} for s in services]
