"""Who may issue tickets: a registered kiosk (its signed, revocable device key), or a staff member.

A kiosk's key is `{device id, key version}` signed with SECRET_KEY. The back office shows each kiosk's
enrolment link, /kiosk/?device=<id>&key=<key>; opening it once stores the key in an httponly cookie, and the
API takes it as `X-Kiosk-Key`. "New key" bumps the device's version in the database, which revokes that one
kiosk's key (changing SECRET_KEY revokes them all).
"""

from dataclasses import dataclass

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

from models import Device, DeviceKind, Role, User, db

_SALT = "motcua-kiosk-key"
MAX_KEY_LENGTH = 200
KIOSK_COOKIE = "motcua_kiosk"  # an enrolled kiosk's key (kiosk/enrolment.py sets it)
_COOKIE_DEVICE = "motcua.kiosk_cookie_device"


@dataclass(frozen=True)
class Issuer:
    """The sender of a ticket request, as the issuing rule needs it."""

    scope: str  # the sender's namespace for request keys: "device:3" or "user:7"
    site_id: int | None  # the only site it may issue for; None: every site (an administrator)
    channel: str
    may_grant_priority: bool
    device_id: int | None = None


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def kiosk_key(device: Device) -> str:
    return _serializer().dumps({"d": device.id, "v": device.key_version})


def enrolment_path(device: Device) -> str:
    """The path that, opened once in a kiosk's browser, enrols it (relative to the server's address)."""
    return f"/kiosk/?site={device.site.code}&device={device.id}&key={kiosk_key(device)}"


def device_for_key(key, serializer: URLSafeSerializer, kinds) -> Device | None:
    """The device of one of `kinds` that a key signed by `serializer` belongs to; None for a missing, forged or
    revoked key (an older key version), or one of another kind. Every device key is read here: a kiosk's
    (`{device id, key version}`) and a display's or tablet's (motcua/device_presence.py, which also signs the
    kind); each kind of key has its own salt, so one can never pass for another."""
    if not isinstance(key, str) or not key or len(key) > MAX_KEY_LENGTH:
        return None
    try:
        data = serializer.loads(key)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("d"), int):
        return None
    device = db.session.get(Device, data["d"])
    if device is None or device.kind not in kinds or device.key_version != data.get("v"):
        return None
    return device if data.get("k", device.kind) == device.kind else None


def device_from_key(key) -> Device | None:
    """The kiosk device a key belongs to, or None for a missing, forged, revoked or foreign key."""
    return device_for_key(key, _serializer(), (DeviceKind.KIOSK,))


def kiosk_of_cookie() -> Device | None:
    """The kiosk whose enrolment cookie this request carries, its key checked once per request (the kiosk's
    pages and the device presence both ask). Kept on the request itself, not on `g`, which an app context
    shared by several requests would carry over."""
    if _COOKIE_DEVICE not in request.environ:
        request.environ[_COOKIE_DEVICE] = device_from_key(request.cookies.get(KIOSK_COOKIE))
    return request.environ[_COOKIE_DEVICE]


def kiosk_issuer(device: Device) -> Issuer:
    # Priority comes with the kiosk's own priority path (a later issue), never from a field a kiosk sends.
    return Issuer(
        f"device:{device.id}", device.site_id, "kiosk", may_grant_priority=False, device_id=device.id
    )


def staff_issuer(user: User, channel: str, site_id: int | None = None) -> Issuer:
    """A staff member issuing at `site_id` (one of their sites; checked by the caller with may_use_site),
    else at their own site. An administrator acts on every site (as User.may_use_site says)."""
    if user.role == Role.ADMIN:
        site_id = None
    elif site_id is None or not user.may_use_site(site_id):
        site_id = user.site_id
    return Issuer(f"user:{user.id}", site_id, channel, may_grant_priority=True)
