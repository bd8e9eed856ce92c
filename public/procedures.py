"""Public procedure pages (/procedures/): readable on a phone, printable on A4, and a rotating public notice
(niêm yết công khai) for a wall display."""

from flask import abort, render_template, request, url_for
from sqlalchemy import select

from models import Field, Procedure, db
from models.queries import offered_procedures, procedure_by_code, today
from models.queries.catalogue import offered
from models.search import MAX_QUERY
from motcua.procedure_page import abolished_today, find_procedures, note_view, procedure_context
from motcua.web import current_site, int_arg

from . import bp

NOTICE_SECONDS = 20


@bp.get("/procedures/")
def procedures():
    site = current_site()
    query = (request.args.get("q") or "")[:MAX_QUERY].strip()
    fields = db.session.scalars(select(Field).order_by(Field.name)).all()
    by_field: dict[int, list[Procedure]] = {}
    for procedure in offered_procedures(db.session, today(site)):
        by_field.setdefault(procedure.field_id, []).append(procedure)
    results = find_procedures(site, query) if query else None
    return render_template(
        "public/procedures/index.html",
        site=site,
        fields=[f for f in fields if f.id in by_field],
        by_field=by_field,
        query=query,
        results=results,
    )


@bp.get("/procedures/notice")
def procedures_notice():
    """One procedure per screen, moving on every few seconds (a plain page refresh: a wall TV that loses the
    network simply shows the next one when it is back)."""
    site = current_site()
    field_id = int_arg(request.args.get("field"))
    query = select(Procedure.code).where(offered(today(site))).order_by(Procedure.field_id, Procedure.code)
    if field_id:
        query = query.filter_by(field_id=field_id)
    codes = db.session.scalars(query).all()
    if not codes:
        return render_template("public/procedures/notice.html", site=site, empty=True, seconds=NOTICE_SECONDS)
    index = (int_arg(request.args.get("i")) or 0) % len(codes)
    seconds = min(max(int_arg(request.args.get("seconds")) or NOTICE_SECONDS, 5), 600)
    next_url = url_for(
        "public.procedures_notice",
        i=(index + 1) % len(codes),
        seconds=seconds,
        field=field_id,
        site=request.args.get("site"),
    )
    context = procedure_context(site, procedure_by_code(db.session, codes[index]))
    return render_template(
        "public/procedures/notice.html",
        position=index + 1,
        total=len(codes),
        next_url=next_url,
        seconds=seconds,
        **context,
    )


@bp.get("/procedures/<code>")
def procedure(code: str):
    site = current_site()
    procedure = procedure_by_code(db.session, code)
    if procedure is None or abolished_today(site, procedure):
        abort(404)
    context = procedure_context(site, procedure)
    if not context["gone"]:
        note_view(site, procedure)
    return render_template("public/procedures/detail.html", **context)
