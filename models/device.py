from sqlalchemy import JSON, ForeignKey, Integer, String, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db
from .site import Site


class DeviceKind:
    # The only kind so far: displays and rating tablets need no row (a tablet's link is signed per counter).
    KIOSK = "kiosk"


class Device(db.Model):
    """A registered kiosk, with its printer settings (printer_url, paper_mm, profile, ...)."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    # Not used yet (a kiosk belongs to the lobby, not a counter); kept because dropping it would copy the table
    # on SQLite and, with foreign keys on, empty print_records.device_id.
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    # Signed into a kiosk's key (motcua/kiosk_keys.py): bumping it revokes that kiosk's key and no other.
    key_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    site: Mapped[Site] = relationship()


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
