"""/display: the wall displays of a site. A call or recall is announced (the payload is read aloud); any other
change of who is at which counter refreshes the board."""

from models import signals

from .base import RealtimeNamespace
from .payloads import counter_payload, ticket_payload
from .rooms import site_room


class DisplayNamespace(RealtimeNamespace):
    name = "/display"
    EMITS = ("ticket_called", "ticket_recalled", "ticket_finished", "ticket_transferred", "counter_changed")

    def on_connect(self, auth=None):
        return self.join_site(auth)


def _on_ticket(event):
    def handler(_sender, ticket, **_):
        DisplayNamespace.send(event, ticket_payload(ticket), site_room(ticket.site_id))

    return handler


def _on_counter_changed(_sender, site_id, counter_id, **_):
    DisplayNamespace.send("counter_changed", counter_payload(site_id, counter_id), site_room(site_id))


HANDLERS = {
    signals.ticket_called: _on_ticket("ticket_called"),
    signals.ticket_recalled: _on_ticket("ticket_recalled"),
    signals.ticket_finished: _on_ticket("ticket_finished"),
    signals.ticket_transferred: _on_ticket("ticket_transferred"),
    signals.counter_changed: _on_counter_changed,
}
