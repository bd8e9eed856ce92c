"""POST /api/v1/tickets and GET /api/v1/tickets/<token>.

Issuing needs a registered kiosk's key (`X-Kiosk-Key`) or a staff member's bearer token; `priority` is granted
only to staff; `priority_category` (a category's code, GET /api/v1/priority-categories) to either. An `Idempotency-Key` header makes a retry return the ticket already issued (200, header
`Idempotent-Replayed: true`) instead of a second one.
"""

from flask import current_app, jsonify, request
from flask_babel import gettext as _

from models import Priority, Service, db
from models.issuing import clean_key, issue_once
from models.queries import place_in_queue, ticket_by_token
from models.transaction import perform, rows_kept
from motcua.kiosk_keys import Issuer, device_from_key, kiosk_issuer, staff_issuer

from . import bp
from .auth import bearer_user
from .errors import ApiError, json_body
from .serializers import ticket_json
from .validation import json_id


def _issuer() -> Issuer:
    """:raise 401: without a valid kiosk key or staff bearer token."""
    if "X-Kiosk-Key" in request.headers:
        device = device_from_key(request.headers["X-Kiosk-Key"])
        if device is None:
            raise ApiError(401, "invalid_kiosk_key", _("Khoá ki-ốt không hợp lệ hoặc đã bị thu hồi."))
        return kiosk_issuer(device)
    user = bearer_user()
    if user is None:
        raise ApiError(
            401,
            "unauthorized",
            _("Cần khoá ki-ốt (X-Kiosk-Key) hoặc mã truy cập của cán bộ (Bearer token) để lấy số."),
        )
    # Staff of several sites issue at the site of the service asked for, when it is one of theirs.
    service = db.session.get(Service, json_id(json_body(), "service_id", code="invalid_service_id"))
    return staff_issuer(user, "api", service.site_id if service is not None else None)


def _request_key() -> str | None:
    raw = request.headers.get("Idempotency-Key")
    if raw is None:
        return None
    key = clean_key(raw)
    if key is None:
        raise ApiError(
            400,
            "invalid_idempotency_key",
            _("Idempotency-Key phải gồm 8 đến 64 chữ cái, chữ số, dấu '-' hoặc '_'."),
        )
    return key


@bp.post("/tickets")
def create_ticket():
    issuer = _issuer()
    data = json_body()
    service_id = json_id(data, "service_id", code="invalid_service_id")
    priority = data.get("priority", False)
    if not isinstance(priority, bool):
        raise ApiError(400, "invalid_priority", _("priority phải là true hoặc false."))
    if priority and not issuer.may_grant_priority:
        raise ApiError(403, "priority_not_allowed", _("Chỉ cán bộ mới được cấp số ưu tiên."))
    # A category may come from a registered kiosk (its "Ưu tiên" path) or staff: both are checked above.
    category = data.get("priority_category")
    if category is not None and not isinstance(category, str):
        raise ApiError(
            400, "invalid_priority_category", _("priority_category phải là mã của một nhóm ưu tiên.")
        )
    request_key = _request_key()
    with rows_kept(db.session):  # the answer is the ticket as committed, not read again
        result = perform(
            db.session,
            issue_once,
            service_id,
            scope=issuer.scope,
            key=request_key,
            site_id=issuer.site_id,
            window_seconds=current_app.config["KIOSK_IDEMPOTENCY_SECONDS"],
            priority=Priority.PRIORITY if priority else Priority.NORMAL,
            priority_category=category,
            channel=issuer.channel,
        )
    issued = result.issued
    body = ticket_json(issued.ticket, ahead=issued.ahead, estimated_wait_minutes=issued.wait_minutes)
    if result.repeated:
        return jsonify(body), 200, {"Idempotent-Replayed": "true"}
    return jsonify(body), 201


@bp.get("/tickets/<token>")
def get_ticket(token: str):
    ticket = ticket_by_token(db.session, token)
    if ticket is None:
        raise ApiError(404, "not_found", _("Không tìm thấy số thứ tự này."))
    ahead, wait = place_in_queue(db.session, ticket)
    return jsonify(ticket_json(ticket, ahead=ahead, estimated_wait_minutes=wait))
