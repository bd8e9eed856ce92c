"""A small sliding-window limit for public endpoints a script could hammer (e.g. ratings fired at a token).

Counts live in the process's memory: with several processes each enforces the limit on its own, which still
stops a script (it multiplies the allowance by the number of processes, no more). The limit is
"attempts/seconds", from the config (e.g. RATING_RATE_LIMIT=10/60).
"""

import threading
import time
from collections import deque

from flask import current_app, request

_lock = threading.Lock()
_hits: dict[tuple, deque] = {}


def _parse(spec: str) -> tuple[int, float]:
    try:
        attempts, seconds = spec.split("/")
        return max(1, int(attempts)), max(1.0, float(seconds))
    except (ValueError, AttributeError):
        return 10, 60.0


def client_address() -> str:
    # Behind nginx, ProxyFix (or the server) sets remote_addr; never trust a raw X-Forwarded-For here.
    return request.remote_addr or "?"


def allow(bucket: str, setting: str = "RATING_RATE_LIMIT") -> bool:
    """Count one attempt for (bucket, client address); False once the limit is passed."""
    attempts, seconds = _parse(current_app.config.get(setting, "10/60"))
    key = (bucket, client_address())
    now = time.monotonic()
    with _lock:
        hits = _hits.setdefault(key, deque())
        while hits and now - hits[0] > seconds:
            hits.popleft()
        if len(hits) >= attempts:
            return False
        hits.append(now)
        if len(_hits) > 50_000:  # forget idle clients so memory stays bounded
            for stale in [k for k, v in _hits.items() if not v or now - v[-1] > seconds]:
                del _hits[stale]
        return True


def reset() -> None:
    with _lock:
        _hits.clear()
