"""Which printer a job goes to: a kiosk device's own printer settings, else the server's PRINTER_URL.

A kiosk page knows its device from its enrolment link, remembered in a cookie (kiosk/enrolment.py).
Reprints from a counter or the back office go to the site's first kiosk device with a printer configured,
else to PRINTER_URL.
"""

from dataclasses import replace

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from models import Device, DeviceKind, db

from .dispatch import Printer
from .transports import PrinterSettings

DEFAULT_KEY = "default"


def default_settings() -> PrinterSettings:
    config = current_app.config
    settings = PrinterSettings.from_settings(
        {
            "paper_mm": config["PRINTER_PAPER_MM"],
            "printer_profile": config["PRINTER_PROFILE"] or None,
        },
        config.get("PRINTER_URL") or "preview",
    )
    return replace(settings, trusted=True)  # the operator's own setting, from the environment


def is_operator_url(url: str) -> bool:
    """The operator's PRINTER_URL is trusted wherever it is used, even when a supervisor copies it."""
    return url.strip() == (current_app.config.get("PRINTER_URL") or "preview").strip()


def default_printer(site) -> Printer:
    return Printer(key=DEFAULT_KEY, name=_("Máy in mặc định"), site_id=site.id, settings=default_settings())


def device_printer(device: Device) -> Printer:
    defaults = default_settings()
    merged = {
        "paper_mm": defaults.paper_mm,
        "printer_profile": defaults.profile,
        **(device.settings or {}),
    }
    settings = PrinterSettings.from_settings(merged, defaults.url)
    settings = replace(settings, trusted=is_operator_url(settings.url))
    return Printer(
        key=f"device:{device.id}",
        name=device.name,
        site_id=device.site_id,
        settings=settings,
        device_id=device.id,
    )


def kiosk_devices(site_id: int) -> list[Device]:
    return list(
        db.session.scalars(
            select(Device).filter_by(site_id=site_id, kind=DeviceKind.KIOSK).order_by(Device.id)
        )
    )


def kiosk_device(site, device_id) -> Device | None:
    device = db.session.get(Device, device_id) if isinstance(device_id, int) else None
    if device is None or device.site_id != site.id or device.kind != DeviceKind.KIOSK:
        return None
    return device


def printer_for_kiosk(site, device_id) -> Printer:
    device = kiosk_device(site, device_id)
    return device_printer(device) if device else site_printer(site)


def site_printer(site) -> Printer:
    for device in kiosk_devices(site.id):
        if (device.settings or {}).get("printer_url"):
            return device_printer(device)
    return default_printer(site)
