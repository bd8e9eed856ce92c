"""Reprint at the counter: the current ticket, or any of today's codes, on the site's kiosk printer."""

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from models import db
from models.queries import current_ticket, ticket_by_code_today
from printing.printers import site_printer
from printing.reprint import reprint

from . import bp
from .views import _counter_or_404


@bp.post("/<int:counter_id>/reprint")
@login_required
def reprint_ticket(counter_id: int):
    counter = _counter_or_404(counter_id)
    code = request.form.get("code", "")
    ticket = (
        ticket_by_code_today(db.session, counter.site, code)
        if code.strip()
        else current_ticket(db.session, counter.id)
    )
    if ticket is None:
        message = (
            _("Không tìm thấy số %(code)s trong hôm nay.", code=code.strip()[:12]) if code.strip() else None
        )
        return render_template(
            "counter/_reprint_result.html", ok=False, message=message or _("Chưa gọi số nào.")
        )
    outcome = reprint(site_printer(counter.site), ticket)
    if outcome.ok:
        return render_template(
            "counter/_reprint_result.html", ok=True, message=_("Đã in lại số %(code)s.", code=ticket.code)
        )
    return render_template(
        "counter/_reprint_result.html",
        ok=False,
        message=_("Chưa in lại được: %(reason)s", reason=outcome.message),
    )
