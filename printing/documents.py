"""What goes on paper: a ticket or a procedure slip turned into a Document, in the current language."""

from flask_babel import gettext as _

from models import Ticket
from models.clock import to_local

from .dispatch import Document
from .render import SlipContent, TicketContent, paper_dots, qr_module_size, render_slip, stack, ticket_parts
from .transports import PrinterSettings


def ticket_content(ticket: Ticket, ahead: int, wait_minutes: int, url: str, note: str = "") -> TicketContent:
    issued = to_local(ticket.issued_at, ticket.site.timezone).strftime("%H:%M — %d/%m/%Y")
    wait = _("Sắp đến lượt") if ahead == 0 else _("khoảng %(minutes)s phút", minutes=wait_minutes)
    return TicketContent(
        centre=ticket.site.name,
        service=ticket.service.name,
        code=ticket.code,
        heading=_("SỐ THỨ TỰ"),
        issued_at=issued,
        ahead_line=_("Số người đang chờ trước: %(count)s", count=ahead),
        wait_line=_("Thời gian chờ dự kiến: %(wait)s", wait=wait),
        url=url,
        qr_caption=_("Quét mã QR để theo dõi lượt của mình trên điện thoại"),
        footer=_("Vui lòng chờ đến lượt — Xin cảm ơn!"),
        note=note,
    )


def ticket_document(content: TicketContent, settings: PrinterSettings) -> Document:
    width = paper_dots(settings.paper_mm)
    parts = ticket_parts(content, width)
    return Document(
        name=content.code,
        image=stack(parts.top, parts.qr, parts.bottom),
        top=parts.top,
        qr_url=content.url,
        qr_size=qr_module_size(content.url, width),
        bottom=parts.bottom,
    )


def slip_labels() -> dict:
    return {
        "documents": _("Giấy tờ cần mang theo:"),
        "processing_time": _("Thời hạn giải quyết:"),
        "fees": _("Phí, lệ phí:"),
        "code": _("Mã thủ tục:"),
    }


def slip_document(slip: SlipContent, settings: PrinterSettings) -> Document:
    return Document(name=f"slip-{slip.code}", image=render_slip(slip, paper_dots(settings.paper_mm)))
