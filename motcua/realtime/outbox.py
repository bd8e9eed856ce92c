"""Events leave after the answer: on gevent, `RealtimeNamespace.send` puts each event in this process's
outbox and returns; one background greenlet emits them in order. So an officer's call-next answers in the
same time whether 10 or 5,000 screens are connected (the fan-out, or the Redis publish, is not in the
request), and events keep the order the rules sent them in.

Unpatched (the test suite, the CLI) an event is emitted at once, as the Socket.IO test client expects.
"""

import logging

from ..concurrency import on_gevent
from ..extensions import socketio

log = logging.getLogger(__name__)

_queue = None


def post(event: str, payload: dict, namespace: str, room: str) -> None:
    if not on_gevent():
        socketio.emit(event, payload, namespace=namespace, to=room)
        return
    _outbox().put((event, payload, namespace, room))


def _outbox():
    global _queue
    if _queue is None:  # made lazily: gunicorn forks its worker after importing the app
        from gevent.queue import SimpleQueue

        _queue = SimpleQueue()
        socketio.start_background_task(_drain, _queue)
    return _queue


def _drain(queue) -> None:
    while True:
        event, payload, namespace, room = queue.get()
        try:
            socketio.emit(event, payload, namespace=namespace, to=room)
        except Exception:  # one bad event must not stop the ones after it
            log.exception("could not emit %s to %s %s", event, namespace, room)
