"""Tickets (số thứ tự), their append-only event log, and the per-day number sequences."""

import secrets
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db, utcnow
from .priority import PriorityCategory
from .service import Counter, Service
from .site import Site
from .user import User


class Status:
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    # Parked at its counter (gone to make a copy, to pay a fee): the counter serves others meanwhile and
    # resumes it later (models/counter_operations.py). Still holds the counter's id, but is not its current one.
    HELD = "held"
    CANCELLED = "cancelled"  # with a reason (CancelReason): counted apart from no-shows
    # A transfer is no status of its own: the same ticket (same code, same paper) waits again in another
    # queue, and its events say "transferred" (models/queue.py).

    AT_COUNTER = (CALLED, SERVING)
    FINISHED = (DONE, NO_SHOW)


class Priority:
    NORMAL = 0
    PRIORITY = 1  # người cao tuổi, người khuyết tật, phụ nữ mang thai ... (the category says which)


class CancelReason:
    CITIZEN_LEFT = "citizen_left"
    DUPLICATE = "duplicate"
    WRONG_SERVICE = "wrong_service"
    ALL = (CITIZEN_LEFT, DUPLICATE, WRONG_SERVICE)
    LABELS = {
        CITIZEN_LEFT: _l("Công dân đã về"),
        DUPLICATE: _l("Số lấy trùng"),
        WRONG_SERVICE: _l("Lấy nhầm dịch vụ"),
    }


TOKEN_LENGTH = 32  # the width of Ticket.token


def new_token() -> str:
    return secrets.token_urlsafe(12)


class TicketSequence(db.Model):
    """The last number given per (site, service, local day); advanced by one atomic upsert (models/numbering.py)."""

    __tablename__ = "ticket_sequences"

    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


# A counter holds at most one citizen: the database refuses a second called or serving ticket at one counter,
# whatever the requests racing to call do (models/queue.py turns the refusal into CounterBusy).
AT_COUNTER_SQL = "status IN ('called', 'serving')"
ONE_CURRENT_PER_COUNTER = "uq_tickets_one_current_per_counter"


class Ticket(db.Model):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("site_id", "service_id", "day", "number"),
        Index(
            ONE_CURRENT_PER_COUNTER,
            "counter_id",
            unique=True,
            sqlite_where=text(AT_COUNTER_SQL),
            postgresql_where=text(AT_COUNTER_SQL),
        ),
        # The period reports read a site's range of local days (models/report_operations.py).
        Index("ix_tickets_site_day", "site_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    # The service the ticket was issued for: with the day and number it names the ticket.
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    # The queue it waits in now; differs from service_id after a transfer.
    queue_service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    target_counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    day: Mapped[date] = mapped_column(Date)
    number: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(12))
    priority: Mapped[int] = mapped_column(Integer, default=Priority.NORMAL)
    # No foreign key (migration 0009 says why): categories are never deleted, only made inactive.
    priority_category_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default=Status.WAITING, index=True)
    channel: Mapped[str] = mapped_column(String(12), default="kiosk")
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    token: Mapped[str] = mapped_column(String(TOKEN_LENGTH), unique=True, default=new_token)
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    queued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    served_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    held_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancel_reason: Mapped[str | None] = mapped_column(String(20))

    site: Mapped[Site] = relationship()
    service: Mapped[Service] = relationship(foreign_keys=[service_id])
    queue_service: Mapped[Service] = relationship(foreign_keys=[queue_service_id])
    counter: Mapped[Counter | None] = relationship(foreign_keys=[counter_id])
    officer: Mapped[User | None] = relationship()
    priority_category: Mapped[PriorityCategory | None] = relationship(
        primaryjoin="foreign(Ticket.priority_category_id) == PriorityCategory.id", viewonly=True
    )
    events: Mapped[list["TicketEvent"]] = relationship(
        back_populates="ticket", order_by="TicketEvent.id", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Ticket {self.code} {self.status}>"


class TicketEvent(db.Model):
    """Append-only: who did what to a ticket, and when (the audit trail, and the "not rated" marks).

    The back-office figures and the satisfaction report read the ticket's own columns (status, timestamps,
    counter, officer), which every rule keeps in step with these rows."""

    __tablename__ = "ticket_events"
    # The reports look up the few tickets transferred, held or returned (models/report_operations.py).
    __table_args__ = (Index("ix_ticket_events_type_ticket", "type", "ticket_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    ticket: Mapped[Ticket] = relationship(back_populates="events")
