"""/tablet: the rating tablet facing the citizen at a counter, joined with the counter's signed key
(motcua/tablet_keys.py).

- A ticket completed (done) at the counter → `rating_requested`: the tablet asks.
- A rating given (any channel) → `rating_received`: the tablet stops asking.
- The counter changed (officer on duty, open or closed) → `counter_changed`: the resting tablet refreshes.
- This tablet's key was revoked in the back office → `key_revoked` (to this device alone): the tablet reloads,
  and its page, refused, says so.
"""

from flask_socketio import join_room

from models import Status, signals

from ..tablet_keys import tablet_device
from ..web import int_arg
from .base import RealtimeNamespace
from .payloads import rating_payload
from .rooms import counter_room, device_room


class TabletNamespace(RealtimeNamespace):
    name = "/tablet"
    EMITS = ("rating_requested", "rating_received", "counter_changed", "key_revoked")

    def on_connect(self, auth=None):
        counter_id = int_arg((auth or {}).get("counter_id"))
        device = tablet_device(counter_id, (auth or {}).get("key")) if counter_id is not None else None
        if device is None:
            return False
        join_room(counter_room(counter_id))
        join_room(device_room(device.id))
        return True


def _on_ticket_finished(_sender, ticket, **_):
    if ticket.status == Status.DONE and ticket.counter_id:
        payload = {"counter_id": ticket.counter_id, "ticket_code": ticket.code}
        TabletNamespace.send("rating_requested", payload, counter_room(ticket.counter_id))


def _on_counter_changed(_sender, site_id, counter_id, **_):
    TabletNamespace.send("counter_changed", {"counter_id": counter_id}, counter_room(counter_id))


def _on_rating_given(_sender, rating, **_):
    if rating.get("counter_id"):
        TabletNamespace.send("rating_received", rating_payload(rating), counter_room(rating["counter_id"]))


def _on_key_renewed(_sender, device_id, **_):
    TabletNamespace.send("key_revoked", {}, device_room(device_id))


HANDLERS = {
    signals.ticket_finished: _on_ticket_finished,
    signals.counter_changed: _on_counter_changed,
    signals.rating_given: _on_rating_given,
    signals.device_key_renewed: _on_key_renewed,
}
