"""POST /api/v1/tickets/<token>/rating and GET /api/v1/reports/satisfaction."""

from flask import current_app, g, jsonify, request
from flask_babel import gettext as _

from models import db, rating_rules
from models.queries import today
from models.satisfaction_report import report_range, satisfaction_report
from models.transaction import perform
from motcua.throttle import rating_limits
from motcua.web import staff_site

from . import bp
from .auth import token_required
from .errors import ApiError, json_body


@bp.post("/tickets/<token>/rating")
@rating_limits()
def rate_ticket(token: str):
    data = json_body()
    rating = perform(
        db.session,
        rating_rules.rate,
        token,
        data.get("level"),
        data.get("criteria"),
        data.get("comment"),
        channel="api",
        window_hours=current_app.config["RATING_WINDOW_HOURS"],
    )
    return jsonify(
        {
            "id": rating.id,
            "ticket_code": rating.ticket.code,
            "level": rating.level,
            "criteria": rating.criteria,
            "comment": rating.comment,
            "channel": rating.channel,
            "created_at": rating.created_at.isoformat() + "Z",
        }
    ), 201


@bp.get("/reports/satisfaction")
@token_required
def satisfaction():
    user = g.api_user
    if not user.is_supervisor:
        raise ApiError(403, "forbidden", _("Chỉ lãnh đạo, giám sát hoặc quản trị mới xem được báo cáo."))
    site = staff_site(user)
    start, end = report_range(today(site), request.args.get("from"), request.args.get("to"))
    body = satisfaction_report(db.session, site.id, start, end).as_dict()
    body["site"] = {"id": site.id, "code": site.code, "name": site.name}
    return jsonify(body)
