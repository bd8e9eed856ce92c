"""POST /api/v1/tickets and GET /api/v1/tickets/<token>."""

from flask import jsonify
from flask_babel import gettext as _

from models import Priority, db
from models.queries import estimated_wait_minutes, people_ahead, ticket_by_token
from models.queue import issue_ticket
from models.transaction import perform

from . import bp
from .errors import ApiError, json_body
from .serializers import ticket_json
from .validation import json_id


@bp.post("/tickets")
def create_ticket():
    data = json_body()
    service_id = json_id(data, "service_id", code="invalid_service_id")
    priority = data.get("priority", False)
    if not isinstance(priority, bool):
        raise ApiError(400, "invalid_priority", _("priority phải là true hoặc false."))
    issued = perform(
        db.session,
        issue_ticket,
        service_id,
        priority=Priority.PRIORITY if priority else Priority.NORMAL,
        channel="api",
    )
    body = ticket_json(issued.ticket, ahead=issued.ahead, estimated_wait_minutes=issued.wait_minutes)
    return jsonify(body), 201


@bp.get("/tickets/<token>")
def get_ticket(token: str):
    ticket = ticket_by_token(db.session, token)
    if ticket is None:
        raise ApiError(404, "not_found", _("Không tìm thấy số thứ tự này."))
    ahead = people_ahead(db.session, ticket)
    return jsonify(
        ticket_json(
            ticket, ahead=ahead, estimated_wait_minutes=estimated_wait_minutes(db.session, ticket, ahead)
        )
    )
