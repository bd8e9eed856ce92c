"""Queues (services) and the counters that serve them."""

from datetime import datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db
from .catalogue import Field, Procedure, service_fields, service_procedures
from .site import Site


class Service(db.Model):
    """A queue at a site: a letter prefix and a number range, e.g. A001–A999 for Hộ tịch."""

    __tablename__ = "services"
    __table_args__ = (UniqueConstraint("site_id", "prefix"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(500), default="")
    prefix: Mapped[str] = mapped_column(String(3))
    number_start: Mapped[int] = mapped_column(Integer, default=1)
    number_end: Mapped[int] = mapped_column(Integer, default=999)
    daily_cap: Mapped[int | None] = mapped_column(Integer)
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Used for the estimated wait until the day has finished tickets of its own to measure.
    default_minutes: Mapped[int] = mapped_column(Integer, default=6)
    # The kiosk stops issuing this many minutes before each window closes (the last citizen must be served).
    stop_issuing_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The kiosk button's colour, one of service_setup.COLORS ("green", …); empty: the house colour.
    color: Mapped[str] = mapped_column(String(7), default="", server_default="")
    # The kiosk button's icon, one of service_icons.ICONS ("family", …); empty: none.
    icon: Mapped[str] = mapped_column(String(20), default="", server_default="")

    site: Mapped[Site] = relationship()
    fields: Mapped[list[Field]] = relationship(secondary=service_fields)
    procedures: Mapped[list[Procedure]] = relationship(secondary=service_procedures)
    windows: Mapped[list["ServiceWindow"]] = relationship(
        order_by="(ServiceWindow.weekday, ServiceWindow.opens_at)", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Service {self.prefix} {self.name}>"


class ServiceWindow(db.Model):
    """One opening window of a service on one weekday (0 = Monday), local time: a day with a lunch break has
    two. A service with no window at all keeps the older single opens_at–closes_at (or is always open)."""

    __tablename__ = "service_windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    opens_at: Mapped[time] = mapped_column(Time)
    closes_at: Mapped[time] = mapped_column(Time)


class CounterService(db.Model):
    """Which services a counter serves, in the order it prefers them."""

    __tablename__ = "counter_services"

    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id", ondelete="CASCADE"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    service: Mapped[Service] = relationship()


class CounterStatus:
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"  # free: any officer of the site may take it
    SHUT = "shut"  # closed by a supervisor: no one may take it until a supervisor opens it again


class PauseReason:
    BREAK = "break"  # nghỉ giải lao
    MEETING = "meeting"  # họp
    HELPING = "helping"  # hỗ trợ quầy khác
    OTHER = "other"
    ALL = (BREAK, MEETING, HELPING, OTHER)
    LABELS = {
        BREAK: _l("Nghỉ giải lao"),
        MEETING: _l("Họp"),
        HELPING: _l("Hỗ trợ quầy khác"),
        OTHER: _l("Việc khác"),
    }


class Counter(db.Model):
    """Quầy: where an officer receives citizens."""

    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("site_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), default=CounterStatus.CLOSED)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # Which wall display zone announces this counter ("" = every display of the site).
    zone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # While paused: why (PauseReason) and since when (the reports count pause time from counter_events).
    pause_reason: Mapped[str | None] = mapped_column(String(20))
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)

    site: Mapped[Site] = relationship()
    links: Mapped[list[CounterService]] = relationship(
        order_by=CounterService.position, cascade="all, delete-orphan"
    )
    officer = relationship("User", foreign_keys=[officer_id])

    @property
    def services(self) -> list[Service]:
        return [link.service for link in self.links]

    @property
    def service_ids(self) -> list[int]:
        return [link.service_id for link in self.links]

    def __repr__(self) -> str:
        return f"<Counter {self.number}>"
