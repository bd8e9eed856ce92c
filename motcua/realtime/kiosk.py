"""/kiosk: the lobby kiosks of a site refresh their service buttons (waiting counts, open or closed)."""

from models import signals

from .base import RealtimeNamespace
from .payloads import counter_payload, queue_payload
from .rooms import site_room


class KioskNamespace(RealtimeNamespace):
    name = "/kiosk"
    EMITS = ("queue_changed", "counter_changed", "site_changed")

    def on_connect(self, auth=None):
        return self.join_site(auth)


def _on_queue_changed(_sender, site_id, service_ids, **_):
    KioskNamespace.send("queue_changed", queue_payload(site_id, service_ids), site_room(site_id))


def _on_counter_changed(_sender, site_id, counter_id, **_):
    KioskNamespace.send("counter_changed", counter_payload(site_id, counter_id), site_room(site_id))


def _on_site_changed(_sender, site_id, **_):
    KioskNamespace.send("site_changed", {"site_id": site_id}, site_room(site_id))


HANDLERS = {
    signals.queue_changed: _on_queue_changed,
    signals.counter_changed: _on_counter_changed,
    signals.site_changed: _on_site_changed,
}
