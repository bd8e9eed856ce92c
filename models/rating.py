from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db, utcnow
from .ticket import Ticket


class Level:
    """Đánh giá mức độ hài lòng, the four national levels."""

    VERY_SATISFIED = "rat_hai_long"
    SATISFIED = "hai_long"
    NEUTRAL = "binh_thuong"
    DISSATISFIED = "khong_hai_long"
    ALL = (VERY_SATISFIED, SATISFIED, NEUTRAL, DISSATISFIED)


class Rating(db.Model):
    """One per ticket, whatever the channel (tablet at the counter, or the citizen's phone)."""

    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), unique=True)
    level: Mapped[str] = mapped_column(String(20))
    criteria: Mapped[list] = mapped_column(JSON, default=list)
    comment: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(20), default="tablet")
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    ticket: Mapped[Ticket] = relationship()
