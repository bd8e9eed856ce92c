"""What goes on paper: a ticket or a procedure slip turned into a Document, in the current language."""

from datetime import datetime

from flask_babel import gettext as _

from models import Ticket
from models.clock import to_local

from .dispatch import Document
from .render import SlipContent, TicketContent, paper_dots, qr_module_size, render_slip, stack, ticket_parts
from .transports import PrinterSettings

ISSUED_AT_FORMAT = "%H:%M — %d/%m/%Y"


def ticket_words(issued_local: datetime, ahead: int, wait_minutes: int) -> dict:
    """The words of a ticket, in the current language: the one source for the paper (ticket_content, the test
    ticket) and the kiosk's screen (kiosk/_ticket.html)."""
    return {
        "heading": _("SỐ THỨ TỰ"),
        "issued_at": issued_local.strftime(ISSUED_AT_FORMAT),
        "ahead_label": _("Số người đang chờ trước"),
        "wait_label": _("Thời gian chờ dự kiến"),
        "wait": _("Sắp đến lượt") if ahead == 0 else _("khoảng %(minutes)s phút", minutes=wait_minutes),
        "qr_caption": _("Quét mã QR để theo dõi lượt của mình trên điện thoại"),
        "footer": _("Vui lòng chờ đến lượt — Xin cảm ơn!"),
    }


def paper_content(
    *, centre: str, service: str, code: str, words: dict, ahead: int, url: str, note: str = ""
) -> TicketContent:
    return TicketContent(
        centre=centre,
        service=service,
        code=code,
        heading=words["heading"],
        issued_at=words["issued_at"],
        ahead_line=f"{words['ahead_label']}: {ahead}",
        wait_line=f"{words['wait_label']}: {words['wait']}",
        url=url,
        qr_caption=words["qr_caption"],
        footer=words["footer"],
        note=note,
    )


def priority_words(ticket: Ticket) -> str:
    """ "ƯT · Người cao tuổi" on a priority ticket (screen, paper, phone); empty on a normal one."""
    if not ticket.priority:
        return ""
    category = ticket.priority_category
    return _("ƯT") + " · " + (category.name if category else _("Ưu tiên"))


def ticket_content(ticket: Ticket, ahead: int, wait_minutes: int, url: str, note: str = "") -> TicketContent:
    words = ticket_words(to_local(ticket.issued_at, ticket.site.timezone), ahead, wait_minutes)
    note = " — ".join(part for part in (priority_words(ticket), note) if part)
    return paper_content(
        centre=ticket.site.name,
        service=ticket.service.name,
        code=ticket.code,
        words=words,
        ahead=ahead,
        url=url,
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
