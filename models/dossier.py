"""Dossiers (hồ sơ) received at the counter, their per-day numbering and their append-only log (Mẫu 06).

A dossier's code has the national shape `<unit code>-YYMMDD-XXXX`: the site's code, the local day of receipt
and a four-digit number of that day, advanced by one atomic upsert like ticket numbers.
"""

import secrets
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db, utcnow
from .catalogue import Procedure
from .site import Site
from .ticket import Ticket
from .user import User


class DossierStatus:
    RECEIVED = "received"  # đã tiếp nhận
    PROCESSING = "processing"  # đang giải quyết (sent to the department in charge)
    SUPPLEMENT = "supplement"  # chờ bổ sung, hoàn thiện (Mẫu 02): the time limit pauses
    RESULT_READY = "result_ready"  # có kết quả, chờ trả
    RETURNED = "returned"  # đã trả kết quả
    REFUSED = "refused"  # từ chối giải quyết (Mẫu 03)
    STOPPED = "stopped"  # dừng giải quyết (Mẫu 05)

    ALL = (RECEIVED, PROCESSING, SUPPLEMENT, RESULT_READY, RETURNED, REFUSED, STOPPED)
    FINISHED = (RETURNED, REFUSED, STOPPED)
    # Still with the administration: these count towards the watch list and "pending".
    OPEN = (RECEIVED, PROCESSING, SUPPLEMENT)
    # The allowed moves; anything else (returned before the result is ready, say) is refused.
    NEXT = {
        RECEIVED: (PROCESSING, SUPPLEMENT, RESULT_READY, REFUSED, STOPPED),
        PROCESSING: (SUPPLEMENT, RESULT_READY, STOPPED),
        SUPPLEMENT: (PROCESSING, REFUSED, STOPPED),
        RESULT_READY: (RETURNED,),
        RETURNED: (),
        REFUSED: (),
        STOPPED: (),
    }
    LABELS = {
        RECEIVED: _l("Đã tiếp nhận"),
        PROCESSING: _l("Đang giải quyết"),
        SUPPLEMENT: _l("Chờ bổ sung hồ sơ"),
        RESULT_READY: _l("Đã có kết quả, chờ trả"),
        RETURNED: _l("Đã trả kết quả"),
        REFUSED: _l("Từ chối giải quyết"),
        STOPPED: _l("Dừng giải quyết"),
    }

    @classmethod
    def label(cls, status: str) -> str:
        return str(cls.LABELS.get(status, status))


class Delivery:
    CENTRE = "centre"  # nhận tại Trung tâm
    POST = "post"  # qua dịch vụ bưu chính công ích
    ALL = (CENTRE, POST)
    LABELS = {CENTRE: _l("Nhận trực tiếp tại Trung tâm"), POST: _l("Qua dịch vụ bưu chính công ích")}


class Timeliness:
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    LATE_WITH_APOLOGY = "late_with_apology"
    LABELS = {
        EARLY: _l("Trước hạn"),
        ON_TIME: _l("Đúng hạn"),
        LATE: _l("Trễ hạn"),
        LATE_WITH_APOLOGY: _l("Trễ hạn có xin lỗi"),
    }


def new_dossier_token() -> str:
    return secrets.token_urlsafe(12)


class DossierSequence(db.Model):
    __tablename__ = "dossier_sequences"

    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class Dossier(db.Model):
    __tablename__ = "dossiers"
    __table_args__ = (
        UniqueConstraint("site_id", "day", "number"),
        # The director's report counts the dossiers resolved in a period (models/report_national.py).
        Index("ix_dossiers_site_ready", "site_id", "result_ready_at"),
        Index("ix_dossiers_site_received", "site_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    day: Mapped[date] = mapped_column(Date)  # the local day of receipt
    number: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    token: Mapped[str] = mapped_column(String(32), unique=True, default=new_dossier_token)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"), index=True)
    # The ticket the kiosk's "Nhận kết quả" issued to hand the result back (the officer who calls it sees this
    # dossier).
    return_ticket_id: Mapped[int | None] = mapped_column(
        ForeignKey("tickets.id", ondelete="SET NULL"), index=True
    )
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_phone: Mapped[str] = mapped_column(String(20), default="")
    applicant_address: Mapped[str] = mapped_column(String(300), default="")
    applicant_email: Mapped[str] = mapped_column(String(200), default="")
    # [{"name", "kind", "quantity"}]: a copy of what was received, not a link to the catalogue (which changes).
    documents: Mapped[list] = mapped_column(JSON, default=list)
    fee: Mapped[int] = mapped_column(Integer, default=0)  # đồng
    delivery: Mapped[str] = mapped_column(String(10), default=Delivery.CENTRE)
    status: Mapped[str] = mapped_column(String(15), default=DossierStatus.RECEIVED, index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The due date in force (moves when the time limit pauses and resumes, or with an apology's new date) and
    # the one first promised on Mẫu 01.
    due_date: Mapped[date] = mapped_column(Date, index=True)
    first_due_date: Mapped[date] = mapped_column(Date)
    # While waiting for the citizen to complete the dossier: the working days the limit still had.
    paused_days_left: Mapped[int | None] = mapped_column(Integer)
    result_ready_at: Mapped[datetime | None] = mapped_column(DateTime)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    timeliness: Mapped[str | None] = mapped_column(String(20))
    # Mẫu 04: one apology (and extension) per dossier.
    apology_at: Mapped[datetime | None] = mapped_column(DateTime)
    apology_reason: Mapped[str] = mapped_column(Text, default="")
    apology_signer: Mapped[str] = mapped_column(String(200), default="")
    apology_signer_title: Mapped[str] = mapped_column(String(200), default="")
    apology_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    site: Mapped[Site] = relationship()
    procedure: Mapped[Procedure] = relationship()
    ticket: Mapped[Ticket | None] = relationship(foreign_keys=[ticket_id])
    return_ticket: Mapped[Ticket | None] = relationship(foreign_keys=[return_ticket_id])
    officer: Mapped[User | None] = relationship(foreign_keys=[officer_id])
    events: Mapped[list["DossierEvent"]] = relationship(
        back_populates="dossier", order_by="DossierEvent.id", cascade="all, delete-orphan"
    )

    @property
    def status_label(self) -> str:
        return DossierStatus.label(self.status)

    @property
    def initial(self) -> str:
        """What a stranger may see of the applicant: the first letter of the name."""
        words = self.applicant_name.split()
        return (words[0][0] + ".") if words else ""

    def __repr__(self) -> str:
        return f"<Dossier {self.code} {self.status}>"


class DossierEvent(db.Model):
    """Append-only: every change of a dossier, who made it and when (Phiếu kiểm soát, Mẫu 06)."""

    __tablename__ = "dossier_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    type: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(15))
    to_status: Mapped[str | None] = mapped_column(String(15))
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    dossier: Mapped[Dossier] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship()
