from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import db


class SiteKind:
    PROVINCE = "province"  # the province's Trung tâm Phục vụ hành chính công (or one of its branches)
    COMMUNE = "commune"  # a commune, ward or special zone's centre
    ALL = (PROVINCE, COMMUNE)


class Site(db.Model):
    """A centre: a province-level Trung tâm phục vụ hành chính công or a commune/ward Bộ phận một cửa."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    timezone: Mapped[str] = mapped_column(String(60), default="Asia/Ho_Chi_Minh")
    # Shown to citizens, e.g. "Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00".
    opening_hours: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(20), default=SiteKind.COMMUNE, server_default=SiteKind.COMMUNE)
    # The province-level site a commune centre belongs to. No foreign key in the database: adding one to an
    # existing SQLite table means copying it, which foreign keys forbid; models/sites.py checks it instead.
    parent_id: Mapped[int | None] = mapped_column(Integer)
    # Shown on the kiosk and the wall display.
    hotline: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # Where citizens' phones reach this centre (QR codes); empty: PUBLIC_URL, else the request's address.
    public_url: Mapped[str] = mapped_column(String(300), default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # Who is called next (models/priority.py: pick_next): "strict", "ratio" (at most priority_ratio priority
    # tickets in a row while a normal one waits) or "off"; past priority_max_wait_minutes (if set) any ticket goes
    # before newer ones.
    priority_policy: Mapped[str] = mapped_column(String(10), default="ratio")
    priority_ratio: Mapped[int] = mapped_column(Integer, default=3)
    priority_max_wait_minutes: Mapped[int | None] = mapped_column(Integer)
    # The floor view colours a service whose longest wait passes this.
    wait_target_minutes: Mapped[int] = mapped_column(Integer, default=20)
    # Who signs the dossier letters (Mẫu 04): the head of the unit, e.g. "Nguyễn Văn A", "Giám đốc".
    dossier_signer_name: Mapped[str] = mapped_column(String(200), default="")
    dossier_signer_title: Mapped[str] = mapped_column(String(200), default="")

    def __repr__(self) -> str:
        return f"<Site {self.code}>"
