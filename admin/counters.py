"""A supervisor's hand on a counter from the overview: release it (its citizen back to the queue at their
place) or take it over. The rules are in models/counter_supervision.py; both are logged there."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import Counter, db
from models.audit import audited
from models.counter_supervision import release_counter, take_over_counter
from models.errors import RuleError
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.web import int_arg, site_object_or_404

from . import bp


@bp.post("/counters/<int:counter_id>/release")
@supervisor_required
def release(counter_id: int):
    counter = site_object_or_404(Counter, counter_id)
    # The officer the supervisor saw: if someone else holds the counter by now, nothing is done.
    officer_id = int_arg(request.form.get("officer_id"))
    try:
        release = audited(
            release_counter, current_actor(), "counter_released", str(counter.number), site_id=counter.site_id
        )
        ticket = perform(db.session, release, counter.id, current_user, officer_id=officer_id)
    except RuleError as error:
        flash(error.message, "error")
    else:
        message = _("Đã giải phóng Quầy %(number)s.", number=counter.number)
        if ticket is not None:
            message += " " + _("Số %(code)s đã trở lại hàng chờ, giữ nguyên thứ tự.", code=ticket.code)
        flash(message, "info")
    return redirect(url_for("admin.index", site=counter.site.code))


@bp.post("/counters/<int:counter_id>/take-over")
@supervisor_required
def take_over(counter_id: int):
    counter = site_object_or_404(Counter, counter_id)
    officer_id = int_arg(request.form.get("officer_id"))
    try:
        take = audited(
            take_over_counter,
            current_actor(),
            "counter_taken_over",
            str(counter.number),
            site_id=counter.site_id,
        )
        perform(db.session, take, counter.id, current_user, officer_id=officer_id)
    except RuleError as error:
        flash(error.message, "error")
        return redirect(url_for("admin.index", site=counter.site.code))
    return redirect(url_for("counter.screen", counter_id=counter.id))
