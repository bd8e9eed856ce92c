from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db
from .site import Site


class DeviceKind:
    KIOSK = "kiosk"
    DISPLAY = "display"
    RATING_TABLET = "rating_tablet"
    PRINTER = "printer"
    ALL = (KIOSK, DISPLAY, RATING_TABLET, PRINTER)


class Device(db.Model):
    """A kiosk, wall display, rating tablet or printer, with its own settings (e.g. printer_url, paper width)."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime)

    site: Mapped[Site] = relationship()
