"""Which kiosk this browser is, and whether it may issue tickets.

A kiosk is enrolled by opening its link from the back office once, /kiosk/?device=<id>&key=<key>: the
signed key (motcua/kiosk_keys.py) is kept in an httponly cookie for a year; /kiosk/?device= forgets it.
A signed-in staff member may issue from the kiosk page too (testing, the counter's own kiosk).
"""

from flask import request
from flask_login import current_user

from models import Device, Site
from motcua.kiosk_keys import (
    KIOSK_COOKIE,
    Issuer,
    device_from_key,
    kiosk_issuer,
    kiosk_of_cookie,
    staff_issuer,
)
from motcua.web import int_arg

from . import bp

_YEAR = 365 * 24 * 3600
_CACHED = "motcua.kiosk_device"


@bp.after_request
def remember_kiosk(response):
    if "device" not in request.args:
        return response
    device = enrolled_device()
    if device is not None:
        response.set_cookie(KIOSK_COOKIE, request.args["key"], max_age=_YEAR, samesite="Lax", httponly=True)
    elif not request.args.get("device"):
        response.delete_cookie(KIOSK_COOKIE)
    return response


def enrolled_device() -> Device | None:
    """This browser's kiosk device: from the enrolment link being opened, else from its cookie (its key checked
    once per request)."""
    return _enrolment()[0]


def _enrolment() -> tuple[Device | None, int | None]:
    # Kept on the request itself (not on `g`, which an app context shared by several requests would carry over).
    if _CACHED not in request.environ:
        device = _device_of_request()
        request.environ[_CACHED] = (device, device.id if device else None)
    return request.environ[_CACHED]


def _device_of_request() -> Device | None:
    if "device" in request.args:
        device = device_from_key(request.args.get("key"))
        return device if device is not None and device.id == int_arg(request.args.get("device")) else None
    return kiosk_of_cookie()


def kiosk_device_id() -> int | None:
    return _enrolment()[1]


def issuer_at(site: Site) -> Issuer | None:
    """Who issues a ticket from this kiosk page at `site`: its enrolled device, else the signed-in staff
    member of that site; None when neither (the page shows "Ki-ốt chưa được đăng ký")."""
    device = enrolled_device()
    if device is not None and device.site_id == site.id:
        return kiosk_issuer(device)
    if current_user.is_authenticated and current_user.may_use_site(site.id):
        return staff_issuer(current_user, "kiosk", site.id)
    return None
