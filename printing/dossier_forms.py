"""The dossier forms of Thông tư 03/2025/TT-VPCP as A4 PDF: Mẫu 01 (receipt and appointment), Mẫu 04 (apology and
new date) and Mẫu 07 (the register). Laid out in HTML templates (templates/forms/) and printed by WeasyPrint
with DejaVu fonts, so Vietnamese diacritics come out intact.

The forms are legal documents in Vietnamese: they are rendered in Vietnamese whatever language the screen
that asked for them is showing."""

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from models import Dossier
from models.catalogue import DocumentKind
from models.clock import to_local
from models.dossier import Delivery, DossierStatus
from models.dossier_due import time_limit
from models.dossier_report import DossierReport
from motcua.concurrency import off_the_loop
from motcua.qr import qr_svg

from .render import SlipContent


def _pdf(template: str, **context) -> bytes:
    with force_locale("vi"):
        html = render_template(template, **context)
    return off_the_loop(_write_pdf, html)


def _write_pdf(html: str) -> bytes:
    """WeasyPrint is imported on the first PDF, not with the app: it weighs 39 MiB in every server process. It
    lays out on a real thread (off_the_loop): a 40-document register takes long enough to stall every
    screen of a gevent process if laid out on its loop."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def limit_words(dossier: Dossier) -> str:
    kind, amount = time_limit(dossier.procedure)
    if kind == "same_day":
        return "Trong ngày"
    if kind == "hours":
        return f"{amount:02d} giờ làm việc"
    return f"{amount:02d} ngày làm việc"


def receipt_pdf(dossier: Dossier, url: str) -> bytes:
    """Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with a QR code to the dossier's public page."""
    site = dossier.site
    return _pdf(
        "forms/mau01.html",
        dossier=dossier,
        site=site,
        received=to_local(dossier.received_at, site.timezone),
        limit=limit_words(dossier),
        delivery=Delivery.LABELS.get(dossier.delivery, dossier.delivery),
        qr=qr_svg(url),
        url=url,
    )


def apology_pdf(dossier: Dossier) -> bytes:
    """Mẫu 04: Văn bản xin lỗi và hẹn lại thời gian trả kết quả (the apology must have been issued)."""
    site = dossier.site
    return _pdf(
        "forms/mau04.html",
        dossier=dossier,
        site=site,
        received=to_local(dossier.received_at, site.timezone),
        issued=to_local(dossier.apology_at, site.timezone),
    )


def _notice_words(status: str) -> tuple[str, str, str]:
    """(title, lead, note) of Mẫu 02, 03 or 05."""
    if status == DossierStatus.SUPPLEMENT:
        return (
            _("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
            _("Hồ sơ của ông/bà cần được bổ sung, hoàn thiện như sau:"),
            _("Thời hạn giải quyết tạm dừng và được tính tiếp từ ngày Trung tâm nhận đủ hồ sơ bổ sung."),
        )
    if status == DossierStatus.REFUSED:
        return (
            _("PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ"),
            _("Trung tâm từ chối tiếp nhận, giải quyết hồ sơ của ông/bà với lý do:"),
            "",
        )
    return (_("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"), _("Hồ sơ của ông/bà được dừng giải quyết với lý do:"), "")


NOTICES = {"02": DossierStatus.SUPPLEMENT, "03": DossierStatus.REFUSED, "05": DossierStatus.STOPPED}


def notice_pdf(dossier: Dossier, status: str) -> bytes | None:
    """Mẫu 02, 03 or 05 from the last time the dossier entered `status`; None if it never did."""
    event = next((e for e in reversed(dossier.events) if e.to_status == status and e.type == "status"), None)
    if event is None:
        return None
    site = dossier.site
    with force_locale("vi"):
        title, lead, note = _notice_words(status)
    return _pdf(
        "forms/notice.html",
        dossier=dossier,
        site=site,
        received=to_local(dossier.received_at, site.timezone),
        issued=to_local(event.at, site.timezone),
        title=title,
        lead=lead,
        note=note,
        reason=event.reason,
        officer=event.user.full_name if event.user else "",
    )


def control_pdf(dossier: Dossier) -> bytes:
    """Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ, from the dossier's log."""
    return _pdf("forms/mau06.html", dossier=dossier, site=dossier.site, statuses=DossierStatus)


def register_pdf(site, report: DossierReport, rows: list[list]) -> bytes:
    """Mẫu 07: Sổ theo dõi hồ sơ for the report's period (`rows`: the register, header first)."""
    return _pdf("forms/mau07.html", site=site, report=report, rows=rows)


def receipt_slip(dossier: Dossier) -> SlipContent:
    """Mẫu 01 in short, for the ticket printer: the code, the procedure, the documents and the due date."""
    return SlipContent(
        heading=_("GIẤY HẸN TRẢ KẾT QUẢ"),
        title=dossier.procedure.name,
        code=dossier.code,
        documents=[
            f"{d['name']} — {DocumentKind.label(d['kind'])}, {d['quantity']}" for d in dossier.documents
        ],
        processing_time=dossier.due_date.strftime("%d/%m/%Y"),
        fees=f"{dossier.fee:,}".replace(",", ".") + " đ" if dossier.fee else "",
        centre=dossier.site.name,
        labels={
            "code": _("Mã hồ sơ:"),
            "documents": _("Giấy tờ đã nhận:"),
            "processing_time": _("Ngày hẹn trả kết quả:"),
            "fees": _("Phí, lệ phí đã thu:"),
        },
    )
