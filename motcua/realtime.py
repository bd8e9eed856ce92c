"""The bridge from the rules' signals to Socket.IO events, and the namespaces screens connect to.

Push thin: an event carries a small JSON payload; the screen then refetches its fragment over HTTP. Every
client refetches its whole state on (re)connect, so a missed event never leaves a screen wrong.
"""

from flask import request
from flask_login import current_user
from flask_socketio import join_room

from models import Counter, db, signals
from models.printing import printer_alert_changed
from models.queries import ticket_by_token

from .extensions import socketio
from .web import int_arg


def site_room(site_id) -> str:
    return f"site:{site_id}"


def counter_room(counter_id) -> str:
    return f"counter:{counter_id}"


def ticket_room(token) -> str:
    return f"ticket:{token}"


# --- signals → events ---------------------------------------------------------------------------------


def _on_ticket_recalled(_sender, ticket, **_):
    socketio.emit("ticket_recalled", ticket, namespace="/display", to=site_room(ticket["site_id"]))
    socketio.emit("ticket_recalled", ticket, namespace="/ticket", to=ticket_room(ticket["token"]))


def _on_ticket_changed(event_name):
    def handler(_sender, ticket, **_):
        room = site_room(ticket["site_id"])
        for namespace in ("/display", "/counter"):
            socketio.emit(event_name, ticket, namespace=namespace, to=room)
        socketio.emit(event_name, ticket, namespace="/ticket", to=ticket_room(ticket["token"]))

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
    printer_alert_changed: _on_printer_alert_changed,
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
    if not current_user.is_authenticated:
        return False
    counter = db.session.get(Counter, int_arg((auth or {}).get("counter_id")) or 0)
    if counter is None or not current_user.may_use_site(counter.site_id):
        return False
    join_room(site_room(counter.site_id))
    join_room(counter_room(counter.id))
    return True


@socketio.on("connect", namespace="/ticket")
def _ticket_connect(auth=None):
    ticket = ticket_by_token(db.session, (auth or {}).get("token"))
    if ticket is None:
        return False
    join_room(ticket_room(ticket.token))
    join_room(site_room(ticket.site_id))
    return True


@socketio.on("connect", namespace="/admin")
def _admin_connect(auth=None):
    """Back-office pages of signed-in supervisors: printer alerts and "Không hài lòng" ratings, per site."""
    if not current_user.is_authenticated or not current_user.is_supervisor:
        return False
    site_id = int_arg((auth or {}).get("site_id"))
    if site_id is None or not current_user.may_use_site(site_id):
        return False
    join_room(site_room(site_id))
    return True


def init_app(app) -> None:
    for signal, handler in _handlers.items():
        signal.connect(handler, weak=False)
    from . import rating_events  # the rating tablets and supervisors' alerts (imports this module)

    rating_events.init_app(app)
