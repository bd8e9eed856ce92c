"""GET /api/v1/reports/operations?from=&to=&site=&scope=: the director's operations report as JSON (the same
object the back-office page and its XLSX file render, models/report_period.py)."""

from flask import g, jsonify, request
from flask_babel import gettext as _

from models import db
from models.queries import today
from models.report_period import period_report
from models.report_scope import report_sites
from models.satisfaction_report import report_range
from motcua.concurrency import off_the_loop_with_request
from motcua.web import staff_site

from . import bp
from .auth import token_required
from .errors import ApiError


@bp.get("/reports/operations")
@token_required
def operations_report():
    user = g.api_user
    if not user.is_supervisor:
        raise ApiError(403, "forbidden", _("Chỉ lãnh đạo, giám sát hoặc quản trị mới xem được báo cáo."))
    site = staff_site(user)
    start, end = report_range(today(site), request.args.get("from"), request.args.get("to"))
    sites = report_sites(db.session, user, site, request.args.get("scope"))
    # On a real thread when on gevent (motcua/concurrency.py): the other sockets of this process go on.
    report = off_the_loop_with_request(_report_dict, sites, start, end)
    return jsonify(report)


def _report_dict(sites, start, end) -> dict:
    return period_report(db.session, sites, start, end).as_dict()
