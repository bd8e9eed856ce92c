"""/ticket: a citizen's ticket page follows its own ticket, and the queue of its service (people ahead).

The page presents its token once, to join its ticket's room; the room is named by the ticket's id.
"""

from flask_socketio import join_room

from models import db, signals
from models.queries import ticket_by_token

from .base import RealtimeNamespace
from .payloads import queue_payload, ticket_payload
from .rooms import site_room, ticket_room


class TicketNamespace(RealtimeNamespace):
    name = "/ticket"
    EMITS = (
        "ticket_called",
        "ticket_recalled",
        "ticket_serving",
        "ticket_finished",
        "ticket_transferred",
        "ticket_held",
        "queue_changed",
    )

    def on_connect(self, auth=None):
        ticket = ticket_by_token(db.session, (auth or {}).get("token"))
        if ticket is None:
            return False
        join_room(ticket_room(ticket.id))
        join_room(site_room(ticket.site_id))
        return True


def _on_ticket(event):
    def handler(_sender, ticket, **_):
        TicketNamespace.send(event, ticket_payload(ticket), ticket_room(ticket.id))

    return handler


def _on_queue_changed(_sender, site_id, service_ids, **_):
    TicketNamespace.send("queue_changed", queue_payload(site_id, service_ids), site_room(site_id))


HANDLERS = {
    signals.ticket_called: _on_ticket("ticket_called"),
    signals.ticket_recalled: _on_ticket("ticket_recalled"),
    signals.ticket_serving: _on_ticket("ticket_serving"),
    signals.ticket_finished: _on_ticket("ticket_finished"),
    signals.ticket_transferred: _on_ticket("ticket_transferred"),
    signals.ticket_held: _on_ticket("ticket_held"),
    signals.queue_changed: _on_queue_changed,
}
