"""The counter actions, for an officer with a bearer token: call-next, recall, start, complete, no-show,
transfer."""

from flask import g, jsonify
from flask_babel import gettext as _

from models import db
from models import queue as rules
from models.transaction import perform

from . import bp
from .auth import token_required
from .errors import ApiError, json_body
from .serializers import ticket_json
from .validation import json_id

SIMPLE_ACTIONS = {
    "recall": rules.recall,
    "start": rules.start_serving,
    "complete": rules.complete,
    "no-show": rules.no_show,
}


@bp.post("/counters/<int:counter_id>/call-next")
@token_required
def call_next(counter_id: int):
    ticket = perform(db.session, rules.call_next, counter_id, g.api_user)
    return jsonify({"ticket": ticket_json(ticket) if ticket else None})


@bp.post("/counters/<int:counter_id>/<action>")
@token_required
def counter_action(counter_id: int, action: str):
    if action == "transfer":
        return _transfer(counter_id)
    rule = SIMPLE_ACTIONS.get(action)
    if rule is None:
        raise ApiError(404, "not_found", _("Không có thao tác này."))
    ticket = perform(db.session, rule, counter_id, g.api_user)
    return jsonify({"ticket": ticket_json(ticket)})


def _transfer(counter_id: int):
    data = json_body()
    service_id = json_id(data, "service_id", code="invalid_target", required=False)
    to_counter_id = json_id(data, "counter_id", code="invalid_target", required=False)
    ticket = perform(
        db.session, rules.transfer, counter_id, g.api_user, service_id=service_id, to_counter_id=to_counter_id
    )
    return jsonify({"ticket": ticket_json(ticket)})
