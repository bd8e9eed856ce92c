"""Back office: the dossier figures of a period and the register (Mẫu 07, Sổ theo dõi hồ sơ) as XLSX and PDF;
the signer of the centre's dossier letters (Mẫu 04)."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from models import Site, db
from models.audit import audited
from models.clock import to_local
from models.dossier import DossierStatus, Timeliness
from models.dossier_report import OUTCOMES, DossierReport, dossier_report
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.web import staff_site
from printing.dossier_forms import register_pdf

from . import bp
from .exports import add_table, period_workbook, xlsx_response
from .reports import _range


@bp.get("/dossiers")
@supervisor_required
def dossiers():
    site = staff_site()
    start, end = _range(site)
    report = dossier_report(db.session, site, start, end)
    fmt = request.args.get("format")
    if fmt == "xlsx":
        return _xlsx(site, report)
    if fmt == "pdf":
        return Response(
            register_pdf(site, report, register_rows(report, site)),
            mimetype="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{_filename(site, report, "pdf")}"'},
        )
    return render_template(
        "admin/dossiers.html",
        site=site,
        report=report,
        outcomes=[(o, Timeliness.LABELS[o]) for o in OUTCOMES],
        statuses=DossierStatus,
    )


def set_signer(session, site_id: int, name: str, title: str) -> None:
    site = session.get(Site, site_id)
    site.dossier_signer_name = " ".join((name or "").split())[:200]
    site.dossier_signer_title = " ".join((title or "").split())[:200]


@bp.post("/dossiers/signer")
@supervisor_required
def dossier_signer():
    site = staff_site()
    name, title = request.form.get("name", ""), request.form.get("title", "")
    logged = audited(
        set_signer,
        current_actor(),
        "dossier_signer_changed",
        site.name,
        site_id=site.id,
        after={"name": name[:200], "title": title[:200]},
    )
    perform(db.session, logged, site.id, name, title)
    flash(_("Đã lưu người ký văn bản xin lỗi."), "info")
    return redirect(url_for("admin.dossiers", site=site.code))


def _filename(site, report: DossierReport, ext: str) -> str:
    return f"so-theo-doi-ho-so-{site.code}-{report.start.isoformat()}-{report.end.isoformat()}.{ext}"


def register_rows(report: DossierReport, site) -> list[list]:
    header = [
        _("STT"),
        _("Mã hồ sơ"),
        _("Thủ tục"),
        _("Người nộp"),
        _("Ngày tiếp nhận"),
        _("Hẹn trả"),
        _("Có kết quả"),
        _("Trả kết quả"),
        _("Trạng thái"),
        _("Kết quả giải quyết"),
        _("Cán bộ tiếp nhận"),
    ]
    rows = [header]
    for index, d in enumerate(report.rows, start=1):
        rows.append(
            [
                index,
                d.code,
                d.procedure.name,
                d.applicant_name,
                to_local(d.received_at, site.timezone).strftime("%d/%m/%Y %H:%M"),
                d.due_date.strftime("%d/%m/%Y"),
                to_local(d.result_ready_at, site.timezone).strftime("%d/%m/%Y") if d.result_ready_at else "",
                to_local(d.returned_at, site.timezone).strftime("%d/%m/%Y") if d.returned_at else "",
                d.status_label,
                str(Timeliness.LABELS[d.timeliness]) if d.timeliness else "",
                d.officer.full_name if d.officer else "",
            ]
        )
    return rows


def _xlsx(site, report: DossierReport) -> Response:
    workbook = period_workbook(
        _("Sổ theo dõi hồ sơ"), site, report.start, report.end, register_rows(report, site)
    )
    header = [
        _("Nhóm"),
        _("Tiếp nhận"),
        _("Đã giải quyết"),
        *[str(Timeliness.LABELS[o]) for o in OUTCOMES],
        _("Đang giải quyết"),
        _("Tỉ lệ đúng hạn (%)"),
    ]
    groups = [(_("Tổng cộng"), report.total)]
    groups += [(_("Thủ tục %(code)s", code=k), v) for k, v in report.by_procedure.items()]
    groups += [(_("Lĩnh vực %(name)s", name=k), v) for k, v in report.by_field.items()]
    groups += [(_("Cán bộ %(name)s", name=k), v) for k, v in report.by_officer.items()]
    rows = [
        [name, f.received, f.resolved, *[f.outcomes[o] for o in OUTCOMES], f.pending, f.on_time_rate]
        for name, f in groups
    ]
    add_table(workbook.create_sheet(_("Số liệu")[:31]), [header, *rows])
    return xlsx_response(workbook, _filename(site, report, "xlsx"))
