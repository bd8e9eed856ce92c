"""Printing outcomes: every print attempt is recorded; a printer whose latest attempt failed is an alert
that staff see live on the counter screens and the back office until a print on it succeeds again.

The printer itself is driven from printing/; this module only keeps the record and announces changes.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from .base import db, utcnow
from .signals import announce, printer_alert_changed


class PrintKind:
    TICKET = "ticket"
    REPRINT = "reprint"
    TEST = "test"
    SLIP = "slip"
    ALL = (TICKET, REPRINT, TEST, SLIP)


class PrintRecord(db.Model):
    """One print attempt. `printer_key` names the physical printer: "device:<id>" or "default" (PRINTER_URL)."""

    __tablename__ = "print_records"
    __table_args__ = (Index("ix_print_records_printer", "site_id", "printer_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    printer_key: Mapped[str] = mapped_column(String(40))
    printer_name: Mapped[str] = mapped_column(String(200), default="")
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id", ondelete="SET NULL"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(12))
    ok: Mapped[bool] = mapped_column(Boolean)
    fault: Mapped[str] = mapped_column(String(30), default="")
    message: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    duration_ms: Mapped[int | None] = mapped_column(Integer)


@dataclass
class PrintAttempt:
    site_id: int
    printer_key: str
    printer_name: str
    kind: str
    ok: bool
    fault: str = ""
    message: str = ""
    device_id: int | None = None
    ticket_id: int | None = None
    duration_ms: int | None = None


def _latest(session, site_id: int, printer_key: str) -> PrintRecord | None:
    return session.scalar(
        select(PrintRecord)
        .filter_by(site_id=site_id, printer_key=printer_key)
        .order_by(PrintRecord.id.desc())
        .limit(1)
    )


def record_print(session, attempt: PrintAttempt, *, now: datetime | None = None) -> PrintRecord:
    """Keep the outcome of one print; announce printer_alert_changed when the printer's alert changes."""
    before = _latest(session, attempt.site_id, attempt.printer_key)
    record = PrintRecord(
        site_id=attempt.site_id,
        printer_key=attempt.printer_key,
        printer_name=attempt.printer_name[:200],
        device_id=attempt.device_id,
        ticket_id=attempt.ticket_id,
        kind=attempt.kind if attempt.kind in PrintKind.ALL else PrintKind.TICKET,
        ok=attempt.ok,
        fault="" if attempt.ok else attempt.fault[:30],
        message="" if attempt.ok else str(attempt.message)[:300],
        at=now or utcnow(),
        duration_ms=attempt.duration_ms,
    )
    session.add(record)
    was_failing = before is not None and not before.ok
    changed = (not attempt.ok and (not was_failing or before.fault != record.fault)) or (
        attempt.ok and was_failing
    )
    if changed:
        announce(
            session,
            printer_alert_changed,
            site_id=attempt.site_id,
            printer_key=attempt.printer_key,
            alert=not attempt.ok,
            message=record.message,
        )
    return record


def printer_alerts(session, site_id: int) -> list[PrintRecord]:
    """The printers of a site whose latest attempt failed (oldest failure streak first is not needed: by name)."""
    latest = (
        select(func.max(PrintRecord.id))
        .where(PrintRecord.site_id == site_id)
        .group_by(PrintRecord.printer_key)
        .scalar_subquery()
    )
    rows = session.scalars(select(PrintRecord).where(PrintRecord.id.in_(latest), PrintRecord.ok.is_(False)))
    return sorted(rows, key=lambda record: record.printer_name)


def alert_rows(session, site_id: int) -> list[PrintRecord]:
    """The site's failing printers for the alert panels, each with `.since`: when its failure streak began."""
    rows = printer_alerts(session, site_id)
    for row in rows:
        row.since = failing_since(session, row)
    return rows


def failing_since(session, record: PrintRecord) -> datetime:
    """When the current failure streak of this printer began."""
    last_ok = session.scalar(
        select(func.max(PrintRecord.id)).where(
            PrintRecord.site_id == record.site_id,
            PrintRecord.printer_key == record.printer_key,
            PrintRecord.ok.is_(True),
        )
    )
    first = session.scalar(
        select(func.min(PrintRecord.at)).where(
            PrintRecord.site_id == record.site_id,
            PrintRecord.printer_key == record.printer_key,
            PrintRecord.id > (last_ok or 0),
        )
    )
    return first or record.at


# --- kiosk devices and their printer settings (the back office) ---------------------------------------------

PRINTER_SETTING_KEYS = ("printer_url", "paper_mm", "printer_profile", "qr_mode", "check_status")


def add_kiosk_device(session, site_id: int, name: str):
    from .device import Device, DeviceKind

    device = Device(site_id=site_id, kind=DeviceKind.KIOSK, name=name.strip()[:200], settings={})
    session.add(device)
    session.flush()
    return device


def set_printer_settings(session, device_id: int, values: dict):
    """Replace a kiosk device's printer settings (already validated by the caller); other settings stay."""
    from . import errors
    from .device import Device

    device = session.get(Device, device_id)
    if device is None:
        raise errors.NotFound()
    settings = {k: v for k, v in (device.settings or {}).items() if k not in PRINTER_SETTING_KEYS}
    settings.update({k: v for k, v in values.items() if k in PRINTER_SETTING_KEYS and v not in (None, "")})
    device.settings = settings  # a new dict: JSON columns do not track in-place changes
    return device
