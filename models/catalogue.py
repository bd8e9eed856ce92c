"""The catalogue of administrative procedures (thủ tục hành chính) and their fields (lĩnh vực)."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db, utcnow

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


PROCEDURE_CODE_LENGTH = 60  # the width of Procedure.code


class ProcedureStatus:
    """Còn hiệu lực / được thay thế / bị bãi bỏ, by a decision taking effect on a date (the site's local day)."""

    IN_FORCE = "in_force"
    REPLACED = "replaced"
    ABOLISHED = "abolished"
    ALL = (IN_FORCE, REPLACED, ABOLISHED)
    LABELS = {IN_FORCE: _l("Còn hiệu lực"), REPLACED: _l("Được thay thế"), ABOLISHED: _l("Bị bãi bỏ")}


class Procedure(db.Model):
    """Thủ tục hành chính, keyed by its national code (e.g. 1.001193)."""

    __tablename__ = "procedures"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(PROCEDURE_CODE_LENGTH), unique=True)
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
    name_en: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20), default=ProcedureStatus.IN_FORCE)
    status_from: Mapped[date | None] = mapped_column(Date)  # when a replacement or abolition takes effect
    decision: Mapped[str] = mapped_column(String(300), default="")  # the deciding document
    replaced_by: Mapped[str] = mapped_column(
        String(PROCEDURE_CODE_LENGTH), default=""
    )  # the successor's code
    # A shipped prior (0–100) of how often citizens come for it: ranks a new centre's equal matches.
    prior: Mapped[int] = mapped_column(Integer, default=0)
    # Moves whenever an import changes the row: the search index of every process notices and rebuilds.
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    field: Mapped[Field | None] = relationship(back_populates="procedures")
    document_items: Mapped[list["ProcedureDocument"]] = relationship(
        order_by="ProcedureDocument.position", cascade="all, delete-orphan", back_populates="procedure"
    )
    services = relationship(
        "Service", secondary=service_procedures, viewonly=True, order_by="Service.position"
    )

    @property
    def national_code(self) -> str:
        """The national code without a provincial suffix: 1.001193.000.00.00.H48 → 1.001193."""
        return ".".join(self.code.split(".")[:2])

    def in_force_on(self, day: date) -> bool:
        """Still offered on this local day: in force, or replaced/abolished only from a later day."""
        return self.status == ProcedureStatus.IN_FORCE or (
            self.status_from is not None and day < self.status_from
        )

    def gone_on(self, day: date) -> bool:
        return not self.in_force_on(day)

    @property
    def status_label(self) -> str:
        return str(ProcedureStatus.LABELS.get(self.status, self.status))


class DocumentKind:
    ORIGINAL = "original"  # bản chính
    COPY = "copy"  # bản sao
    EITHER = "either"  # bản chính hoặc bản sao
    ALL = (ORIGINAL, COPY, EITHER)
    # The one set of words for a kind: the screens, the printed slip and the catalogue files all read it.
    LABELS = {ORIGINAL: _l("Bản chính"), COPY: _l("Bản sao"), EITHER: _l("Bản chính hoặc bản sao")}

    @classmethod
    def label(cls, kind: str) -> str:
        """The kind in the reader's language; an unknown kind as it is."""
        return str(cls.LABELS.get(kind, kind))


class ProcedureDocument(db.Model):
    """One paper a citizen must bring (thành phần hồ sơ): its name, original or copy, how many."""

    __tablename__ = "procedure_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10), default=DocumentKind.ORIGINAL)
    quantity: Mapped[int] = mapped_column(Integer, default=1)

    procedure: Mapped[Procedure] = relationship(back_populates="document_items")

    @property
    def kind_label(self) -> str:
        return DocumentKind.label(self.kind)


class SiteProcedureFee(db.Model):
    """The fee a centre charges for a procedure: fees differ between provinces, so this is the centre's own
    setting, edited in the back office; it overrides the catalogue's text on every screen of that site."""

    __tablename__ = "site_procedure_fees"

    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), primary_key=True
    )
    fees: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
