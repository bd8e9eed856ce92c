"""Procedure browsing at the kiosk (/kiosk/procedures): by field, then by procedure, or by search; a
procedure's page with its QR codes and a "Lấy số" button that uses the kiosk's one ticket-issuing path."""

from flask import abort, current_app, render_template, request

from models import Field, db
from models.queries import fields_with_procedures, procedure_by_code
from models.search import MAX_QUERY, search
from motcua.procedure_page import procedure_context
from motcua.web import current_site, int_arg

from . import bp


def _page(template: str, **context):
    return render_template(template, idle_seconds=current_app.config["KIOSK_IDLE_SECONDS"], **context)


@bp.get("/procedures")
def procedures():
    site = current_site()
    return _page("kiosk/procedures/index.html", site=site, fields=fields_with_procedures(db.session))


@bp.get("/procedures/search")
def procedures_search():
    site = current_site()
    query = (request.args.get("q") or "")[:MAX_QUERY]
    results = search(db.session, query, limit=30)
    return render_template("kiosk/procedures/_results.html", site=site, query=query, results=results)


@bp.get("/procedures/field/<int:field_id>")
def procedures_field(field_id: int):
    site = current_site()
    field = db.session.get(Field, field_id)
    if field is None:
        abort(404)
    return _page("kiosk/procedures/field.html", site=site, field=field, procedures=field.procedures)


@bp.get("/procedures/<code>")
def procedure(code: str):
    site = current_site()
    procedure = procedure_by_code(db.session, code)
    if procedure is None:
        abort(404)
    return _page(
        "kiosk/procedures/detail.html",
        back=int_arg(request.args.get("field")),
        **procedure_context(site, procedure),
    )
