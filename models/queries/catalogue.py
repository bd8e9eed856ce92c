"""Read-only questions about the procedure catalogue: a procedure by its code, the fields to browse, the
service that receives a procedure here."""

from sqlalchemy import func, select

from ..catalogue import PROCEDURE_CODE_LENGTH, Field, Procedure, service_fields
from ..service import Service


def procedure_by_code(session, code) -> Procedure | None:
    """The procedure a national code names; None for anything that cannot be one (not text, too long)."""
    if not isinstance(code, str) or not 0 < len(code) <= PROCEDURE_CODE_LENGTH:
        return None
    return session.scalar(select(Procedure).filter_by(code=code))


def fields_with_procedures(session) -> list[tuple[Field, int]]:
    """The fields (lĩnh vực) that hold procedures, by name, each with how many."""
    return session.execute(
        select(Field, func.count(Procedure.id))
        .join(Procedure, Procedure.field_id == Field.id)
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
