"""Procedure browsing at the kiosk (/kiosk/procedures): by field, then by procedure, or by search; a
procedure's page with its QR codes and a "Lấy số" button that uses the kiosk's one ticket-issuing path.
Procedures replaced or abolished by today (the site's local day) are not offered."""

from flask import abort, current_app, render_template, request

from models import Field, db
from models.queries import fields_with_procedures, offered_procedures, procedure_by_code, today
from models.search import MAX_QUERY
from motcua.procedure_page import abolished_today, find_procedures, note_view, procedure_context
from motcua.web import current_site, int_arg

from . import bp


def _page(template: str, **context):
    return render_template(template, idle_seconds=current_app.config["KIOSK_IDLE_SECONDS"], **context)


@bp.get("/procedures")
def procedures():
    site = current_site()
    fields = fields_with_procedures(db.session, today(site))
    return _page("kiosk/procedures/index.html", site=site, fields=fields)


@bp.get("/procedures/search")
def procedures_search():
    site = current_site()
    query = (request.args.get("q") or "")[:MAX_QUERY]
    results = find_procedures(site, query, limit=30)
    return render_template("kiosk/procedures/_results.html", site=site, query=query, results=results)


@bp.get("/procedures/field/<int:field_id>")
def procedures_field(field_id: int):
    site = current_site()
    field = db.session.get(Field, field_id)
    if field is None:
        abort(404)
    procedures = offered_procedures(db.session, today(site), field.id)
    return _page("kiosk/procedures/field.html", site=site, field=field, procedures=procedures)


@bp.get("/procedures/<code>")
def procedure(code: str):
    site = current_site()
    procedure = procedure_by_code(db.session, code)
    if procedure is None or abolished_today(site, procedure):
        abort(404)
    context = procedure_context(site, procedure)
    if not context["gone"]:
        note_view(site, procedure)
    return _page("kiosk/procedures/detail.html", back=int_arg(request.args.get("field")), **context)
