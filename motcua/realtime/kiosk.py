"""/kiosk: the lobby kiosks of a site refresh their service buttons (waiting counts, open or closed); an
enrolled kiosk also joins its own device's room, so that when its key is revoked in the back office it is told
at once (`key_revoked`) and goes to its home, which then says "Ki-ốt chưa được đăng ký"."""

from flask_socketio import join_room

from models import signals

from ..kiosk_keys import kiosk_of_cookie
from .base import RealtimeNamespace
from .payloads import counter_payload, queue_payload
from .rooms import device_room, site_room


class KioskNamespace(RealtimeNamespace):
    name = "/kiosk"
    EMITS = ("queue_changed", "counter_changed", "site_changed", "key_revoked")

    def on_connect(self, auth=None):
        if not self.join_site(auth):
            return False
        # The enrolment cookie comes with the connection's handshake; a staff member's browser has none.
        device = kiosk_of_cookie()
        if device is not None:
            join_room(device_room(device.id))
        return True


def _on_queue_changed(_sender, site_id, service_ids, **_):
    KioskNamespace.send("queue_changed", queue_payload(site_id, service_ids), site_room(site_id))


def _on_counter_changed(_sender, site_id, counter_id, **_):
    KioskNamespace.send("counter_changed", counter_payload(site_id, counter_id), site_room(site_id))


def _on_site_changed(_sender, site_id, **_):
    KioskNamespace.send("site_changed", {"site_id": site_id}, site_room(site_id))


def _on_key_renewed(_sender, device_id, **_):
    KioskNamespace.send("key_revoked", {}, device_room(device_id))


HANDLERS = {
    signals.queue_changed: _on_queue_changed,
    signals.counter_changed: _on_counter_changed,
    signals.site_changed: _on_site_changed,
    signals.device_key_renewed: _on_key_renewed,
}
