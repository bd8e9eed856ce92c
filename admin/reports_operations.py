"""The director's operations report (/admin/reports/operations): one site or the whole province, any range of
local days; the page with its charts, a printable A4 page and the XLSX file, all from models/report_period.py."""

from flask import Response, render_template, request
from flask_login import current_user

from models import db
from models.dossier import Timeliness
from models.dossier_report import OUTCOMES
from models.report_period import period_report
from models.report_scope import PROVINCE, report_sites
from motcua.auth import supervisor_required
from motcua.concurrency import off_the_loop_with_request
from motcua.web import staff_site

from . import bp, reports_charts
from .reports import _range
from .reports_xlsx import operations_workbook


@bp.get("/reports/operations")
@supervisor_required
def operations():
    site = staff_site()
    start, end = _range(site)
    scope = request.args.get("scope")
    sites = report_sites(db.session, current_user, site, scope)
    # A province over months is seconds of work: on a real thread, so this process's other sockets go on.
    report = off_the_loop_with_request(period_report, db.session, sites, start, end)
    fmt = request.args.get("format")
    name = f"bao-cao-van-hanh_{site.code if not report.several else 'toan-tinh'}_{start}_{end}"
    if fmt == "xlsx":
        return Response(
            operations_workbook(report),
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
        )
    charts = {
        "heatmap": reports_charts.heatmap(report.load),
        "hourly": reports_charts.hourly(report.load),
        "waits": reports_charts.service_waits(report.operations.by_service),
    }
    template = "admin/operations_print.html" if fmt == "print" else "admin/operations.html"
    return render_template(
        template,
        site=site,
        report=report,
        charts=charts,
        scope=PROVINCE if report.several else "",
        may_see_province=current_user.role == "admin",
        outcomes=OUTCOMES,
        outcome_labels=[Timeliness.LABELS[o] for o in OUTCOMES],
    )
