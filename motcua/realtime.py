"""The bridge from the rules' signals to Socket.IO events, and the namespaces screens connect to.

Push thin: an event carries a small JSON payload; the screen then refetches its fragment over HTTP. Every
client refetches its whole state on (re)connect, and on `resync` after the message queue was lost
(motcua/message_queue.py), so a missed event never leaves a screen wrong.

Events carry only what a screen shows (code, counter, service, status and the ids the screens match on):
never a ticket's token, which lets anyone rate that ticket, nor a person's name. A ticket page's room is keyed
by the ticket's id, so the bridge never needs the token at all.
"""

from flask import request
from flask_login import current_user
from flask_socketio import join_room

from models import Counter, Site, db, signals
from models.queries import ticket_by_token

from .extensions import socketio
from .web import int_arg, site_object


def site_room(site_id) -> str:
    return f"site:{site_id}"


def counter_room(counter_id) -> str:
    return f"counter:{counter_id}"


def ticket_room(ticket_id) -> str:
    return f"ticket:{ticket_id}"


# What every screen may be told about a ticket; anything else in the rules' payload stays on the server.
SHOWN_TICKET_FIELDS = (
    "code",
    "status",
    "site_id",
    "service_id",
    "service_name",
    "counter_id",
    "counter_number",
    "counter_name",
)


def shown(ticket: dict) -> dict:
    return {field: ticket.get(field) for field in SHOWN_TICKET_FIELDS}


# --- signals → events ---------------------------------------------------------------------------------


def _on_ticket_recalled(_sender, ticket, **_):
    payload = shown(ticket)
    socketio.emit("ticket_recalled", payload, namespace="/display", to=site_room(ticket["site_id"]))
    socketio.emit("ticket_recalled", payload, namespace="/ticket", to=ticket_room(ticket["id"]))


def _on_ticket_changed(event_name):
    def handler(_sender, ticket, **_):
        payload, room = shown(ticket), site_room(ticket["site_id"])
        for namespace in ("/display", "/counter"):
            socketio.emit(event_name, payload, namespace=namespace, to=room)
        socketio.emit(event_name, payload, namespace="/ticket", to=ticket_room(ticket["id"]))

    return handler


def _on_queue_changed(_sender, site_id, service_ids, **_):
    payload = {"site_id": site_id, "service_ids": service_ids}
    for namespace in ("/display", "/counter", "/kiosk", "/ticket"):
        socketio.emit("queue_changed", payload, namespace=namespace, to=site_room(site_id))


def _on_counter_changed(_sender, site_id, counter_id, **_):
    payload = {"site_id": site_id, "counter_id": counter_id}
    for namespace in ("/display", "/counter", "/kiosk"):
        socketio.emit("counter_changed", payload, namespace=namespace, to=site_room(site_id))


def _on_printer_alert_changed(_sender, site_id, **payload):
    for namespace in ("/counter", "/admin"):
        socketio.emit(
            "printer_alert_changed",
            {"site_id": site_id, **payload},
            namespace=namespace,
            to=site_room(site_id),
        )


_handlers = {
    signals.ticket_called: _on_ticket_changed("ticket_called"),
    signals.ticket_recalled: _on_ticket_recalled,
    signals.ticket_serving: _on_ticket_changed("ticket_serving"),
    signals.ticket_finished: _on_ticket_changed("ticket_finished"),
    signals.ticket_transferred: _on_ticket_changed("ticket_transferred"),
    signals.queue_changed: _on_queue_changed,
    signals.counter_changed: _on_counter_changed,
    signals.printer_alert_changed: _on_printer_alert_changed,
}


# --- namespaces -------------------------------------------------------------------------------------------


def _join_site(auth) -> bool:
    site_id = int_arg((auth or {}).get("site_id") or request.args.get("site_id"))
    if site_id is None:
        return False
    join_room(site_room(site_id))
    return True


@socketio.on("connect", namespace="/display")
def _display_connect(auth=None):
    return _join_site(auth)


@socketio.on("connect", namespace="/kiosk")
def _kiosk_connect(auth=None):
    return _join_site(auth)


@socketio.on("connect", namespace="/counter")
def _counter_connect(auth=None):
    counter = site_object(Counter, int_arg((auth or {}).get("counter_id")))
    if counter is None:
        return False
    join_room(site_room(counter.site_id))
    join_room(counter_room(counter.id))
    return True


@socketio.on("connect", namespace="/ticket")
def _ticket_connect(auth=None):
    ticket = ticket_by_token(db.session, (auth or {}).get("token"))
    if ticket is None:
        return False
    join_room(ticket_room(ticket.id))
    join_room(site_room(ticket.site_id))
    return True


@socketio.on("connect", namespace="/admin")
def _admin_connect(auth=None):
    """Back-office pages of signed-in supervisors: printer alerts and "Không hài lòng" ratings, per site."""
    if not current_user.is_authenticated or not current_user.is_supervisor:
        return False
    site = site_object(Site, int_arg((auth or {}).get("site_id")))
    if site is None:
        return False
    join_room(site_room(site.id))
    return True


def init_app(app) -> None:
    for signal, handler in _handlers.items():
        signal.connect(handler, weak=False)
    from . import rating_events  # the rating tablets and supervisors' alerts (imports this module)

    rating_events.init_app(app)
