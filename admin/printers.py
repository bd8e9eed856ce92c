"""Back office: printers per kiosk device (PRINTER_URL is the default), test tickets with a preview,
reprints, and the live printer alerts."""

from dataclasses import replace

from flask import current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from models import db
from models.audit import audited
from models.device import renew_kiosk_key
from models.errors import RuleError
from models.printing import add_kiosk_device, alert_rows, set_printer_settings
from models.queries import ticket_by_code_today
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.kiosk_keys import kiosk_key
from motcua.web import int_arg, public_url, staff_site
from printing.documents import ticket_document
from printing.faults import PrinterFault
from printing.printers import (
    default_printer,
    device_printer,
    is_operator_url,
    kiosk_device,
    kiosk_devices,
)
from printing.render import png_buffer
from printing.reprint import print_test, reprint, test_content
from printing.transports import PAPER_WIDTHS, QR_MODES, PrinterSettings, check_settings, profile_names

from . import bp


def _printers(site) -> list:
    return [default_printer(site), *(device_printer(d) for d in kiosk_devices(site.id))]


def _printer(site, key: str):
    for printer in _printers(site):
        if printer.key == key:
            return printer
    return default_printer(site)


def _back(site):
    return redirect(url_for("admin.printers", site=site.code))


@bp.get("/printers")
@supervisor_required
def printers():
    site = staff_site()
    return render_template(
        "admin/printers.html",
        site=site,
        printers=_printers(site),
        devices={d.id: d for d in kiosk_devices(site.id)},
        enrol_links={d.id: enrol_link(d) for d in kiosk_devices(site.id)},
        alerts=alert_rows(db.session, site.id),
        default_url=current_app.config.get("PRINTER_URL") or "preview",
        profiles=profile_names(),
        paper_widths=PAPER_WIDTHS,
        qr_modes=QR_MODES,
        tested=request.args.get("tested"),
    )


@bp.post("/printers/devices")
@supervisor_required
def add_device():
    site = staff_site()
    name = request.form.get("name", "").strip()
    if not name:
        flash(_("Xin nhập tên ki-ốt."), "error")
        return _back(site)
    actor = current_actor()
    perform(
        db.session, audited(add_kiosk_device, actor, "device_created", name, site_id=site.id), site.id, name
    )
    flash(_("Đã thêm ki-ốt %(name)s.", name=name), "info")
    return _back(site)


def enrol_link(device) -> str:
    """Opened once on the kiosk, this link enrols it (kiosk/enrolment.py)."""
    return public_url("kiosk.home", site=device.site.code, device=device.id, key=kiosk_key(device))


@bp.post("/printers/devices/<int:device_id>/new-key")
@supervisor_required
def renew_device_key(device_id: int):
    """Revoke this kiosk's key (a lost or stolen kiosk, a leaked link); the other kiosks keep theirs."""
    site = staff_site()
    try:
        renew = audited(
            renew_kiosk_key, current_actor(), "device_key_renewed", str(device_id), site_id=site.id
        )
        device = perform(db.session, renew, device_id, site.id)
    except RuleError as error:
        flash(str(error.message), "error")
        return _back(site)
    flash(
        _("Đã thu hồi khoá cũ của %(name)s. Mở liên kết đăng ký mới trên ki-ốt đó.", name=device.name), "info"
    )
    return _back(site)


@bp.post("/printers/devices/<int:device_id>")
@supervisor_required
def save_device(device_id: int):
    site = staff_site()
    device = kiosk_device(site, device_id)
    if device is None:
        flash(_("Không tìm thấy ki-ốt này."), "error")
        return _back(site)
    values = {
        "printer_url": request.form.get("printer_url", "").strip()[:300],
        "paper_mm": int_arg(request.form.get("paper_mm")),
        "printer_profile": request.form.get("printer_profile", "").strip(),
        "qr_mode": request.form.get("qr_mode", "image"),
        "check_status": request.form.get("check_status") == "1",
    }
    settings = PrinterSettings.from_settings(values, current_app.config.get("PRINTER_URL") or "preview")
    settings = replace(settings, trusted=is_operator_url(settings.url))
    try:
        if values["paper_mm"] not in PAPER_WIDTHS or values["qr_mode"] not in QR_MODES:
            raise PrinterFault("config")
        check_settings(settings)
        audit = audited(
            set_printer_settings,
            current_actor(),
            "printer_changed",
            device.name,
            site_id=site.id,
            after=values,
        )
        perform(db.session, audit, device.id, values)
    except (PrinterFault, RuleError) as error:
        flash(str(error.message), "error")
        return _back(site)
    flash(_("Đã lưu cấu hình máy in của %(name)s.", name=device.name), "info")
    return _back(site)


@bp.post("/printers/test")
@supervisor_required
def test_print():
    site = staff_site()
    printer = _printer(site, request.form.get("printer", ""))
    outcome = print_test(printer, site)
    if outcome.ok:
        flash(_("Đã in phiếu thử trên %(name)s.", name=printer.name), "info")
    else:
        flash(
            _("Máy in %(name)s chưa in được: %(reason)s", name=printer.name, reason=outcome.message), "error"
        )
    return redirect(url_for("admin.printers", site=site.code, tested=printer.key))


@bp.get("/printers/test.png")
@supervisor_required
def test_preview():
    """The exact image a test ticket prints on this printer (its paper width)."""
    site = staff_site()
    printer = _printer(site, request.args.get("printer", ""))
    image = ticket_document(test_content(site), printer.settings).image
    return send_file(png_buffer(image), mimetype="image/png")


@bp.post("/printers/reprint")
@supervisor_required
def reprint_ticket():
    site = staff_site()
    code = request.form.get("code", "")
    ticket = ticket_by_code_today(db.session, site, code)
    if ticket is None:
        flash(_("Không tìm thấy số %(code)s trong hôm nay.", code=code.strip()[:12]), "error")
        return _back(site)
    printer = _printer(site, request.form.get("printer", ""))
    outcome = reprint(printer, ticket)
    if outcome.ok:
        flash(_("Đã in lại số %(code)s.", code=ticket.code), "info")
    else:
        flash(_("Chưa in lại được: %(reason)s", reason=outcome.message), "error")
    return _back(site)
