"""A centre's own days: a closed day (nghỉ) on top of the public holidays, or a make-up working day (ngày làm
bù) such as a Saturday worked in exchange for a bridge day."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import db, utcnow


class DayKind:
    CLOSED = "closed"
    WORKING = "working"
    ALL = (CLOSED, WORKING)
    LABELS = {CLOSED: _l("Ngày nghỉ của Trung tâm"), WORKING: _l("Ngày làm việc bù")}


class SiteDay(db.Model):
    __tablename__ = "site_days"

    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def kind_label(self) -> str:
        return str(DayKind.LABELS.get(self.kind, self.kind))
