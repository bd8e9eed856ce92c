"""Realtime for satisfaction ratings: the rating tablets (/tablet) and the supervisors' live alerts (/admin).

- A ticket completed (status done) at a counter → `rating_requested` to that counter's tablet.
- A rating given (any channel) → `rating_received` to that counter's tablet (it stops asking) and to the
  supervisors of the site; the supervisor screen refetches its alert list (a "Không hài lòng" shows there).

The tablet joins with the signed per-counter key of its URL (motcua/tablet_keys.py); /admin requires a
signed-in supervisor or admin. Payloads stay thin: screens refetch their fragments over HTTP.
"""

from flask_socketio import join_room

from models import Status, signals

from .extensions import socketio
from .realtime import counter_room, site_room
from .web import int_arg


def _on_ticket_finished(_sender, ticket, **_):
    if ticket.get("status") == Status.DONE and ticket.get("counter_id"):
        payload = {"counter_id": ticket["counter_id"], "ticket_code": ticket["code"]}
        socketio.emit("rating_requested", payload, namespace="/tablet", to=counter_room(ticket["counter_id"]))


def _on_counter_changed(_sender, site_id, counter_id, **_):
    socketio.emit(
        "counter_changed", {"counter_id": counter_id}, namespace="/tablet", to=counter_room(counter_id)
    )


def _on_rating_given(_sender, rating, **_):
    thin = {
        "level": rating["level"],
        "counter_id": rating["counter_id"],
        "ticket_code": rating["ticket_code"],
    }
    if rating.get("counter_id"):
        socketio.emit("rating_received", thin, namespace="/tablet", to=counter_room(rating["counter_id"]))
    socketio.emit("rating_received", thin, namespace="/admin", to=site_room(rating["site_id"]))


@socketio.on("connect", namespace="/tablet")
def _tablet_connect(auth=None):
    from motcua.tablet_keys import key_is_valid

    counter_id = int_arg((auth or {}).get("counter_id"))
    if counter_id is None or not key_is_valid(counter_id, (auth or {}).get("key")):
        return False
    join_room(counter_room(counter_id))
    return True


def init_app(app) -> None:
    signals.ticket_finished.connect(_on_ticket_finished, weak=False)
    signals.counter_changed.connect(_on_counter_changed, weak=False)
    signals.rating_given.connect(_on_rating_given, weak=False)
