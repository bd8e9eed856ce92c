"""The counter screen: call next, recall, start, complete, no-show (and its undo), transfer, pause — all live.

Each ticket action's form carries the id of the ticket the screen showed (`ticket_id`): if that ticket has
been dealt with meanwhile (a double click, a second tab), the action is refused instead of landing on the
next citizen."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import CancelReason, Counter, PauseReason, Role, Status, db
from models import queue as rules
from models.counter_actions import ACTIONS, CounterAction, run_counter_action
from models.counter_operations import held_at
from models.counter_supervision import last_supervision
from models.errors import RuleError
from models.queries import counter_panel, current_ticket
from models.transaction import perform, rows_kept
from motcua.web import int_arg, site_object_or_404, wants_fragment

from . import bp


def _counter_or_404(counter_id: int) -> Counter:
    return site_object_or_404(Counter, counter_id)


def _panel_context(counter: Counter) -> dict:
    undo_seconds = current_app.config["NO_SHOW_UNDO_SECONDS"]
    panel = counter_panel(db.session, counter, undo_seconds=undo_seconds)
    mine = counter.officer_id == current_user.id
    return {
        **panel,
        "mine": mine,
        # Why this screen's officer no longer holds the counter (a supervisor closed, released or took it).
        "taken_away": None if mine else last_supervision(db.session, counter.id),
        "pause_reasons": PauseReason.LABELS,
        "cancel_reasons": CancelReason.LABELS,
    }


@bp.get("/")
@login_required
def index():
    query = select(Counter).filter_by(active=True).order_by(Counter.site_id, Counter.number)
    if current_user.role != Role.ADMIN:  # the same scope as User.may_use_site
        query = query.where(Counter.site_id.in_(current_user.site_ids))
    # The counters this officer usually takes come first (set in the back office).
    usual = current_user.usual_counter_ids
    counters = sorted(
        db.session.scalars(query), key=lambda c: usual.index(c.id) if c.id in usual else len(usual)
    )
    # Staff of several sites pick where they work today: each counter says its site.
    several_sites = len({c.site_id for c in counters}) > 1
    return render_template("counter/choose.html", counters=counters, several_sites=several_sites)


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
    arguments["code"] = request.form.get("code")
    arguments["reason"] = request.form.get("reason")
    return arguments


# Where an action leaves the screen when it succeeds (the others stay on the counter).
REDIRECT_AFTER = {"close": "counter.index"}


def _needs_close_confirmation(counter: Counter, action: str) -> bool:
    """Closing with citizens still parked here asks first, saying what becomes of them."""
    if action != "close" or request.form.get("confirm") == "1":
        return False
    return bool(held_at(db.session, counter))


def _needs_no_show_confirmation(counter: Counter, action: str) -> bool:
    """Marking absent a citizen already being served is rarely meant: it asks first (a confirm step)."""
    if action != "no-show" or request.form.get("confirm") == "1":
        return False
    ticket = current_ticket(db.session, counter.id)
    return ticket is not None and ticket.status == Status.SERVING


def render_panel(counter_id: int, **extra):
    context = _panel_context(db.session.get(Counter, counter_id))
    if wants_fragment():
        return render_template("counter/_panel.html", **extra, **context)
    return render_template("counter/screen.html", **extra, **context)


def _held_left_message(counter_id: int) -> str | None:
    """Closing with citizens still parked: they stay parked (a supervisor resumes them at another counter)."""
    codes = [ticket.code for ticket in held_at(db.session, db.session.get(Counter, counter_id))]
    if not codes:
        return None
    return _(
        "Quầy đã đóng, còn các số đang tạm giữ: %(codes)s. Giám sát có thể cho tiếp tục tại quầy khác.",
        codes=", ".join(codes),
    )


@bp.post("/<int:counter_id>/<action>")
@login_required
def act(counter_id: int, action: str):
    if action not in ACTIONS:
        abort(404)
    counter = _counter_or_404(counter_id)
    if _needs_no_show_confirmation(counter, action):
        return render_panel(counter.id, confirm_no_show=True)
    if _needs_close_confirmation(counter, action):
        return render_panel(counter.id, confirm_close=True)
    arguments = _form_arguments(ACTIONS[action])
    redirect_to = REDIRECT_AFTER.get(action)
    message, category = None, "info"
    try:
        with rows_kept(db.session):  # the panel and the events start from the rows as committed
            result = perform(db.session, run_counter_action, action, counter.id, current_user, **arguments)
        if action == "call-next" and result is None:
            message = _("Hiện không có ai đang chờ.")
    except RuleError as error:
        message, category = error.message, "error"
    if action == "close" and category != "error":
        message = _held_left_message(counter.id)
        if message:
            flash(message, "info")
    if redirect_to and category != "error":
        if wants_fragment():
            return "", 204, {"HX-Redirect": url_for(redirect_to)}
        return redirect(url_for(redirect_to))
    if wants_fragment():
        return render_panel(counter_id, message=message, category=category)
    if message:
        flash(message, category)
    return redirect(url_for("counter.screen", counter_id=counter_id))
