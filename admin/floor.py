"""/admin/floor: the supervisors' live floor view. Every counter (officer, state, current ticket and for how
long, served today), every service (waiting, longest wait, mean wait in the last hour, coloured past the
centre's target); a supervisor moves a waiting ticket to another service or counter, grants or removes its
priority, opens a paused counter again, closes a counter (a confirm step when an officer holds it: their screen
is told) and opens a closed one for officers to take. Live: the panel refetches on every change in the site (admin namespace)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import CancelReason, Counter, PauseReason, Ticket, db, utcnow
from models.audit import audited
from models.counter_operations import move_waiting, reopen_paused, set_priority
from models.counter_supervision import open_shut_counter, shut_counter
from models.errors import RuleError
from models.parked_left import close_left_parked
from models.priority import active_categories
from models.queries.floor import floor_view
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.web import int_arg, site_object_or_404, staff_site, wants_fragment

from . import bp


def _context(site) -> dict:
    return {
        "site": site,
        "pause_reasons": PauseReason.LABELS,
        "cancel_reasons": CancelReason.LABELS,
        "categories": active_categories(db.session, site.id),
        **floor_view(db.session, site, utcnow()),
    }


@bp.get("/floor")
@supervisor_required
def floor():
    return render_template("admin/floor.html", **_context(staff_site()))


@bp.get("/floor/panel")
@supervisor_required
def floor_panel():
    return render_template("admin/_floor_panel.html", **_context(staff_site()))


def _back(site, message: str | None, category: str, **extra):
    if wants_fragment() or extra:
        template = "admin/_floor_panel.html" if wants_fragment() else "admin/floor.html"
        return render_template(template, message=message, category=category, **extra, **_context(site))
    flash(message, category)
    return redirect(url_for("admin.floor", site=site.code))


@bp.post("/floor/tickets/<int:ticket_id>/move")
@supervisor_required
def move_ticket(ticket_id: int):
    ticket = site_object_or_404(Ticket, ticket_id)
    kind, _sep, value = request.form.get("target", "").partition(":")
    try:
        perform(
            db.session,
            move_waiting,
            current_user,
            ticket.id,
            service_id=int_arg(value) if kind == "service" else None,
            to_counter_id=int_arg(value) if kind == "counter" else None,
        )
    except RuleError as error:
        return _back(ticket.site, error.message, "error")
    return _back(ticket.site, _("Đã chuyển số %(code)s.", code=ticket.code), "info")


@bp.post("/floor/tickets/<int:ticket_id>/priority")
@supervisor_required
def ticket_priority(ticket_id: int):
    """Grant a priority category to a waiting ticket, or remove it (logged with who)."""
    ticket = site_object_or_404(Ticket, ticket_id)
    category = (request.form.get("category") or "").strip() or None
    try:
        perform(db.session, set_priority, current_user, ticket.id, category=category)
    except RuleError as error:
        return _back(ticket.site, error.message, "error")
    return _back(ticket.site, _("Đã đổi ưu tiên của số %(code)s.", code=ticket.code), "info")


@bp.post("/floor/counters/<int:counter_id>/reopen")
@supervisor_required
def reopen_counter(counter_id: int):
    """Open a paused counter again (its officer stays)."""
    counter = site_object_or_404(Counter, counter_id)
    officer_id = int_arg(request.form.get("officer_id"))
    try:
        perform(db.session, reopen_paused, counter.id, current_user, officer_id=officer_id)
    except RuleError as error:
        return _back(counter.site, error.message, "error")
    return _back(counter.site, _("Quầy %(number)s đã mở lại.", number=counter.number), "info")


# Closing (shut) and opening a counter from the floor: the rule and the audit log's action.
COUNTER_CHANGES = {"shut": (shut_counter, "counter_shut"), "open": (open_shut_counter, "counter_opened")}


@bp.post("/floor/counters/<int:counter_id>/<any(shut, open):change>")
@supervisor_required
def change_counter(counter_id: int, change: str):
    """`shut`: close a counter so no one takes it. One an officer holds asks first (a confirm step naming the
    officer, the citizen at it and its parked tickets); the form carries the officer the supervisor saw, so an
    officer who took it meanwhile is never displaced unseen. Their screen is told at once.
    `open`: make a shut counter available again: free, for any officer to take (no one is put there)."""
    counter = site_object_or_404(Counter, counter_id)
    rule, audit_action = COUNTER_CHANGES[change]
    seen = {}
    if change == "shut":
        seen["officer_id"] = int_arg(request.form.get("officer_id"))
        if seen["officer_id"] is not None and request.form.get("confirm") != "1":
            return _back(counter.site, None, "info", confirm_shut=counter.id)
    try:
        audited_rule = audited(
            rule, current_actor(), audit_action, str(counter.number), site_id=counter.site_id
        )
        result = perform(db.session, audited_rule, counter.id, current_user, **seen)
    except RuleError as error:
        return _back(counter.site, error.message, "error")
    if change == "open":
        return _back(
            counter.site, _("Quầy %(number)s đã mở lại cho cán bộ nhận.", number=counter.number), "info"
        )
    message = _("Đã đóng Quầy %(number)s.", number=counter.number)
    if result is not None:  # the citizen who was at the counter, back in the queue
        message += " " + _("Số %(code)s đã trở lại hàng chờ, giữ nguyên thứ tự.", code=result.code)
    return _back(counter.site, message, "info")


@bp.post("/floor/tickets/<int:ticket_id>/close-left")
@supervisor_required
def close_left_ticket(ticket_id: int):
    """Close a ticket left parked from an earlier day, with a reason (it cannot be resumed: its code was that
    day's)."""
    ticket = site_object_or_404(Ticket, ticket_id)
    try:
        perform(db.session, close_left_parked, current_user, ticket.id, reason=request.form.get("reason"))
    except RuleError as error:
        return _back(ticket.site, error.message, "error")
    return _back(ticket.site, _("Đã đóng số %(code)s còn tạm giữ từ ngày trước.", code=ticket.code), "info")
