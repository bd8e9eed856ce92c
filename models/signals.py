"""What the rules announce. Subscribers (motcua/realtime/, one module per Socket.IO namespace) turn these into
Socket.IO events. The ticket signals carry the Ticket itself: what a screen may see of it is chosen there.

A rule never sends a signal itself: it queues one on the session with announce(), and perform() sends the
queue after a successful commit, so no screen ever hears of a change that was rolled back.
"""

import logging

from blinker import Namespace

log = logging.getLogger(__name__)

_signals = Namespace()

ticket_issued = _signals.signal("ticket_issued")
ticket_called = _signals.signal("ticket_called")
ticket_recalled = _signals.signal("ticket_recalled")
ticket_serving = _signals.signal("ticket_serving")
ticket_finished = _signals.signal("ticket_finished")  # done or no_show
ticket_transferred = _signals.signal("ticket_transferred")
ticket_held = _signals.signal("ticket_held")  # parked at its counter, which serves others meanwhile
counter_changed = _signals.signal("counter_changed")
queue_changed = _signals.signal("queue_changed")
# A device's key was revoked in the back office (payload device_id): a screen still connected with it stops.
device_key_renewed = _signals.signal("device_key_renewed")
# A site's public face changed in the back office (name, hotline, hours...): payload site_id.
site_changed = _signals.signal("site_changed")
rating_given = _signals.signal("rating_given")  # a citizen rated a served ticket
# A printer starts failing, fails differently, or works again.
printer_alert_changed = _signals.signal("printer_alert_changed")
# A dossier was received or changed state (payload: dossier).
dossier_changed = _signals.signal("dossier_changed")
# A late dossier's apology and new date were issued (Mẫu 04). The hook for telling the citizen by SMS once a
# provider exists: subscribe here; the dossier's public page already shows the apology.
dossier_apology_issued = _signals.signal("dossier_apology_issued")
# A site's wall displays must reload: their settings or the voice clip set changed (payload: site_id).
display_changed = _signals.signal("display_changed")

_PENDING = "motcua_pending_signals"


def announce(session, signal, **payload) -> None:
    session.info.setdefault(_PENDING, []).append((signal, payload))


def discard_pending(session) -> None:
    session.info.pop(_PENDING, None)


def send_pending(session) -> None:
    """Send what the committed rule announced. The change is already committed: a listener that fails (Redis
    down, say) is logged and must never turn the winner's success into an error (screens resync on reconnect)."""
    for signal, payload in session.info.pop(_PENDING, []):
        try:
            signal.send(None, **payload)
        except Exception:
            log.exception("a listener of %s failed after the commit", signal.name)
