"""The dossier API (an officer's bearer token): receive, read, move, apologise, and the period's figures.

POST /api/v1/dossiers {"procedure_code", "applicant": {"name", "phone", "address"?, "email"?},
"ticket_token"?, "documents"? [{"name", "kind", "quantity"}], "fee"?, "delivery"?} → 201.
"""

from datetime import date

from flask import g, jsonify, request
from flask_babel import gettext as _
from sqlalchemy import select

from models import Dossier, Procedure, db
from models.clock import to_local
from models.dossier import Delivery
from models.dossier_queries import dossier_by_code
from models.dossier_report import dossier_report
from models.dossier_rules import Applicant, Receipt, change_status, issue_apology, receive_dossier
from models.queries import ticket_by_token, today
from models.satisfaction_report import report_range
from models.transaction import perform
from motcua.web import public_url, staff_site

from . import bp
from .auth import token_required
from .errors import ApiError, json_body


def dossier_json(dossier: Dossier) -> dict:
    site = dossier.site
    return {
        "code": dossier.code,
        "procedure_code": dossier.procedure.code,
        "status": dossier.status,
        "received_at": to_local(dossier.received_at, site.timezone).isoformat(),
        "due_date": dossier.due_date.isoformat(),
        "first_due_date": dossier.first_due_date.isoformat(),
        "timeliness": dossier.timeliness,
        "apology": None
        if dossier.apology_at is None
        else {"reason": dossier.apology_reason, "new_due_date": dossier.due_date.isoformat()},
        "url": public_url("public.dossier", ref=dossier.token),
    }


def _text(data: dict, key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ApiError(400, "invalid_" + key, _("%(key)s phải là chuỗi ký tự.", key=key))
    return value


def _dossier_or_404(code: str) -> Dossier:
    dossier = dossier_by_code(db.session, code)
    if dossier is None or not g.api_user.may_use_site(dossier.site_id):
        raise ApiError(404, "not_found", _("Không tìm thấy hồ sơ."))
    return dossier


@bp.post("/dossiers")
@token_required
def create_dossier():
    site = staff_site(g.api_user)
    data = json_body()
    applicant = data.get("applicant")
    if not isinstance(applicant, dict):
        raise ApiError(400, "invalid_applicant", _("applicant phải là một đối tượng có name và phone."))
    procedure_code = _text(data, "procedure_code")[:60]
    procedure_id = db.session.scalar(select(Procedure.id).filter_by(code=procedure_code.strip()))
    if procedure_id is None:
        raise ApiError(404, "unknown_procedure", _("Không có thủ tục mang mã này."))
    ticket_id = None
    if data.get("ticket_token") is not None:
        ticket = ticket_by_token(db.session, data.get("ticket_token"))
        if ticket is None or ticket.site_id != site.id:
            raise ApiError(404, "unknown_ticket", _("Không có số thứ tự này tại trung tâm."))
        ticket_id = ticket.id
    receipt = Receipt(
        procedure_id=procedure_id,
        applicant=Applicant(
            _text(applicant, "name"),
            _text(applicant, "phone"),
            _text(applicant, "address"),
            _text(applicant, "email"),
        ),
        documents=data.get("documents", []),
        fee=data.get("fee", 0),
        delivery=data.get("delivery", Delivery.CENTRE),
        ticket_id=ticket_id,
    )
    dossier = perform(db.session, receive_dossier, site.id, g.api_user, receipt)
    return jsonify(dossier_json(dossier)), 201


@bp.get("/dossiers/<code>")
@token_required
def get_dossier(code: str):
    return jsonify(dossier_json(_dossier_or_404(code)))


@bp.post("/dossiers/<code>/status")
@token_required
def dossier_status(code: str):
    dossier = _dossier_or_404(code)
    data = json_body()
    status = _text(data, "status")
    perform(db.session, change_status, dossier.id, g.api_user, status, _text(data, "reason"))
    return jsonify(dossier_json(dossier))


@bp.post("/dossiers/<code>/apology")
@token_required
def dossier_apology(code: str):
    dossier = _dossier_or_404(code)
    data = json_body()
    try:
        new_date = date.fromisoformat(_text(data, "new_due_date"))
    except ValueError:
        raise ApiError(400, "invalid_new_due_date", _("new_due_date phải là ngày dạng YYYY-MM-DD.")) from None
    perform(db.session, issue_apology, dossier.id, g.api_user, _text(data, "reason"), new_date)
    return jsonify(dossier_json(dossier))


@bp.get("/reports/dossiers")
@token_required
def dossiers_report():
    if not g.api_user.is_supervisor:
        raise ApiError(403, "forbidden", _("Chỉ lãnh đạo, giám sát hoặc quản trị mới xem được báo cáo."))
    site = staff_site(g.api_user)
    start, end = report_range(today(site), request.args.get("from"), request.args.get("to"))
    body = dossier_report(db.session, site, start, end).as_dict()
    body["site"] = {"id": site.id, "code": site.code, "name": site.name}
    return jsonify(body)
