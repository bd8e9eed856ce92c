"""The catalogue of administrative procedures (thủ tục hành chính) and their fields (lĩnh vực)."""

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db

service_fields = Table(
    "service_fields",
    db.metadata,
    Column("service_id", Integer, ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
    Column("field_id", Integer, ForeignKey("fields.id", ondelete="CASCADE"), primary_key=True),
)

service_procedures = Table(
    "service_procedures",
    db.metadata,
    Column("service_id", Integer, ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
    Column("procedure_id", Integer, ForeignKey("procedures.id", ondelete="CASCADE"), primary_key=True),
)


class Field(db.Model):
    """Lĩnh vực: Hộ tịch, Chứng thực, Đất đai ..."""

    __tablename__ = "fields"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))

    procedures: Mapped[list["Procedure"]] = relationship(back_populates="field", order_by="Procedure.name")


class Procedure(db.Model):
    """Thủ tục hành chính, keyed by its national code (e.g. 1.001193)."""

    __tablename__ = "procedures"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    field_id: Mapped[int | None] = mapped_column(ForeignKey("fields.id"))
    level: Mapped[str] = mapped_column(String(40), default="")
    processing_time: Mapped[str] = mapped_column(String(300), default="")
    processing_days: Mapped[int | None] = mapped_column(Integer)
    fees: Mapped[str] = mapped_column(Text, default="")
    documents: Mapped[str] = mapped_column(Text, default="")
    submission: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    online: Mapped[str] = mapped_column(String(20), default="none")  # toan_trinh | mot_phan | none
    official_url: Mapped[str] = mapped_column(String(500), default="")

    field: Mapped[Field | None] = relationship(back_populates="procedures")
