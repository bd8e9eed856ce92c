"""GET /api/v1/procedures?q=&field= (ranked when q is given) and GET /api/v1/procedures/<code>."""

from flask import jsonify, request
from flask_babel import gettext as _
from sqlalchemy import or_, select

from models import Field, Procedure, db
from models.queries import procedure_by_code, today
from models.queries.catalogue import offered
from models.search import MAX_QUERY
from motcua.procedure_page import abolished_today, find_procedures, procedure_context
from motcua.web import current_site, int_arg

from . import bp
from .errors import ApiError


def _field_id(value: str | None) -> int | None:
    if not value:
        return None
    value = value[:40]
    field = db.session.scalar(
        select(Field).where(or_(Field.code == value, Field.id == (int_arg(value) if value.isdigit() else -1)))
    )
    if field is None:
        raise ApiError(404, "field_not_found", _("Không có lĩnh vực này."))
    return field.id


def procedure_summary(procedure: Procedure) -> dict:
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": {"code": procedure.field.code, "name": procedure.field.name} if procedure.field else None,
        "name_en": procedure.name_en,
        "status": procedure.status,
        "status_from": procedure.status_from.isoformat() if procedure.status_from else None,
        "replaced_by": procedure.replaced_by or None,
        "online": procedure.online,
        "processing_time": procedure.processing_time,
        "processing_days": procedure.processing_days,
    }


@bp.get("/procedures")
def list_procedures():
    query = (request.args.get("q") or "")[:MAX_QUERY]
    field_id = _field_id(request.args.get("field"))
    site = current_site()
    if query.strip():
        procedures = find_procedures(site, query, field_id=field_id, limit=50)
    else:
        statement = select(Procedure).where(offered(today(site))).order_by(Procedure.code)
        if field_id:
            statement = statement.filter_by(field_id=field_id)
        procedures = db.session.scalars(statement).all()
    return jsonify({"query": query, "procedures": [procedure_summary(p) for p in procedures]})


@bp.get("/procedures/<code>")
def get_procedure(code: str):
    procedure = procedure_by_code(db.session, code)
    site = current_site()
    if procedure is None or abolished_today(site, procedure):
        raise ApiError(404, "not_found", _("Không có thủ tục mang mã này."))
    context = procedure_context(site, procedure)
    body = procedure_summary(procedure) | {
        "level": procedure.level,
        "decision": procedure.decision,
        "successor": context["successor"].code if context["successor"] else None,
        "fees": context["fees"],
        "fees_set_by_centre": context["own_fee"],
        "documents": [
            {"name": d.name, "kind": d.kind, "quantity": d.quantity} for d in procedure.document_items
        ],
        "submission": procedure.submission,
        "legal_basis": procedure.legal_basis,
        "official_url": context["official_url"],
        "public_url": context["our_url"],
        "services": [
            {"id": s.id, "site": s.site.code, "prefix": s.prefix, "name": s.name} for s in procedure.services
        ],
    }
    return jsonify({"procedure": body})
