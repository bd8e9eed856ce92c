"""Queues (services) and the counters that serve them."""

from datetime import time

from sqlalchemy import Boolean, ForeignKey, Integer, String, Time, UniqueConstraint
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

    site: Mapped[Site] = relationship()
    fields: Mapped[list[Field]] = relationship(secondary=service_fields)
    procedures: Mapped[list[Procedure]] = relationship(secondary=service_procedures)

    def __repr__(self) -> str:
        return f"<Service {self.prefix} {self.name}>"


def service_is_open(service: Service, at_local: time) -> bool:
    if not service.active:
        return False
    if service.opens_at and at_local < service.opens_at:
        return False
    return not (service.closes_at and at_local >= service.closes_at)


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
    CLOSED = "closed"


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
