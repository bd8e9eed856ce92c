"""Keeping the catalogue current from the back office: an uploaded file is checked and previewed ("42 new,
7 changed, 3 abolished — confirm?") without writing anything, then applied on confirmation, kept with who and
when, and can be reverted. The checks and the writing are the CLI's own (catalogue_io.import_catalogue)."""

import json
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text, delete, select, update
from sqlalchemy.orm import Mapped, mapped_column

from .base import db, utcnow
from .catalogue import Field, Procedure, service_fields
from .catalogue_io import ImportReport, export_rows, file_codes, import_catalogue
from .errors import NotFound, RuleError
from .search_index import forget_index

PENDING_HOURS = 24  # an upload nobody confirmed is dropped after this


class ImportState:
    PENDING = "pending"  # previewed, awaiting confirmation
    APPLIED = "applied"
    REVERTED = "reverted"


class CatalogueImport(db.Model):
    __tablename__ = "catalogue_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(200), default="")
    fmt: Mapped[str] = mapped_column(String(10))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(10), default=ImportState.PENDING)
    created: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    abolished: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    # What reverting needs: the codes this import created and the rows it changed, as they were before.
    before: Mapped[str] = mapped_column(Text, default="")
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    applied_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    applied_at: Mapped[datetime | None] = mapped_column(DateTime)
    reverted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reverted_at: Mapped[datetime | None] = mapped_column(DateTime)


class ImportNotPending(RuleError):
    code = "import_not_pending"
    message = _l("Tệp này đã được nhập hoặc đã huỷ; hãy tải tệp lên lại.")


class RevertRefused(RuleError):
    code = "revert_refused"
    message = _l("Chỉ hoàn tác được lần nhập gần nhất chưa hoàn tác.")


def _move(session, import_id: int, expected: str, new: str) -> bool:
    """One conditional UPDATE from the expected state: of two requests racing, exactly one moves the import."""
    moved = session.execute(
        update(CatalogueImport).filter_by(id=import_id, state=expected).values(state=new)
    ).rowcount
    session.refresh(session.get(CatalogueImport, import_id))
    return moved == 1


def _count(row: CatalogueImport, report: ImportReport) -> None:
    row.created, row.changed = len(report.created), len(report.changed)
    row.abolished, row.unchanged = len(report.abolished), len(report.unchanged)


def preview_import(session, data: bytes, fmt: str, filename: str, user_id: int | None) -> CatalogueImport:
    """Check the file and count what it would do, then keep it awaiting confirmation. Writes no procedure: the
    import runs inside a savepoint that is rolled back. Raises ImportRejected (with every problem) instead."""
    savepoint = session.begin_nested()
    try:
        report = import_catalogue(session, data, fmt)
    finally:
        savepoint.rollback()
    session.execute(
        delete(CatalogueImport).where(
            CatalogueImport.state == ImportState.PENDING,
            CatalogueImport.uploaded_at < utcnow() - timedelta(hours=PENDING_HOURS),
        )
    )
    row = CatalogueImport(filename=(filename or "")[:200], fmt=fmt, data=data, uploaded_by=user_id)
    _count(row, report)
    session.add(row)
    session.flush()
    return row


def apply_import(session, import_id: int, user_id: int | None) -> ImportReport:
    """Apply a previewed file (checked again: the catalogue may have moved since) and remember what it replaced."""
    row = session.get(CatalogueImport, import_id)
    if row is None:
        raise NotFound()
    if not _move(session, import_id, ImportState.PENDING, ImportState.APPLIED):
        raise ImportNotPending()  # already applied: by a double click, or another administrator
    before = {r["code"]: r for r in export_rows(session, codes=file_codes(row.data, row.fmt))}
    report = import_catalogue(session, row.data, row.fmt)
    touched = report.updated
    row.before = json.dumps(
        {"created": report.created, "fields": report.fields_created, "rows": [before[c] for c in touched]},
        ensure_ascii=False,
    )
    _count(row, report)
    row.applied_by, row.applied_at = user_id, utcnow()
    return report


def revert_import(session, import_id: int, user_id: int | None) -> CatalogueImport:
    """Undo the latest applied import: its new procedures are removed and the ones it changed are put back as
    they were, through the same import rule (all-or-nothing)."""
    row = session.get(CatalogueImport, import_id)
    if row is None:
        raise NotFound()
    latest = session.scalar(
        select(CatalogueImport.id)
        .where(CatalogueImport.state == ImportState.APPLIED)
        .order_by(CatalogueImport.applied_at.desc(), CatalogueImport.id.desc())
        .limit(1)
    )
    if latest != row.id or not _move(session, import_id, ImportState.APPLIED, ImportState.REVERTED):
        raise RevertRefused()
    before = json.loads(row.before or "{}")
    for procedure in session.scalars(select(Procedure).where(Procedure.code.in_(before.get("created", [])))):
        session.delete(procedure)
    forget_index()
    session.flush()
    if before.get("rows"):
        import_catalogue(session, json.dumps({"procedures": before["rows"]}).encode(), "json")
    _remove_unused_fields(session, before.get("fields", []))
    row.reverted_by, row.reverted_at = user_id, utcnow()
    return row


def _remove_unused_fields(session, codes: list[str]) -> None:
    """The fields (lĩnh vực) an import created go with it, unless something has come to use one since: a
    procedure (entered by hand, or moved there by a later import that was kept) or a service of a centre."""
    in_use = (
        select(Procedure.field_id)
        .where(Procedure.field_id.is_not(None))
        .union(select(service_fields.c.field_id))
    )
    for field_ in session.scalars(select(Field).where(Field.code.in_(codes), Field.id.not_in(in_use))):
        session.delete(field_)
    session.flush()


def cancel_import(session, import_id: int) -> None:
    """Drop a previewed file nobody will confirm (an applied or reverted one stays in the history)."""
    row = session.get(CatalogueImport, import_id)
    if row is None:
        raise NotFound()
    if row.state != ImportState.PENDING:
        raise ImportNotPending()
    session.delete(row)


def import_history(session, limit: int = 30) -> list[CatalogueImport]:
    return session.scalars(
        select(CatalogueImport)
        .where(CatalogueImport.state != ImportState.PENDING)
        .order_by(CatalogueImport.applied_at.desc(), CatalogueImport.id.desc())
        .limit(limit)
    ).all()
