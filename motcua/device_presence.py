"""Which registered device a screen is, and when it last reported in.

A wall display or rating tablet registered in the back office gets a link with its own signed key,
`…?device_key=<key>` (a tablet's is its `?key=`, which also admits it: motcua/tablet_keys.py): `{device id, kind, key version}` signed with SECRET_KEY under a salt of its own, so it can
never pass for a kiosk's key (which issues tickets). Opening the link once keeps the key in an httponly cookie;
every later request of that browser to its screen (a refetch, the tablet's resting poll, the display's
heartbeat) notes the device as seen. "New key" in the back office bumps the version: that device alone is
revoked. Kiosks report in the same way with their enrolment cookie.
"""

from contextlib import suppress

from flask import g, request
from itsdangerous import URLSafeSerializer

from models import Device, DeviceKind, db
from models.devices import device_seen, seen_lately
from models.errors import DatabaseBusy
from models.transaction import perform

from .kiosk_keys import device_for_key, kiosk_of_cookie

COOKIE = "motcua_device"
_SALT = "motcua-device-key"
_SCREENS = {"display": DeviceKind.DISPLAY, "tablet": DeviceKind.TABLET}


def _serializer() -> URLSafeSerializer:
    from flask import current_app

    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def device_key(device: Device) -> str:
    return _serializer().dumps({"d": device.id, "k": device.kind, "v": device.key_version})


def watched_device(key) -> Device | None:
    """The display or tablet a key belongs to, or None for a missing, forged or revoked key."""
    return device_for_key(key, _serializer(), _SCREENS.values())


def _reporting_device() -> Device | None:
    if request.blueprint == "kiosk":
        return kiosk_of_cookie()
    if request.blueprint in _SCREENS or request.endpoint == "device_heartbeat":
        # A tablet's link carries its device key as ?key= (motcua/tablet_keys.py).
        from_link = request.args.get("device_key") or (
            request.blueprint == "tablet" and request.args.get("key")
        )
        device = watched_device(from_link or request.cookies.get(COOKIE))
        if device is not None and from_link:
            g.device_cookie = from_link
        return device
    return None


def _note_seen() -> None:
    device = _reporting_device()
    # The device row is loaded already: a screen noted a moment ago costs no transaction.
    if device is not None and not seen_lately(device):
        with suppress(DatabaseBusy):  # only bookkeeping: never refuse a screen for it
            perform(db.session, device_seen, device.id)


def _keep_cookie(response):
    key = g.pop("device_cookie", None)
    if key:
        response.set_cookie(COOKIE, key, max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
    return response


def _heartbeat():
    return "", 204


def init_app(app) -> None:
    app.before_request(_note_seen)
    app.after_request(_keep_cookie)
    app.add_url_rule("/device/heartbeat", "device_heartbeat", _heartbeat)
