"""Reprint a ticket (counter or back office) and print a test ticket (back office), on a chosen printer."""

from flask_babel import gettext as _

from models import Ticket, db, utcnow
from models.clock import to_local
from models.printing import PrintKind
from models.queries import place_in_queue
from motcua.web import public_url

from . import print_ticket
from .dispatch import Outcome, Printer, dispatch
from .documents import paper_content, ticket_document, ticket_words
from .render import TicketContent


def reprint(printer: Printer, ticket: Ticket) -> Outcome:
    ahead, wait = place_in_queue(db.session, ticket)
    note = _("In lại lúc %(time)s", time=to_local(utcnow(), ticket.site.timezone).strftime("%H:%M"))
    url = public_url("public.ticket", token=ticket.token)
    return print_ticket(printer, ticket, ahead, wait, url, kind=PrintKind.REPRINT, note=note)


def test_content(site) -> TicketContent:
    return paper_content(
        centre=site.name,
        service=_("Phiếu in thử — Hộ tịch, chứng thực"),
        code="A000",
        words=ticket_words(to_local(utcnow(), site.timezone), 0, 0),
        ahead=0,
        url=public_url("public.index"),
    )


def print_test(printer: Printer, site) -> Outcome:
    return dispatch(printer, ticket_document(test_content(site), printer.settings), kind=PrintKind.TEST)
