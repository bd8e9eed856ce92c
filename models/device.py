from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db
from .site import Site


class DeviceKind:
    KIOSK = "kiosk"  # enrolled by its link (motcua/kiosk_keys.py); issues tickets
    DISPLAY = "display"  # a wall display opened by its device link: its last contact is watched
    TABLET = "tablet"  # a rating tablet at a counter, likewise
    PRINTER = "printer"  # a registered printer, for the inventory (kiosks carry the printer settings)
    ALL = (KIOSK, DISPLAY, TABLET, PRINTER)
    WATCHED = (KIOSK, DISPLAY, TABLET)  # these report in; a printer is watched by its alerts


class Device(db.Model):
    """A registered kiosk (with its printer settings: printer_url, paper_mm, profile, ...), wall display,
    rating tablet or printer of a site."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    # A rating tablet's counter (its key admits it to that counter's ratings alone); a kiosk, display or printer
    # belongs to the lobby and has none.
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    # Signed into a kiosk's key (motcua/kiosk_keys.py): bumping it revokes that kiosk's key and no other.
    key_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # When the device last asked the server for something (models/devices.py: device_seen).
    last_contact_at: Mapped[datetime | None] = mapped_column(DateTime)

    site: Mapped[Site] = relationship()
    counter: Mapped["Counter | None"] = relationship()  # noqa: F821 (models/service.py)


def renew_kiosk_key(session, device_id: int, site_id: int) -> Device:
    """Revoke a kiosk's key by moving to the next version; the kiosk must be enrolled again with the new key.

    One conditional UPDATE, so two supervisors pressing the button at once both leave a valid, single version.
    """
    from . import errors

    device = session.get(Device, device_id) if isinstance(device_id, int) else None
    if device is None or device.kind != DeviceKind.KIOSK or device.site_id != site_id:
        raise errors.NotFound()
    session.execute(update(Device).where(Device.id == device.id).values(key_version=Device.key_version + 1))
    session.refresh(device)
    return device
