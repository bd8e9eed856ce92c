"""Who waits for a counter, in the order it calls them, and how many a citizen has ahead (models/priority.py
decides the order)."""

from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select

from ..base import utcnow
from ..priority import Rules, Waiting, call_order, calls_before, pick_next
from ..service import Counter
from ..site import Site
from ..ticket import Priority, Status, Ticket
from .queue import estimated_wait_minutes, minutes_per_call

WAITING_LIST_LIMIT = 200  # the longest list a counter screen or the API shows


def rules_of(site: Site) -> Rules:
    return Rules(site.priority_policy, site.priority_ratio, site.priority_max_wait_minutes)


def waiting_for(counter: Counter, day: date):
    """The query for the tickets this counter may call (not executed, not ordered): waiting today in one of its
    services (unless sent to another counter by name), or sent to this counter by name."""
    return select(Ticket).where(
        Ticket.site_id == counter.site_id,
        Ticket.day == day,
        Ticket.status == Status.WAITING,
        or_(
            and_(Ticket.queue_service_id.in_(counter.service_ids), Ticket.target_counter_id.is_(None)),
            Ticket.target_counter_id == counter.id,
        ),
    )


def priority_streak(session, counter: Counter, day: date, rules: Rules) -> int:
    """How many priority tickets of this counter's services were called in a row most recently (today, at any
    counter): what the `ratio` policy counts."""
    return _streak(session, counter.site_id, counter.service_ids, day, rules)


def _streak(session, site_id: int, service_ids: list[int], day: date, rules: Rules) -> int:
    if rules.policy != "ratio":
        return 0
    recent = session.scalars(
        select(Ticket.priority)
        .where(
            Ticket.site_id == site_id,
            Ticket.day == day,
            Ticket.called_at.is_not(None),
            Ticket.queue_service_id.in_(service_ids),
        )
        .order_by(Ticket.called_at.desc(), Ticket.id.desc())
        .limit(max(1, rules.ratio))
    ).all()
    streak = 0
    for priority in recent:
        if priority == Priority.NORMAL:
            break
        streak += 1
    return streak


def _waiting(ticket: Ticket) -> Waiting:
    return Waiting(ticket.id, ticket.priority != Priority.NORMAL, ticket.queued_at)


def next_candidate(
    session, counter: Counter, day: date, now: datetime, *, lock: bool = False
) -> Ticket | None:
    """The ticket the policy calls next. Only the longest-waiting priority and normal tickets can be chosen
    (the oldest of all is one of them), so two rows are read; `lock` skips rows other counters are claiming
    (PostgreSQL's FOR UPDATE SKIP LOCKED)."""
    rules = rules_of(counter.site)
    heads = []
    for is_priority in (True, False):
        kind = Ticket.priority != Priority.NORMAL if is_priority else Ticket.priority == Priority.NORMAL
        query = waiting_for(counter, day).where(kind).order_by(Ticket.queued_at, Ticket.id).limit(1)
        if lock:
            query = query.with_for_update(skip_locked=True)
        heads.extend(session.scalars(query).all())
    chosen = pick_next(
        [_waiting(t) for t in heads], priority_streak(session, counter, day, rules), rules, now
    )
    return next(t for t in heads if t.id == chosen.id) if chosen else None


def waiting_list(session, counter: Counter, day: date, now: datetime) -> list[Ticket]:
    """The tickets waiting for this counter in the order call-next would take them (if no one else came)."""
    rules = rules_of(counter.site)
    tickets = session.scalars(
        waiting_for(counter, day).order_by(Ticket.queued_at, Ticket.id).limit(WAITING_LIST_LIMIT)
    ).all()
    by_id = {t.id: t for t in tickets}
    order = call_order(
        [_waiting(t) for t in tickets], priority_streak(session, counter, day, rules), rules, now
    )
    return [by_id[w.id] for w in order]


def place_in_queue(session, ticket: Ticket, now: datetime | None = None) -> tuple[int, int]:
    """(people ahead, estimated wait in minutes) of a ticket, the queue's pace read once for both."""
    if ticket.status != Status.WAITING:
        return 0, 0
    per_call = minutes_per_call(session, ticket)
    ahead = people_ahead(session, ticket, now, per_call=per_call)
    return ahead, estimated_wait_minutes(session, ticket, ahead, per_call=per_call)


def people_ahead(
    session, ticket: Ticket, now: datetime | None = None, *, per_call: float | None = None
) -> int:
    """How many the site's policy calls before this waiting ticket if no one else came: `pick_next` run over its
    queue (the tickets of its service, or of the counter it was sent to by name), one call every
    `minutes_per_call` (or `per_call`, when the caller has it) (so the maximum wait counts as the clock moves).
    0 for a ticket no longer waiting."""
    if ticket.status != Status.WAITING:
        return 0
    now = now or utcnow()
    site = ticket.site
    rules = rules_of(site)
    if ticket.target_counter_id is not None:
        counter = session.get(Counter, ticket.target_counter_id)
        query, service_ids = waiting_for(counter, ticket.day), counter.service_ids
    else:
        query = select(Ticket).where(
            Ticket.site_id == ticket.site_id,
            Ticket.day == ticket.day,
            Ticket.status == Status.WAITING,
            Ticket.queue_service_id == ticket.queue_service_id,
            Ticket.target_counter_id.is_(None),
        )
        service_ids = [ticket.queue_service_id]
    rows = session.execute(query.with_only_columns(Ticket.id, Ticket.priority, Ticket.queued_at)).all()
    waiting = [Waiting(id_, priority != Priority.NORMAL, queued_at) for id_, priority, queued_at in rows]
    if ticket.id not in {w.id for w in waiting}:
        return 0  # called in the instant between the two reads
    step = timedelta(minutes=minutes_per_call(session, ticket) if per_call is None else per_call)
    streak = _streak(session, ticket.site_id, service_ids, ticket.day, rules)
    return calls_before(waiting, ticket.id, streak, rules, now, step)
