"""perform(): run one rule in its own transaction, commit, then announce what it changed.

A write that meets a lock (SQLite "database is locked", a PostgreSQL lock timeout, serialization failure or
deadlock) is rolled back whole and tried again a few times, within a few seconds in all, before the caller gets
DatabaseBusy; nothing half-written is ever left behind.
"""

import random
import time

from sqlalchemy.exc import DBAPIError, OperationalError

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
