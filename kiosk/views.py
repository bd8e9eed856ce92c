"""The touch kiosk: one large button per open service; a tap issues a ticket and shows it."""

from flask import current_app, render_template, request

from models import Priority, db
from models.errors import RuleError
from models.queries import service_board
from models.queue import issue_ticket
from models.transaction import perform
from motcua.qr import qr_svg
from motcua.web import current_site, int_arg, public_url, wants_fragment

from . import bp
from .print_views import print_for_kiosk


@bp.get("/")
def home():
    site = current_site()
    return render_template(
        "kiosk/home.html",
        site=site,
        services=service_board(db.session, site),
        idle_seconds=current_app.config["KIOSK_IDLE_SECONDS"],
    )


@bp.get("/services")
def services():
    site = current_site()
    return render_template("kiosk/_services.html", site=site, services=service_board(db.session, site))


@bp.post("/tickets")
def take_ticket():
    site = current_site()
    service_id = int_arg(request.form.get("service_id"))
    priority = Priority.PRIORITY if request.form.get("priority") == "1" else Priority.NORMAL
    try:
        issued = perform(db.session, issue_ticket, service_id, priority=priority, channel="kiosk")
    except RuleError as error:
        return _screen("kiosk/_problem.html", site=site, message=error.message), error.status
    ticket = issued.ticket
    ticket_url = public_url("public.ticket", token=ticket.token)
    # The ticket is committed before printing: a printer fault cannot lose it.
    print_problem = print_for_kiosk(site, issued, ticket_url)
    return _screen(
        "kiosk/_ticket.html",
        site=site,
        ticket=ticket,
        ahead=issued.ahead,
        wait_minutes=issued.wait_minutes,
        ticket_url=ticket_url,
        qr=qr_svg(ticket_url),
        print_problem=print_problem,
    )


def _screen(fragment: str, **context) -> str:
    """What replaces the kiosk screen: the fragment for htmx, or the whole kiosk page around it for a plain
    form submission (a tap that landed before htmx had wired up the button)."""
    if wants_fragment():
        return render_template(fragment, **context)
    return render_template(
        "kiosk/ticket.html",
        fragment=fragment,
        idle_seconds=current_app.config["KIOSK_IDLE_SECONDS"],
        **context,
    )
