"""Back office: the devices of a site (/admin/devices): kiosks, wall displays, rating tablets and printers, each
with its own link and key (revocable one by one), when it last reported in, and a warning for a display or
tablet that has gone silent. A kiosk's printer is set up on the printers page."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from models import Counter, Device, DeviceKind, db, utcnow
from models.devices import OFFLINE_AFTER, add_device, is_offline, renew_device_key
from models.errors import RuleError
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.device_presence import device_key
from motcua.kiosk_keys import kiosk_key
from motcua.tablet_keys import tablet_key
from motcua.web import public_url, staff_site

from . import bp
from .setup_forms import refused

KIND_LABELS = {
    DeviceKind.KIOSK: _l("Ki-ốt lấy số"),
    DeviceKind.DISPLAY: _l("Màn hình gọi số"),
    DeviceKind.TABLET: _l("Máy tính bảng đánh giá"),
    DeviceKind.PRINTER: _l("Máy in"),
}


def device_link(device: Device) -> str | None:
    """The link that, opened once on the device, makes it this device; None for a printer."""
    site = device.site
    if device.kind == DeviceKind.KIOSK:
        return public_url("kiosk.home", site=site.code, device=device.id, key=kiosk_key(device))
    if device.kind == DeviceKind.DISPLAY:
        return public_url("display.board_page", site=site.code, device_key=device_key(device))
    if device.kind == DeviceKind.TABLET and device.counter_id is not None:
        return public_url("tablet.page", counter_id=device.counter_id, key=tablet_key(device))
    return None


def _context(site, values=None) -> dict:
    devices = db.session.scalars(
        select(Device).filter_by(site_id=site.id).order_by(Device.kind, Device.id)
    ).all()
    now = utcnow()
    return {
        "site": site,
        "devices": devices,
        "links": {d.id: device_link(d) for d in devices},
        "offline": {d.id for d in devices if is_offline(d, now)},
        "offline_minutes": int(OFFLINE_AFTER.total_seconds() // 60),
        "kinds": list(KIND_LABELS.items()),
        "kind_labels": KIND_LABELS,
        "counters": [("", _("— không —"))]
        + [
            (c.id, f"{c.number} {c.name}")
            for c in db.session.scalars(select(Counter).filter_by(site_id=site.id))
        ],
        "values": values or {"kind": DeviceKind.DISPLAY},
    }


@bp.get("/devices")
@supervisor_required
def devices():
    return render_template("admin/devices.html", errors={}, **_context(staff_site()))


@bp.post("/devices")
@supervisor_required
def device_create():
    site = staff_site()
    values = request.form.to_dict()
    try:
        device = perform(db.session, add_device, current_actor(), site.id, values)
    except RuleError as error:
        return refused("admin/devices.html", error, **_context(site, values))
    flash(_("Đã thêm %(name)s. Mở liên kết của nó một lần trên chính thiết bị đó.", name=device.name), "info")
    return redirect(url_for("admin.devices", site=site.code))


@bp.post("/devices/<int:device_id>/new-key")
@supervisor_required
def device_new_key(device_id: int):
    site = staff_site()
    try:
        device = perform(db.session, renew_device_key, current_actor(), site.id, device_id)
    except RuleError as error:
        flash(str(error.message), "error")
    else:
        flash(
            _("Đã thu hồi khoá cũ của %(name)s. Mở liên kết mới trên thiết bị đó.", name=device.name), "info"
        )
    return redirect(url_for("admin.devices", site=site.code))
