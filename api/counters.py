"""The counter actions, for an officer with a bearer token: call-next, recall, start, complete, no-show,
undo-no-show, transfer (the ticket actions of models/counter_actions.py, the table the counter screen uses). A
body may name the ticket the caller means (`{"ticket_id": …}`): if that ticket is no longer at the counter, the
answer is 409 ticket_changed instead of acting on whoever is there now."""

from flask import current_app, g, jsonify, request
from flask_babel import gettext as _

from models import Counter, db
from models.counter_actions import ACTIONS, CounterAction, run_counter_action
from models.transaction import perform
from motcua.web import site_object_or_404

from . import bp
from .auth import token_required
from .errors import ApiError, json_body
from .serializers import ticket_json
from .validation import json_id


def _json_arguments(action: CounterAction) -> dict:
    """The action's arguments from the JSON body, parsed before perform(); a bad id is a clear 400. A transfer
    needs a body (its target); the other actions take one when it is sent."""
    if not action.takes:
        return {}
    arguments = {"window_seconds": current_app.config["NO_SHOW_UNDO_SECONDS"]}
    if "service_id" in action.takes:
        data = json_body()
        arguments["service_id"] = json_id(data, "service_id", code="invalid_target", required=False)
        arguments["to_counter_id"] = json_id(data, "counter_id", code="invalid_target", required=False)
    else:
        data = json_body() if request.get_data() else {}
    arguments["ticket_id"] = json_id(data, "ticket_id", code="invalid_ticket_id", required=False)
    return arguments


@bp.post("/counters/<int:counter_id>/<action>")
@token_required
def counter_action(counter_id: int, action: str):
    site_object_or_404(Counter, counter_id, g.api_user)
    if action not in ACTIONS or not ACTIONS[action].moves_ticket:
        raise ApiError(404, "not_found", _("Không có thao tác này."))
    arguments = _json_arguments(ACTIONS[action])
    ticket = perform(db.session, run_counter_action, action, counter_id, g.api_user, **arguments)
    return jsonify({"ticket": ticket_json(ticket) if ticket else None})
