"""At most REQUEST_SLOTS requests of a server process work at once; the others wait at the door, holding no
database connection, for up to DB_BUSY_SECONDS, and are then told the system is busy (503, as for a database
that stays locked; a kiosk asks again with the same key).

On gevent nothing else bounds a process's requests: each is a greenlet. Under a province's load (bench/
province.py) hundreds of them started at once, each took a pooled connection at its first query and then
waited for its turn on the loop while holding it, until the pool ran dry and requests failed after 30 s. With
a door the requests inside finish quickly and the pool (sized from REQUEST_SLOTS, config.py) never runs dry.
Socket.IO's own traffic does not pass through here (Flask-SocketIO answers it before Flask's dispatch), nor
do static files.
"""

import threading

from flask import current_app, g, request

from models.errors import DatabaseBusy

from .errors import error_response


def init_app(app) -> None:
    """Before any other before_request: nothing may take a connection ahead of the door."""
    # Made per app, after the servers' gevent patch: a gevent semaphore there, a thread's one in tests.
    app.extensions["request_slots"] = threading.BoundedSemaphore(int(app.config["REQUEST_SLOTS"]))
    app.before_request(_enter)
    app.teardown_request(_leave)


def _enter():
    if request.endpoint == "static":
        return None
    slots = current_app.extensions["request_slots"]
    if not slots.acquire(timeout=float(current_app.config["DB_BUSY_SECONDS"])):
        current_app.logger.warning("Busy: no request slot freed within DB_BUSY_SECONDS for %s", request.path)
        return error_response(DatabaseBusy.status, DatabaseBusy.code, DatabaseBusy.message)
    g._request_slot = slots
    return None


def _leave(_error) -> None:
    slots = g.pop("_request_slot", None)
    if slots is not None:
        slots.release()
