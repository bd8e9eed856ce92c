"""Checking a password with constant work and bounded memory.

werkzeug's default scrypt (n=2**15, r=8) needs about 32 MB and tens to hundreds of milliseconds per hash.
Unbounded, 60 concurrent bad sign-ins took a server from 235 to 728 MB and made public pages wait 8 s; so
at most PASSWORD_CHECKS_AT_ONCE hashes run at once in a process (default 2, one per core), the others wait
their turn for up to PASSWORD_CHECK_WAIT_SECONDS and are then told the system is busy (503).

An unknown username hashes a dummy password all the same, so the answer takes as long whether or not the
account exists (timing no longer tells which usernames exist).
"""

import secrets
import threading
from functools import lru_cache

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from models import User
from models.errors import DatabaseBusy

from .concurrency import off_the_loop

_lock = threading.Lock()
_slots: threading.BoundedSemaphore | None = None


def _semaphore() -> threading.BoundedSemaphore:
    global _slots
    with _lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(max(1, int(current_app.config["PASSWORD_CHECKS_AT_ONCE"])))
        return _slots


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # The same method and cost as a real account's hash (werkzeug's default), for a password nobody knows.
    return generate_password_hash(secrets.token_urlsafe(16))


def verify(user: User | None, password: str) -> bool:
    """True if `user` exists, is active and `password` is theirs. Always hashes once.

    :raise DatabaseBusy: (503) if no hashing slot frees up in time.
    """
    dummy = _dummy_hash()  # made once per process, before any timing is measured
    stored = user.password_hash if user is not None else dummy
    slots = _semaphore()
    if not slots.acquire(timeout=float(current_app.config["PASSWORD_CHECK_WAIT_SECONDS"])):
        raise DatabaseBusy()
    try:
        # ~50 ms of CPU: on gevent it would stop every screen of the process, so it runs on a real thread.
        matches = off_the_loop(check_password_hash, stored, password)
    finally:
        slots.release()
    return matches and user is not None and user.active
