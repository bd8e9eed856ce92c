"""The conditional UPDATEs every counter rule is built from.

A rule never reads a state and then writes it back: it writes "from the state I expect" and counts the rows.
Two requests racing for one counter or one ticket therefore get one winner; the other finds zero rows and is
refused with a RuleError (409), having written nothing.

Every rule acting at a counter first takes the counter's row (hold_counter). On PostgreSQL that row lock queues
the rules of one counter one behind the other, and under READ COMMITTED each later statement sees what the
winner committed; on SQLite the first write takes the database's write lock. The partial unique index on
tickets(counter_id) (one called or serving ticket per counter) is the last word if anything slips past.

Each UPDATE returns the row it wrote (RETURNING, on SQLite ≥ 3.35 and PostgreSQL) into the object the rule
holds: one statement, not an UPDATE and then a SELECT to see what it wrote.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from . import errors
from .service import Counter, CounterStatus
from .signals import announce, counter_changed
from .ticket import ONE_CURRENT_PER_COUNTER, Ticket
from .user import User


def _update_returning(session, model, row_id: int, *conditions, **values):
    """UPDATE one row from the state `conditions` expect; the row as written (loaded into the session's object
    for it), or None when no row met them."""
    return session.scalars(
        update(model).where(model.id == row_id, *conditions).values(**values).returning(model),
        execution_options={"synchronize_session": False, "populate_existing": True},
    ).first()


def find_counter(session, counter_id, actor: User) -> Counter:
    counter = session.get(Counter, counter_id) if isinstance(counter_id, int) else None
    if counter is None:
        raise errors.NotFound(_l("Không có quầy này."))
    if not actor.may_use_site(counter.site_id):
        raise errors.Forbidden()
    return counter


def hold_counter(session, counter_id, officer: User, *, reopen: bool = False) -> Counter:
    """The counter, held by this officer: taken (and opened) if it was free, refused (403) if another holds it,
    refused (409 counter_closed) if a supervisor shut it.

    `reopen` also opens a counter this officer had paused (signing in at it again).

    The officer's own counter is the common case, so it is tried first: one UPDATE (which also takes the row's
    lock on PostgreSQL) returning the counter as it now is; then a free one; then the officer's own again."""
    counter = find_counter(session, counter_id, officer)
    was_open = counter.status == CounterStatus.OPEN
    values = {"officer_id": officer.id}
    if reopen:
        values["status"] = CounterStatus.OPEN
    held = _update_returning(session, Counter, counter.id, Counter.officer_id == officer.id, **values)
    if held is not None:
        if reopen and not was_open:
            announce(session, counter_changed, site_id=held.site_id, counter_id=held.id)
        return held
    free = (Counter.officer_id.is_(None), Counter.status != CounterStatus.SHUT)
    held = _update_returning(
        session, Counter, counter.id, *free, officer_id=officer.id, status=CounterStatus.OPEN
    )
    if held is not None:
        announce(session, counter_changed, site_id=held.site_id, counter_id=held.id)
        return held
    # Another request of this officer may have taken the free counter meanwhile (on PostgreSQL the first UPDATE
    # skipped the row it was taking, the second waited for it and found it no longer free): it is theirs.
    held = _update_returning(session, Counter, counter.id, Counter.officer_id == officer.id, **values)
    if held is not None:
        return held
    session.refresh(counter)
    if counter.status == CounterStatus.SHUT:
        raise errors.CounterClosed(
            _l("Quầy %(number)s đã được giám sát đóng. Hãy chọn quầy khác.", number=counter.number)
        )
    raise errors.Forbidden(_l("Quầy %(number)s đang do cán bộ khác phụ trách.", number=counter.number))


def update_counter_from(session, counter: Counter, held_by: int | None, *conditions, **values) -> None:
    """Change a counter only if it is still held by the officer `held_by` (None: free) and meets `conditions`;
    else CounterChanged."""
    held = Counter.officer_id.is_(None) if held_by is None else Counter.officer_id == held_by
    if _update_returning(session, Counter, counter.id, held, *conditions, **values) is None:
        raise errors.CounterChanged()


def update_ticket_from(session, ticket: Ticket, statuses, *conditions, **values) -> Ticket:
    """Move a ticket only if it is still in one of `statuses` (and meets `conditions`); else TicketChanged.
    A second current ticket at one counter is refused by the database: CounterBusy."""
    try:
        moved = _update_returning(
            session, Ticket, ticket.id, Ticket.status.in_(statuses), *conditions, **values
        )
    except IntegrityError as error:
        if ONE_CURRENT_PER_COUNTER not in str(error.orig) and "tickets.counter_id" not in str(error.orig):
            raise
        raise errors.CounterBusy() from error
    if moved is None:
        raise errors.TicketChanged(
            _l(
                "Số %(code)s vừa được xử lý bằng một thao tác khác. Màn hình đã được cập nhật.",
                code=ticket.code,
            )
        )
    return moved
