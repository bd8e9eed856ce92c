"""/admin: back-office pages of signed-in supervisors and admins, per site: printer alerts, and every rating
given (the "Không hài lòng" alerts and the satisfaction tables refresh)."""

from flask_login import current_user
from flask_socketio import join_room

from models import Site, signals

from ..web import int_arg, site_object
from .base import RealtimeNamespace
from .payloads import rating_payload
from .rooms import site_room


class AdminNamespace(RealtimeNamespace):
    name = "/admin"
    EMITS = ("printer_alert_changed", "rating_received")

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


HANDLERS = {
    signals.printer_alert_changed: _on_printer_alert_changed,
    signals.rating_given: _on_rating_given,
}
