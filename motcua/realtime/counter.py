"""/counter: the officers' counter screens of a site (signed-in staff of that site only). Any change in the
site's queues or counters refreshes the panel; a printer alert refreshes the alert list."""

from flask_socketio import join_room

from models import Counter, signals

from ..web import int_arg, site_object
from .base import RealtimeNamespace
from .payloads import counter_payload, queue_payload, ticket_payload
from .rooms import counter_room, site_room


class CounterNamespace(RealtimeNamespace):
    name = "/counter"
    EMITS = (
        "queue_changed",
        "ticket_called",
        "ticket_serving",
        "ticket_finished",
        "ticket_transferred",
        "ticket_held",
        "counter_changed",
        "printer_alert_changed",
    )

    def on_connect(self, auth=None):
        counter = site_object(Counter, int_arg((auth or {}).get("counter_id")))
        if counter is None:
            return False
        join_room(site_room(counter.site_id))
        join_room(counter_room(counter.id))
        return True


def _on_ticket(event):
    def handler(_sender, ticket, **_):
        CounterNamespace.send(event, ticket_payload(ticket), site_room(ticket.site_id))

    return handler


def _on_queue_changed(_sender, site_id, service_ids, **_):
    CounterNamespace.send("queue_changed", queue_payload(site_id, service_ids), site_room(site_id))


def _on_counter_changed(_sender, site_id, counter_id, **_):
    CounterNamespace.send("counter_changed", counter_payload(site_id, counter_id), site_room(site_id))


def _on_printer_alert_changed(_sender, site_id, **payload):
    CounterNamespace.send("printer_alert_changed", {"site_id": site_id, **payload}, site_room(site_id))


HANDLERS = {
    signals.ticket_called: _on_ticket("ticket_called"),
    signals.ticket_serving: _on_ticket("ticket_serving"),
    signals.ticket_finished: _on_ticket("ticket_finished"),
    signals.ticket_transferred: _on_ticket("ticket_transferred"),
    signals.ticket_held: _on_ticket("ticket_held"),
    signals.queue_changed: _on_queue_changed,
    signals.counter_changed: _on_counter_changed,
    signals.printer_alert_changed: _on_printer_alert_changed,
}
