"""GET /api/v1/priority-categories and POST /api/v1/tickets/<token>/return (a no-show comes back)."""

from flask import current_app, g, jsonify, request
from flask_babel import gettext as _
from sqlalchemy import select

from models import Site, db
from models.counter_operations import return_ticket
from models.priority import active_categories
from models.queries import ticket_by_token
from models.transaction import perform

from . import bp
from .auth import token_required
from .errors import ApiError
from .serializers import category_json, ticket_json


@bp.get("/priority-categories")
def list_priority_categories():
    """Each site's active categories in kiosk order (public: the kiosk shows them to everyone)."""
    code = request.args.get("site")
    query = select(Site).order_by(Site.id)
    if code:
        query = query.filter_by(code=code[:40])
    return jsonify(
        {
            "categories": [
                {"site_id": site.id, **category_json(category)}
                for site in db.session.scalars(query)
                for category in active_categories(db.session, site.id)
            ]
        }
    )


@bp.post("/tickets/<token>/return")
@token_required
def return_no_show(token: str):
    ticket = ticket_by_token(db.session, token)
    if ticket is None or not g.api_user.may_use_site(ticket.site_id):
        raise ApiError(404, "not_found", _("Không tìm thấy số thứ tự này."))
    returned = perform(
        db.session,
        return_ticket,
        ticket,
        g.api_user,
        window_minutes=current_app.config["NO_SHOW_RETURN_MINUTES"],
        to_front=current_app.config["NO_SHOW_RETURN_POSITION"] != "back",
    )
    return jsonify(ticket_json(returned))
