from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .base import db


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

    def __repr__(self) -> str:
        return f"<Site {self.code}>"
