"""The counter screen's forms that act on a ticket rather than at the counter: grant or remove priority on the
current, a parked or a waiting ticket (from the waiting list), and put back in the queue a no-show who came back."""

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models import Counter, db
from models.counter_actions import run_counter_action
from models.counter_operations import return_ticket
from models.errors import NotFound, RuleError
from models.queries import ticket_by_code_today
from models.transaction import perform
from motcua.web import int_arg, site_object_or_404, wants_fragment

from . import bp
from .views import render_panel


def _answer(counter_id: int, message: str, category: str):
    if wants_fragment():
        return render_panel(counter_id, message=message, category=category)
    flash(message, category)
    return redirect(url_for("counter.screen", counter_id=counter_id))


@bp.post("/<int:counter_id>/priority")
@login_required
def set_ticket_priority(counter_id: int):
    counter = site_object_or_404(Counter, counter_id)
    category = (request.form.get("category") or "").strip() or None
    try:
        ticket = perform(
            db.session,
            run_counter_action,
            "priority",
            counter.id,
            current_user,
            ticket_id=int_arg(request.form.get("ticket_id")),
            category=category,
        )
    except RuleError as error:
        return _answer(counter.id, error.message, "error")
    if ticket.priority_category:
        message = _("Số %(code)s: ưu tiên — %(name)s.", code=ticket.code, name=ticket.priority_category.name)
    else:
        message = _("Số %(code)s: không ưu tiên.", code=ticket.code)
    return _answer(counter.id, message, "info")


@bp.post("/<int:counter_id>/return")
@login_required
def return_no_show(counter_id: int):
    counter = site_object_or_404(Counter, counter_id)
    ticket = ticket_by_code_today(db.session, counter.site, request.form.get("code"))
    try:
        if ticket is None:
            raise NotFound(_("Hôm nay không có số này tại trung tâm."))
        perform(
            db.session,
            return_ticket,
            ticket,
            current_user,
            window_minutes=current_app.config["NO_SHOW_RETURN_MINUTES"],
            to_front=current_app.config["NO_SHOW_RETURN_POSITION"] != "back",
        )
    except RuleError as error:
        return _answer(counter.id, error.message, "error")
    return _answer(counter.id, _("Số %(code)s đã trở lại hàng chờ.", code=ticket.code), "info")
