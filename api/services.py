"""GET /api/v1/services and GET /api/v1/counters."""

from flask import jsonify, request
from sqlalchemy import select

from models import Counter, Site, db
from models.queries import service_board

from . import bp
from .serializers import counter_json, service_json


def _sites() -> list[Site]:
    code = request.args.get("site")
    query = select(Site).order_by(Site.id)
    if code:
        query = query.filter_by(code=code[:40])
    return list(db.session.scalars(query))


@bp.get("/services")
def list_services():
    rows = [row for site in _sites() for row in service_board(db.session, site)]
    return jsonify({"services": [service_json(r["service"], r["waiting"], r["open"]) for r in rows]})


@bp.get("/counters")
def list_counters():
    site_ids = [site.id for site in _sites()]
    counters = db.session.scalars(
        select(Counter).where(Counter.site_id.in_(site_ids)).order_by(Counter.site_id, Counter.number)
    )
    return jsonify({"counters": [counter_json(counter) for counter in counters]})
