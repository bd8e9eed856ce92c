"""Printing from the counter: reprint a ticket, and the live printer alerts of the site."""

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from kiosk.printing.printers import site_printer
from kiosk.printing.reprint import find_today, reprint
from models import Site, db
from models.printing import failing_since, printer_alerts
from models.queries import current_ticket
from motcua.web import int_arg, site_object_or_404

from . import bp
from .views import _counter_or_404


def alert_rows(site: Site) -> list:
    rows = printer_alerts(db.session, site.id)
    for row in rows:
        row.since = failing_since(db.session, row)
    return rows


@bp.get("/printer-alerts")
@login_required
def printer_alerts_fragment():
    site = site_object_or_404(Site, int_arg(request.args.get("site_id")))
    return render_template("printing/_alerts.html", site=site, alerts=alert_rows(site))


@bp.post("/<int:counter_id>/reprint")
@login_required
def reprint_ticket(counter_id: int):
    counter = _counter_or_404(counter_id)
    code = request.form.get("code", "")
    ticket = find_today(counter.site, code) if code.strip() else current_ticket(db.session, counter.id)
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
