"""perform(): run one rule in its own transaction, commit, then announce what it changed.

A write that meets a lock (SQLite "database is locked", a PostgreSQL lock timeout, serialization failure or
deadlock) is rolled back whole and tried again a few times, within a few seconds in all, before the caller gets
DatabaseBusy; nothing half-written is ever left behind.
"""

import random
import time
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import scoped_session

from .errors import DatabaseBusy
from .signals import discard_pending, send_pending

_TRANSIENT = (
    "database is locked",
    "database table is locked",
    "could not serialize",
    "deadlock detected",
    "lock timeout",
)
# How long perform() keeps retrying a rule that meets locks (DB_BUSY_SECONDS; set by create_app()).
_budget = {"seconds": 6.0}


def set_busy_budget(seconds: float) -> None:
    _budget["seconds"] = seconds


def _is_transient(error: DBAPIError) -> bool:
    text = str(error.orig).lower()
    return any(marker in text for marker in _TRANSIENT)


def perform(session, rule, *args, attempts: int = 6, **kwargs):
    deadline = time.monotonic() + _budget["seconds"]
    for attempt in range(1, attempts + 1):
        discard_pending(session)
        try:
            result = rule(session, *args, **kwargs)
            session.commit()
        except (OperationalError, DBAPIError) as error:
            session.rollback()
            discard_pending(session)
            if not _is_transient(error):
                raise
            if attempt == attempts or time.monotonic() >= deadline:
                raise DatabaseBusy() from error
            time.sleep(random.uniform(0.02, 0.08) * attempt)
            continue
        except BaseException:
            session.rollback()
            discard_pending(session)
            raise
        send_pending(session)
        return result
    raise AssertionError("unreachable")


@contextmanager
def rows_kept(session):
    """Within the block, a commit leaves the rows the session has loaded as they are, instead of expiring them
    to be read again at their next use. For a request that answers from what its rule has just written: every
    row the rule returns or announces was read (or written, RETURNING) inside the transaction it commits, so
    the answer and the events after the commit describe exactly what was committed, without a SELECT per row
    (the ticket, its counter, its service) after the commit. A rollback still expires everything."""
    real = session() if isinstance(session, scoped_session) else session
    before, real.expire_on_commit = real.expire_on_commit, False
    try:
        yield
    finally:
        real.expire_on_commit = before
