"""Reprint a ticket (counter or back office) and print a test ticket (back office), on a chosen printer."""

from flask_babel import gettext as _

from models import Ticket, db, utcnow
from models.clock import to_local
from models.printing import PrintKind
from models.queries import estimated_wait_minutes, people_ahead
from motcua.web import public_url

from . import print_ticket
from .dispatch import Outcome, Printer, dispatch
from .documents import ticket_document
from .render import TicketContent


def reprint(printer: Printer, ticket: Ticket) -> Outcome:
    ahead = people_ahead(db.session, ticket) if ticket.status == "waiting" else 0
    wait = estimated_wait_minutes(db.session, ticket, ahead)
    note = _("In lại lúc %(time)s", time=to_local(utcnow(), ticket.site.timezone).strftime("%H:%M"))
    url = public_url("public.ticket", token=ticket.token)
    return print_ticket(printer, ticket, ahead, wait, url, kind=PrintKind.REPRINT, note=note)


def test_content(site) -> TicketContent:
    now = to_local(utcnow(), site.timezone)
    return TicketContent(
        centre=site.name,
        service=_("Phiếu in thử — Hộ tịch, chứng thực"),
        code="A000",
        heading=_("SỐ THỨ TỰ"),
        issued_at=now.strftime("%H:%M — %d/%m/%Y"),
        ahead_line=_("Số người đang chờ trước: %(count)s", count=0),
        wait_line=_("Thời gian chờ dự kiến: %(wait)s", wait=_("Sắp đến lượt")),
        url=public_url("public.index"),
        qr_caption=_("Quét mã QR để theo dõi lượt của mình trên điện thoại"),
        footer=_("Vui lòng chờ đến lượt — Xin cảm ơn!"),
    )


def print_test(printer: Printer, site) -> Outcome:
    return dispatch(printer, ticket_document(test_content(site), printer.settings), kind=PrintKind.TEST)
