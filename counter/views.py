"""The counter screen: call next, recall, start, complete, no-show (and its undo), transfer, pause — all live.

Each ticket action's form carries the id of the ticket the screen showed (`ticket_id`): if that ticket has
been dealt with meanwhile (a double click, a second tab), the action is refused instead of landing on the
next citizen."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import Counter, Role, Status, db
from models import queue as rules
from models.counter_actions import ACTIONS, CounterAction, run_counter_action
from models.errors import RuleError
from models.queries import counter_panel, current_ticket
from models.transaction import perform
from motcua.web import int_arg, site_object_or_404, wants_fragment

from . import bp


def _counter_or_404(counter_id: int) -> Counter:
    return site_object_or_404(Counter, counter_id)


def _panel_context(counter: Counter) -> dict:
    undo_seconds = current_app.config["NO_SHOW_UNDO_SECONDS"]
    panel = counter_panel(db.session, counter, undo_seconds=undo_seconds)
    return {**panel, "mine": counter.officer_id == current_user.id}


@bp.get("/")
@login_required
def index():
    query = select(Counter).order_by(Counter.site_id, Counter.number)
    if current_user.role != Role.ADMIN:  # the same scope as User.may_use_site
        query = query.filter_by(site_id=current_user.site_id)
    counters = db.session.scalars(query).all()
    return render_template("counter/choose.html", counters=counters)


@bp.post("/<int:counter_id>/open")
@login_required
def open_counter(counter_id: int):
    counter = _counter_or_404(counter_id)
    try:
        perform(db.session, rules.open_counter, counter.id, current_user)
    except RuleError as error:
        flash(error.message, "error")
        return redirect(url_for("counter.index"))
    return redirect(url_for("counter.screen", counter_id=counter_id))


@bp.get("/<int:counter_id>")
@login_required
def screen(counter_id: int):
    counter = _counter_or_404(counter_id)
    if counter.officer_id != current_user.id:
        return redirect(url_for("counter.index"))
    return render_template("counter/screen.html", **_panel_context(counter))


@bp.get("/<int:counter_id>/panel")
@login_required
def panel(counter_id: int):
    return render_template("counter/_panel.html", **_panel_context(_counter_or_404(counter_id)))


def _form_arguments(action: CounterAction) -> dict:
    """The action's arguments from the form, parsed before perform() (a bad value becomes None, which the rule
    refuses with a clear message)."""
    arguments = {"ticket_id": int_arg(request.form.get("ticket_id"))}
    if "service_id" in action.takes:
        kind, _sep, value = request.form.get("target", "").partition(":")
        arguments["service_id"] = int_arg(value) if kind == "service" else None
        arguments["to_counter_id"] = int_arg(value) if kind == "counter" else None
    arguments["window_seconds"] = current_app.config["NO_SHOW_UNDO_SECONDS"]
    return arguments


# Where an action leaves the screen when it succeeds (the others stay on the counter).
REDIRECT_AFTER = {"close": "counter.index"}


def _needs_no_show_confirmation(counter: Counter, action: str) -> bool:
    """Marking absent a citizen already being served is rarely meant: it asks first (a confirm step)."""
    if action != "no-show" or request.form.get("confirm") == "1":
        return False
    ticket = current_ticket(db.session, counter.id)
    return ticket is not None and ticket.status == Status.SERVING


def _render_panel(counter_id: int, **extra):
    context = _panel_context(db.session.get(Counter, counter_id))
    if wants_fragment():
        return render_template("counter/_panel.html", **extra, **context)
    return render_template("counter/screen.html", **extra, **context)


@bp.post("/<int:counter_id>/<action>")
@login_required
def act(counter_id: int, action: str):
    if action not in ACTIONS:
        abort(404)
    counter = _counter_or_404(counter_id)
    if _needs_no_show_confirmation(counter, action):
        return _render_panel(counter.id, confirm_no_show=True)
    arguments = _form_arguments(ACTIONS[action])
    redirect_to = REDIRECT_AFTER.get(action)
    message, category = None, "info"
    try:
        result = perform(db.session, run_counter_action, action, counter.id, current_user, **arguments)
        if action == "call-next" and result is None:
            message = _("Hiện không có ai đang chờ.")
    except RuleError as error:
        message, category = error.message, "error"
    if redirect_to and category != "error":
        if wants_fragment():
            return "", 204, {"HX-Redirect": url_for(redirect_to)}
        return redirect(url_for(redirect_to))
    if wants_fragment():
        return _render_panel(counter_id, message=message, category=category)
    if message:
        flash(message, category)
    return redirect(url_for("counter.screen", counter_id=counter_id))
