"""The counter actions, for an officer with a bearer token: every action of models/counter_actions.py (the
table the counter screen uses): call-next, call `{"code"}`, recall, start, complete, no-show, undo-no-show,
transfer, hold, resume `{"ticket_id"}`, cancel `{"reason"}`, priority `{"ticket_id", "category"}` (a code, or null
to remove it), pause `{"reason"}`, resume-service, close; and the
waiting list (`GET …/queue`). A
body may name the ticket the caller means (`{"ticket_id": …}`): if that ticket is no longer at the counter, the
answer is 409 ticket_changed instead of acting on whoever is there now."""

from flask import current_app, g, jsonify, request
from flask_babel import gettext as _

from models import Counter, db, utcnow
from models.clock import local_day
from models.counter_actions import ACTIONS, CounterAction, run_counter_action
from models.queries import waiting_list
from models.transaction import perform, rows_kept
from motcua.web import site_object_or_404

from . import bp
from .auth import token_required
from .errors import ApiError, json_body
from .serializers import counter_json, ticket_json
from .validation import json_id


def _json_arguments(action: CounterAction) -> dict:
    """The action's arguments from the JSON body, parsed before perform(); a bad id is a clear 400. A transfer
    needs a body (its target); the other actions take one when it is sent. A code or reason that is not text
    is passed as None, which the rule refuses with its own clear message."""
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
    for key in ("code", "reason"):
        arguments[key] = data.get(key) if isinstance(data.get(key), str) else None
    if "category" in action.takes:
        # Removing priority is an explicit `"category": null`, never a forgotten field.
        if "category" not in data or not isinstance(data["category"], str | None):
            raise ApiError(
                400,
                "invalid_priority_category",
                _('Hãy gửi "category": mã nhóm ưu tiên, hoặc null để bỏ ưu tiên.'),
            )
        arguments["category"] = data["category"]
    return arguments


@bp.post("/counters/<int:counter_id>/<action>")
@token_required
def counter_action(counter_id: int, action: str):
    # Held for the whole request: the rule and the events after it use this row (the identity map is weak: an
    # object nothing holds would be read again).
    counter = site_object_or_404(Counter, counter_id, g.api_user)
    if action not in ACTIONS:
        raise ApiError(404, "not_found", _("Không có thao tác này."))
    arguments = _json_arguments(ACTIONS[action])
    with rows_kept(db.session):  # the answer and the events are the rows as committed, not read again
        result = perform(db.session, run_counter_action, action, counter.id, g.api_user, **arguments)
    if not ACTIONS[action].moves_ticket:
        return jsonify({"counter": counter_json(result)})
    return jsonify({"ticket": ticket_json(result) if result else None})


@bp.get("/counters/<int:counter_id>/queue")
@token_required
def counter_queue(counter_id: int):
    """The tickets waiting for this counter, in the order call-next takes them (if no one else came)."""
    counter = site_object_or_404(Counter, counter_id, g.api_user)
    now = utcnow()
    tickets = waiting_list(db.session, counter, local_day(now, counter.site.timezone), now)
    return jsonify({"tickets": [ticket_json(ticket, token=None) for ticket in tickets]})
