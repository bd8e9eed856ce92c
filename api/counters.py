"""The counter actions, for an officer with a bearer token: call-next, recall, start, complete, no-show,
transfer."""

from flask import g, jsonify
from flask_babel import gettext as _

from models import Counter, db
from models import queue as rules
from models.transaction import perform
from motcua.web import site_object_or_404

from . import bp
from .auth import token_required
from .errors import ApiError, json_body
from .serializers import ticket_json

SIMPLE_ACTIONS = {
    "recall": rules.recall,
    "start": rules.start_serving,
    "complete": rules.complete,
    "no-show": rules.no_show,
}


@bp.post("/counters/<int:counter_id>/call-next")
@token_required
def call_next(counter_id: int):
    site_object_or_404(Counter, counter_id, g.api_user)
    ticket = perform(db.session, rules.call_next, counter_id, g.api_user)
    return jsonify({"ticket": ticket_json(ticket) if ticket else None})


@bp.post("/counters/<int:counter_id>/<action>")
@token_required
def counter_action(counter_id: int, action: str):
    site_object_or_404(Counter, counter_id, g.api_user)
    if action == "transfer":
        return _transfer(counter_id)
    rule = SIMPLE_ACTIONS.get(action)
    if rule is None:
        raise ApiError(404, "not_found", _("Không có thao tác này."))
    ticket = perform(db.session, rule, counter_id, g.api_user)
    return jsonify({"ticket": ticket_json(ticket)})


def _transfer(counter_id: int):
    data = json_body()
    service_id, to_counter_id = data.get("service_id"), data.get("counter_id")
    for value in (service_id, to_counter_id):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise ApiError(400, "invalid_target", _("service_id và counter_id phải là số nguyên."))
    ticket = perform(
        db.session, rules.transfer, counter_id, g.api_user, service_id=service_id, to_counter_id=to_counter_id
    )
    return jsonify({"ticket": ticket_json(ticket)})
