"""Read-only questions about the procedure catalogue: a procedure by its code, the fields to browse, the
service that receives a procedure here."""

from datetime import date

from sqlalchemy import func, or_, select

from ..catalogue import PROCEDURE_CODE_LENGTH, Field, Procedure, ProcedureStatus, service_fields
from ..service import Service


def procedure_by_code(session, code) -> Procedure | None:
    """The procedure a national code names; None for anything that cannot be one (not text, too long)."""
    if not isinstance(code, str) or not 0 < len(code) <= PROCEDURE_CODE_LENGTH:
        return None
    return session.scalar(select(Procedure).filter_by(code=code))


def offered(day: date):
    """The condition for a procedure still offered on this local day (not yet replaced or abolished)."""
    return or_(Procedure.status == ProcedureStatus.IN_FORCE, Procedure.status_from > day)


def offered_procedures(session, day: date, field_id: int | None = None) -> list[Procedure]:
    """The procedures citizens may come for on this day, by field then name (one field's alone if given)."""
    statement = select(Procedure).where(offered(day)).order_by(Procedure.field_id, Procedure.name)
    if field_id is not None:
        statement = statement.where(Procedure.field_id == field_id)
    return session.scalars(statement).all()


def fields_with_procedures(session, day: date) -> list[tuple[Field, int]]:
    """The fields (lĩnh vực) that hold procedures offered on this day, by name, each with how many."""
    return session.execute(
        select(Field, func.count(Procedure.id))
        .join(Procedure, Procedure.field_id == Field.id)
        .where(offered(day))
        .group_by(Field.id)
        .order_by(Field.name)
    ).all()


def receiving_service(session, site, procedure: Procedure) -> Service | None:
    """The active service at this site that receives the procedure: linked to it, else to its field."""
    for service in procedure.services:
        if service.site_id == site.id and service.active:
            return service
    if procedure.field_id is None:
        return None
    return session.scalar(
        select(Service)
        .join(service_fields, service_fields.c.service_id == Service.id)
        .where(Service.site_id == site.id, Service.active, service_fields.c.field_id == procedure.field_id)
        .order_by(Service.position)
        .limit(1)
    )
