"""The counter actions, for an officer with a bearer token: call-next, recall, start, complete, no-show,
undo-no-show, transfer. A body may name the ticket the caller means (`{"ticket_id": …}`): if that ticket is no
longer at the counter, the answer is 409 ticket_changed instead of acting on whoever is there now."""

from flask import current_app, g, jsonify, request
from flask_babel import gettext as _

from models import Counter, db
from models import queue as rules
from models.transaction import perform
from motcua.web import site_object_or_404

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


def _ticket_id(data: dict) -> int | None:
    return json_id(data, "ticket_id", code="invalid_ticket_id", required=False)


def _optional_body() -> dict:
    """The JSON body when there is one (these actions need none)."""
    return json_body() if request.get_data() else {}


@bp.post("/counters/<int:counter_id>/call-next")
@token_required
def call_next(counter_id: int):
    site_object_or_404(Counter, counter_id, g.api_user)
    ticket = perform(db.session, rules.call_next, counter_id, g.api_user)
    return jsonify({"ticket": ticket_json(ticket) if ticket else None})


@bp.post("/counters/<int:counter_id>/undo-no-show")
@token_required
def undo_no_show(counter_id: int):
    site_object_or_404(Counter, counter_id, g.api_user)
    ticket = perform(
        db.session,
        rules.undo_no_show,
        counter_id,
        g.api_user,
        ticket_id=_ticket_id(_optional_body()),
        window_seconds=current_app.config["NO_SHOW_UNDO_SECONDS"],
    )
    return jsonify({"ticket": ticket_json(ticket)})


@bp.post("/counters/<int:counter_id>/<action>")
@token_required
def counter_action(counter_id: int, action: str):
    site_object_or_404(Counter, counter_id, g.api_user)
    if action == "transfer":
        return _transfer(counter_id)
    rule = SIMPLE_ACTIONS.get(action)
    if rule is None:
        raise ApiError(404, "not_found", _("Không có thao tác này."))
    ticket_id = _ticket_id(_optional_body())
    ticket = perform(db.session, rule, counter_id, g.api_user, ticket_id=ticket_id)
    return jsonify({"ticket": ticket_json(ticket)})


def _transfer(counter_id: int):
    data = json_body()
    service_id = json_id(data, "service_id", code="invalid_target", required=False)
    to_counter_id = json_id(data, "counter_id", code="invalid_target", required=False)
    ticket = perform(
        db.session,
        rules.transfer,
        counter_id,
        g.api_user,
        service_id=service_id,
        to_counter_id=to_counter_id,
        ticket_id=_ticket_id(data),
    )
    return jsonify({"ticket": ticket_json(ticket)})
