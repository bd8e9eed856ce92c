"""The bridge from the rules' signals (models/signals.py) to Socket.IO: one module per namespace, each a
Namespace class (who may connect, which rooms it joins, which events it emits) and the signal handlers that
emit to it.

Push thin: an event carries a small payload (payloads.py) and the page refetches its fragments over HTTP
(htmx: static/js/realtime.js only fires the event on the page). Every page refetches its whole state on
(re)connect, and on `resync` after the message queue was lost (message_queue.py), so a missed event never
leaves a screen wrong.
"""

from ..extensions import socketio
from . import admin, counter, display, kiosk, tablet, ticket

MODULES = (display, kiosk, counter, ticket, tablet, admin)
NAMESPACES = (
    display.DisplayNamespace,
    kiosk.KioskNamespace,
    counter.CounterNamespace,
    ticket.TicketNamespace,
    tablet.TabletNamespace,
    admin.AdminNamespace,
)


def init_app(app) -> None:
    # socketio.init_app() has made this app's server: the namespaces are registered on it.
    for namespace in NAMESPACES:
        socketio.on_namespace(namespace())
    for module in MODULES:
        for signal, handler in module.HANDLERS.items():
            signal.connect(handler, weak=False)
