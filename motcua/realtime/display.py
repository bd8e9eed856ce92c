"""/display: the wall displays and counter screens of a site. A call or recall carries what to say (the clip
list of models/announcement.py) and the counter's zone (each display keeps only its own zone's); any other
change of who is at which counter, or of the waiting counts, refreshes the board; a change of the displays'
settings or voice makes them reload."""

from models import signals
from models.announcement import announcement_clips

from .base import RealtimeNamespace
from .payloads import counter_payload, queue_payload, ticket_payload
from .rooms import site_room


class DisplayNamespace(RealtimeNamespace):
    name = "/display"
    EMITS = (
        "ticket_called",
        "ticket_recalled",
        "ticket_finished",
        "ticket_transferred",
        "ticket_held",
        "counter_changed",
        "queue_changed",
        "display_changed",
        "site_changed",
    )

    def on_connect(self, auth=None):
        return self.join_site(auth)


def call_payload(ticket, *, recall: bool) -> dict:
    """A call as a display announces it: the ticket as every screen sees it, what to say, and where."""
    counter = ticket.counter
    return {
        **ticket_payload(ticket),
        "zone": counter.zone,
        "clips": announcement_clips(ticket.code, counter.number, recall=recall),
    }


def _on_call(recall: bool):
    def handler(_sender, ticket, **_):
        DisplayNamespace.send(
            "ticket_recalled" if recall else "ticket_called",
            call_payload(ticket, recall=recall),
            site_room(ticket.site_id),
        )

    return handler


def _on_ticket(event):
    def handler(_sender, ticket, **_):
        DisplayNamespace.send(event, ticket_payload(ticket), site_room(ticket.site_id))

    return handler


def _on_counter_changed(_sender, site_id, counter_id, **_):
    DisplayNamespace.send("counter_changed", counter_payload(site_id, counter_id), site_room(site_id))


def _on_queue_changed(_sender, site_id, service_ids, **_):
    DisplayNamespace.send("queue_changed", queue_payload(site_id, service_ids), site_room(site_id))


def _on_display_changed(_sender, site_id, **_):
    DisplayNamespace.send("display_changed", {"site_id": site_id}, site_room(site_id))


def _on_site_changed(_sender, site_id, **_):
    DisplayNamespace.send("site_changed", {"site_id": site_id}, site_room(site_id))


HANDLERS = {
    signals.ticket_called: _on_call(recall=False),
    signals.ticket_recalled: _on_call(recall=True),
    signals.ticket_finished: _on_ticket("ticket_finished"),
    signals.ticket_transferred: _on_ticket("ticket_transferred"),
    signals.ticket_held: _on_ticket("ticket_held"),
    signals.counter_changed: _on_counter_changed,
    signals.queue_changed: _on_queue_changed,
    signals.display_changed: _on_display_changed,
    signals.site_changed: _on_site_changed,
}
