"""The kiosk's printer: printing the ticket just issued, procedure slips."""

from flask import abort, render_template, send_file
from flask_babel import gettext as _

from models import Procedure, db
from models.printing import PrintKind
from models.queries import procedure_by_code
from motcua.web import current_site
from printing import print_ticket
from printing.dispatch import Printer, dispatch
from printing.documents import slip_document
from printing.printers import kiosk_device, printer_for_kiosk
from printing.render import png_buffer
from printing.slip import slip_from_procedure

from . import bp
from .enrolment import issuer_at, kiosk_device_id


def kiosk_printer(site) -> Printer:
    """This kiosk's printer (plain settings, no database row: it is read once, before the ticket's commit)."""
    return printer_for_kiosk(site, kiosk_device_id())


def print_for_kiosk(printer: Printer, issued, ticket_url: str) -> str | None:
    """Print the ticket just issued (it is already committed); a message for the citizen if it did not print."""
    outcome = print_ticket(
        printer, issued.ticket, issued.ahead, issued.wait_minutes, ticket_url, kind=PrintKind.TICKET
    )
    if outcome.ok:
        return None
    return _(
        "Máy in đang gặp sự cố nên chưa in được phiếu. Số thứ tự của ông/bà vẫn được giữ: "
        "xin ghi lại số hoặc chụp mã QR trên màn hình. Cán bộ đã được báo."
    )


def _procedure_or_404(code: str) -> Procedure:
    procedure = procedure_by_code(db.session, code)
    if procedure is None:
        abort(404)
    return procedure


@bp.post("/procedures/<code>/print-slip")
def print_slip(code: str):
    site = current_site()
    procedure = _procedure_or_404(code)
    if issuer_at(site) is None:
        # Paper is the kiosk's: a stranger on the centre's Wi-Fi must not empty the roll from a phone.
        message = _("Chỉ ki-ốt đã đăng ký mới in được danh sách giấy tờ. Xin vui lòng hỏi cán bộ hướng dẫn.")
        return render_template("kiosk/_slip_printed.html", refused=message, procedure=procedure), 403
    printer = printer_for_kiosk(site, kiosk_device_id())
    document = slip_document(slip_from_procedure(procedure, site.name, site.id), printer.settings)
    outcome = dispatch(printer, document, kind=PrintKind.SLIP)
    status = 200 if outcome.ok else 503
    return render_template("kiosk/_slip_printed.html", outcome=outcome, procedure=procedure), status


@bp.get("/procedures/<code>/slip.png")
def slip_preview(code: str):
    """The exact image the printer gets, for the screen and for checking."""
    site = current_site()
    procedure = _procedure_or_404(code)
    printer = printer_for_kiosk(site, kiosk_device_id())
    image = slip_document(slip_from_procedure(procedure, site.name, site.id), printer.settings).image
    return send_file(png_buffer(image), mimetype="image/png")


__all__ = ["kiosk_device", "print_for_kiosk"]
