"""Who did what to a counter itself (a supervisor releasing it or taking it over), kept for the record.

The ticket affected gets its own TicketEvent; this log answers "who freed counter 3 at 10:42, and from whom?"
even when no citizen was at the counter."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db, utcnow
from .service import Counter
from .user import User


class CounterEvent(db.Model):
    __tablename__ = "counter_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    type: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The supervisor who acted, and the officer who held the counter before.
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"))
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    counter: Mapped[Counter] = relationship()
    actor: Mapped[User] = relationship(foreign_keys=[actor_id])
    officer: Mapped[User | None] = relationship(foreign_keys=[officer_id])
