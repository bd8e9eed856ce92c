"""/admin: back-office pages of signed-in supervisors and admins, per site: printer alerts, every rating
given (the "Không hài lòng" alerts and the satisfaction tables refresh), and every change of the site's queues
and counters (the floor view refreshes)."""

from flask_login import current_user
from flask_socketio import join_room

from models import Site, signals

from ..web import int_arg, site_object
from .base import RealtimeNamespace
from .payloads import counter_payload, queue_payload, rating_payload, ticket_payload
from .rooms import site_room


class AdminNamespace(RealtimeNamespace):
    name = "/admin"
    EMITS = (
        "printer_alert_changed",
        "rating_received",
        # The floor view (admin/floor.html) refetches on every change of the site's queues and counters.
        "queue_changed",
        "counter_changed",
        "ticket_called",
        "ticket_serving",
        "ticket_finished",
        "ticket_held",
        "ticket_transferred",
    )

    def on_connect(self, auth=None):
        if not current_user.is_authenticated or not current_user.is_supervisor:
            return False
        site = site_object(Site, int_arg((auth or {}).get("site_id")))
        if site is None:
            return False
        join_room(site_room(site.id))
        return True


def _on_printer_alert_changed(_sender, site_id, **payload):
    AdminNamespace.send("printer_alert_changed", {"site_id": site_id, **payload}, site_room(site_id))


def _on_rating_given(_sender, rating, **_):
    AdminNamespace.send("rating_received", rating_payload(rating), site_room(rating["site_id"]))


def _on_ticket(event):
    def handler(_sender, ticket, **_):
        AdminNamespace.send(event, ticket_payload(ticket), site_room(ticket.site_id))

    return handler


def _on_queue_changed(_sender, site_id, service_ids, **_):
    AdminNamespace.send("queue_changed", queue_payload(site_id, service_ids), site_room(site_id))


def _on_counter_changed(_sender, site_id, counter_id, **_):
    AdminNamespace.send("counter_changed", counter_payload(site_id, counter_id), site_room(site_id))


HANDLERS = {
    signals.printer_alert_changed: _on_printer_alert_changed,
    signals.rating_given: _on_rating_given,
    signals.queue_changed: _on_queue_changed,
    signals.counter_changed: _on_counter_changed,
    signals.ticket_called: _on_ticket("ticket_called"),
    signals.ticket_serving: _on_ticket("ticket_serving"),
    signals.ticket_finished: _on_ticket("ticket_finished"),
    signals.ticket_held: _on_ticket("ticket_held"),
    signals.ticket_transferred: _on_ticket("ticket_transferred"),
}
