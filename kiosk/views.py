"""The touch kiosk: one large button per open service; a tap issues a ticket and shows it.

Only an enrolled kiosk of the site, or a signed-in staff member, may issue (kiosk/enrolment.py). A tap burst
carries one request key: the same key again returns the ticket already issued, never a second one.
"""

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import SQLAlchemyError

from models import db
from models.clock import to_local
from models.errors import RuleError
from models.issuing import clean_key, issue_once
from models.priority import active_categories
from models.queries import service_board
from models.transaction import perform, rows_kept
from motcua.procedure_page import note_ticket
from motcua.qr import qr_svg
from motcua.web import current_site, int_arg, public_url, wants_fragment
from printing.documents import ticket_words

from . import bp
from .enrolment import issuer_at
from .print_views import kiosk_printer, print_for_kiosk


@bp.context_processor
def _kiosk_helpers():
    return {"kiosk_home_url": home_url}


def home_url(site) -> str:
    """Home for the next citizen: in the default language, whatever the last visitor chose."""
    return url_for("kiosk.home", site=site.code, lang=current_app.config["LANGUAGE"])


def _page(template: str, **context):
    return render_template(template, idle_seconds=current_app.config["KIOSK_IDLE_SECONDS"], **context)


@bp.get("/")
def home():
    site = current_site()
    if "device" in request.args:
        # An enrolment link: the cookie is set on this answer (enrolment.py); keep the key out of the address
        # bar and the browser's history.
        return redirect(url_for("kiosk.home", site=site.code))
    if issuer_at(site) is None:
        return _page("kiosk/not_enrolled.html", site=site), 403
    return _page("kiosk/home.html", site=site, services=service_board(db.session, site))


@bp.get("/services")
def services():
    site = current_site()
    code = request.args.get("priority")
    category = next((c for c in active_categories(db.session, site.id) if c.code == code), None)
    if code and category is None:
        abort(404)
    return render_template(
        "kiosk/_services.html", site=site, services=service_board(db.session, site), category=category
    )


@bp.post("/tickets")
def take_ticket():
    site = current_site()
    issuer = issuer_at(site)
    if issuer is None:
        message = _("Ki-ốt chưa được đăng ký nên chưa lấy số được. Xin vui lòng hỏi cán bộ hướng dẫn.")
        return _screen("kiosk/_problem.html", site=site, message=message), 403
    service_id = int_arg(request.form.get("service_id"))
    key = clean_key(request.form.get("request_key"))
    # A `priority` field is ignored: priority comes with a category of the kiosk's "Ưu tiên" path (the rule
    # refuses a category that is not one of this site's active ones).
    category = request.form.get("priority_category") or None
    printer = kiosk_printer(site)
    try:
        # The ticket page and the paper are drawn from the rows the rule has just committed: kept, not re-read.
        with rows_kept(db.session):
            result = perform(
                db.session,
                issue_once,
                service_id,
                scope=issuer.scope,
                key=key,
                site_id=site.id,
                window_seconds=current_app.config["KIOSK_IDEMPOTENCY_SECONDS"],
                priority_category=category,
                channel="kiosk",
            )
        if not result.repeated and request.form.get("procedure"):
            note_ticket(site, request.form.get("procedure"))
        return _ticket_screen(site, result, printer)
    except RuleError as error:  # nothing was written (DatabaseBusy included: every attempt was rolled back)
        return _screen("kiosk/_problem.html", site=site, message=error.message), error.status
    except SQLAlchemyError as error:
        # The connection may have failed after the commit: the ticket may exist, so never say it failed.
        db.session.rollback()
        current_app.logger.warning("Kiosk ticket request without a clear outcome: %s", error)
        return _screen(
            "kiosk/_doubt.html", site=site, service_id=service_id, request_key=key, priority_category=category
        ), 503


def _ticket_screen(site, result, printer):
    issued = result.issued
    ticket = issued.ticket
    ticket_url = public_url("public.ticket", token=ticket.token)
    # The ticket is committed before printing: a printer fault cannot lose it. A repeated request (a retry
    # after a lost answer) shows the same ticket and does not print it again.
    print_problem = None if result.repeated else print_for_kiosk(printer, issued, ticket_url)
    return _screen(
        "kiosk/_ticket.html",
        site=site,
        ticket=ticket,
        ahead=issued.ahead,
        wait_minutes=issued.wait_minutes,
        words=ticket_words(to_local(ticket.issued_at, site.timezone), issued.ahead, issued.wait_minutes),
        ticket_url=ticket_url,
        qr=qr_svg(ticket_url),
        print_problem=print_problem,
    )


def _screen(fragment: str, **context) -> str:
    """What replaces the kiosk screen: the fragment for htmx, or the whole kiosk page around it for a plain
    form submission (no script)."""
    if wants_fragment():
        return render_template(fragment, **context)
    return _page("kiosk/ticket.html", fragment=fragment, **context)
