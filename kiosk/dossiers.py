"""Tra cứu hồ sơ at the kiosk: type the code from Mẫu 01 on a big keypad and see the dossier's state; when the
result is ready, "Nhận kết quả" issues a ticket for the return service carrying the dossier.

Typed codes are looked up in this kiosk's site only, and wrong ones count against the address's look-up limit
(shared with /hs/…): a stranger at the kiosk can neither list codes nor see more than the public page shows.
The kiosk also says when the centre is closed today (a holiday or one of its own closed days)."""

from flask import current_app, render_template, request
from flask_babel import gettext as _

from models import db
from models.calendar import CentreClosed, ensure_open_day
from models.dossier_queries import dossier_by_code
from models.dossier_return import issue_return_ticket
from models.errors import RuleError
from models.issuing import IssueResult
from models.queries import today
from models.transaction import perform
from motcua.throttle import lookup_limits, lookup_missed
from motcua.web import current_site, int_arg

from . import bp
from .enrolment import issuer_at
from .print_views import kiosk_printer
from .views import _screen, _ticket_screen


@bp.app_context_processor
def _closed_today():
    return {"centre_closed_today": closed_today}


def closed_today(site) -> str | None:
    """The kiosk's notice when the centre issues nothing today, else None."""
    try:
        ensure_open_day(db.session, site.id, today(site))
    except CentreClosed as closed:
        return closed.message
    return None


def _page(template: str, **context):
    return render_template(template, idle_seconds=current_app.config["KIOSK_IDLE_SECONDS"], **context)


@bp.get("/dossiers")
def dossier_lookup():
    site = current_site()
    return _page("kiosk/dossiers/lookup.html", site=site, prefix=site.code.upper() + "-")


@bp.post("/dossiers")
@lookup_limits()
def find_dossier():
    site = current_site()
    typed = "".join((request.form.get("code") or "")[:80].split()).upper()
    prefix = site.code.upper() + "-"
    # The screen shows the centre's own unit code: the citizen types the rest (the day and the number).
    code = typed if typed.startswith(prefix) else prefix + typed
    dossier = dossier_by_code(db.session, code, site_id=site.id) if typed else None
    if dossier is None:
        lookup_missed()
        message = _("Không tìm thấy hồ sơ có mã này. Xin vui lòng kiểm tra lại mã trên Giấy tiếp nhận hồ sơ.")
        page = render_template("kiosk/dossiers/_form.html", site=site, prefix=prefix, message=message)
        return page, 404
    return render_template("kiosk/dossiers/_result.html", site=site, dossier=dossier)


@bp.post("/dossiers/<int:dossier_id>/return-ticket")
def return_ticket(dossier_id: int):
    site = current_site()
    if issuer_at(site) is None:
        message = _("Ki-ốt chưa được đăng ký nên chưa lấy số được. Xin vui lòng hỏi cán bộ hướng dẫn.")
        return _screen("kiosk/_problem.html", site=site, message=message), 403
    printer = kiosk_printer(site)
    try:
        issued = perform(db.session, issue_return_ticket, int_arg(dossier_id), site.id)
    except RuleError as error:
        return _screen("kiosk/_problem.html", site=site, message=error.message), error.status
    return _ticket_screen(site, IssueResult(issued, repeated=False), printer)
