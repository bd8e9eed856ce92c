"""Back office: the wall displays of a site (/admin/displays): each registered display's zone, layout, recent
calls, waiting counts, volume and scrolling notice, and the link of the small screen above each counter.
Displays are registered on the devices page; a change reloads the site's displays at once."""

from dataclasses import asdict

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from models import Counter, Device, DeviceKind, db
from models.display_settings import display_settings, update_display
from models.errors import RuleError
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.device_presence import device_key
from motcua.web import public_url, staff_site

from . import bp
from .setup_forms import refused

LAYOUTS = [("landscape", _l("Ngang (TV 1920×1080)")), ("portrait", _l("Dọc (1080×1920)"))]


def _displays(site) -> list[Device]:
    return db.session.scalars(
        select(Device).filter_by(site_id=site.id, kind=DeviceKind.DISPLAY).order_by(Device.id)
    ).all()


def _counters(site) -> list[Counter]:
    return db.session.scalars(select(Counter).filter_by(site_id=site.id).order_by(Counter.number)).all()


@bp.get("/displays")
@supervisor_required
def displays():
    site = staff_site()
    counters = _counters(site)
    return render_template(
        "admin/displays.html",
        site=site,
        displays=[(d, display_settings(d)) for d in _displays(site)],
        layouts=dict(LAYOUTS),
        counters=counters,
        counter_links={c.id: public_url("display.counter_page", counter_id=c.id) for c in counters},
    )


def _form_context(site, device, values) -> dict:
    zones = sorted(
        {c.zone for c in _counters(site) if c.zone} | ({values["zone"]} if values.get("zone") else set())
    )
    return {
        "site": site,
        "device": device,
        "values": values,
        "zones": [("", _("Tất cả các quầy"))] + [(z, z) for z in zones],
        "layouts": LAYOUTS,
        "link": public_url("display.board_page", site=site.code, device_key=device_key(device)),
    }


def _site_display(site, device_id: int) -> Device:
    device = db.session.get(Device, device_id)
    if device is None or device.site_id != site.id or device.kind != DeviceKind.DISPLAY:
        abort(404)
    return device


@bp.get("/displays/<int:device_id>")
@supervisor_required
def display_edit(device_id: int):
    site = staff_site()
    device = _site_display(site, device_id)
    values = asdict(display_settings(device))
    return render_template("admin/display_form.html", errors={}, **_form_context(site, device, values))


@bp.post("/displays/<int:device_id>")
@supervisor_required
def display_save(device_id: int):
    site = staff_site()
    device = _site_display(site, device_id)
    values = request.form.to_dict()
    try:
        perform(db.session, update_display, current_actor(), site.id, device.id, values)
    except RuleError as error:
        return refused("admin/display_form.html", error, **_form_context(site, device, values))
    flash(_("Đã lưu %(name)s; màn hình tự tải lại.", name=device.name), "info")
    return redirect(url_for("admin.displays", site=site.code))
