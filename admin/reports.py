"""Satisfaction reports in the back office (/admin/reports/satisfaction), their CSV and XLSX export, the live
"Không hài lòng" alerts for supervisors, and the rating tablets' signed links."""

from datetime import date

from flask import Response, flash, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from models import Counter, Level, Site, db
from models.queries import dissatisfied_today, today
from models.rating_rules import CRITERION_LABELS, LEVEL_LABELS
from models.satisfaction_report import (
    MAX_REPORT_DAYS,
    InvalidDate,
    InvalidRange,
    Report,
    report_range,
    satisfaction_report,
)
from motcua.auth import supervisor_required
from motcua.web import public_url, staff_site

from . import bp
from .exports import csv_response, period_workbook, xlsx_response


def _range(site: Site) -> tuple[date, date]:
    """?from=&to= (inclusive local days); the last 30 days by default; bad input is said and replaced."""
    try:
        return report_range(today(site), request.args.get("from"), request.args.get("to"))
    except InvalidDate:
        flash(_("Ngày không hợp lệ; đang hiển thị 30 ngày gần nhất."), "error")
    except InvalidRange:
        flash(
            _(
                "Khoảng thời gian không hợp lệ (tối đa %(days)s ngày); đang hiển thị 30 ngày gần nhất.",
                days=MAX_REPORT_DAYS,
            ),
            "error",
        )
    return report_range(today(site), None, None)


@bp.get("/reports/satisfaction")
@supervisor_required
def satisfaction():
    site = staff_site()
    start, end = _range(site)
    report = satisfaction_report(db.session, site.id, start, end)
    fmt = request.args.get("format")
    if fmt == "csv":
        return _csv(report, site)
    if fmt == "xlsx":
        return _xlsx(report, site)
    context = {
        "site": site,
        "report": report,
        "levels": [(level, LEVEL_LABELS[level]) for level in Level.ALL],
        **alerts_context(site),
        "fragment_url": url_for(
            "admin.satisfaction",
            site=site.code,
            **{"from": start.isoformat(), "to": end.isoformat()},
            fragment=1,
        ),
    }
    if request.args.get("fragment"):
        return render_template("admin/_satisfaction_tables.html", **context)
    return render_template("admin/satisfaction.html", **context)


@bp.get("/reports/satisfaction/alerts")
@supervisor_required
def rating_alerts():
    site = staff_site()
    return render_template("admin/_rating_alerts.html", site=site, **alerts_context(site))


def alerts_context(site: Site) -> dict:
    """What the "Không hài lòng" alert panel needs, for every page that shows it."""
    return {
        "alerts": dissatisfied_today(db.session, site),
        "level_labels": LEVEL_LABELS,
        "criterion_labels": CRITERION_LABELS,
    }


@bp.get("/rating-tablets")
@supervisor_required
def rating_tablets():
    """Each counter with the links of its registered tablets (a tablet is a device: /admin/devices registers one
    and revokes its key)."""
    from models import Device, DeviceKind
    from motcua.tablet_keys import tablet_key

    site = staff_site()
    counters = db.session.scalars(select(Counter).filter_by(site_id=site.id).order_by(Counter.number)).all()
    tablets = db.session.scalars(
        select(Device).filter_by(site_id=site.id, kind=DeviceKind.TABLET).order_by(Device.id)
    ).all()
    links = [
        (
            c,
            [
                (t, public_url("tablet.page", counter_id=c.id, key=tablet_key(t)))
                for t in tablets
                if t.counter_id == c.id
            ],
        )
        for c in counters
    ]
    return render_template("admin/rating_tablets.html", site=site, links=links)


# --- export ------------------------------------------------------------------------------------------------


def _table(report: Report) -> list[list]:
    """One sheet of rows: a header, then the officers (ranked), the counters and the services."""
    header = [
        _("Nhóm"),
        _("Hạng"),
        _("Tên"),
        _("Số hồ sơ đã phục vụ"),
        _("Số lượt đánh giá"),
        _("Tỷ lệ phản hồi (%)"),
        *[str(LEVEL_LABELS[level]) for level in Level.ALL],
        *[_("%(level)s (%%)", level=LEVEL_LABELS[level]) for level in Level.ALL],
        _("Chỉ số hài lòng (%)"),
    ]
    rows = [header]
    for group, items in (
        (_("Cán bộ"), report.officers),
        (_("Quầy"), report.counters),
        (_("Dịch vụ"), report.services),
    ):
        for f in items:
            rows.append(
                [
                    group,
                    f.rank if f.rank is not None else "",
                    f.name,
                    f.served,
                    f.rated,
                    _blank(f.response_rate),
                    *[f.levels[level] for level in Level.ALL],
                    *[_blank(f.share(level)) for level in Level.ALL],
                    _blank(f.index),
                ]
            )
    t = report.total
    rows.append(
        [
            _("Toàn trung tâm"),
            "",
            "",
            t.served,
            t.rated,
            _blank(t.response_rate),
            *[t.levels[level] for level in Level.ALL],
            *[_blank(t.share(level)) for level in Level.ALL],
            _blank(t.index),
        ]
    )
    return rows


def _blank(value):
    return "" if value is None else value


def _filename(report: Report, site: Site, ext: str) -> str:
    return f"danh-gia-hai-long_{site.code}_{report.start.isoformat()}_{report.end.isoformat()}.{ext}"


def _csv(report: Report, site: Site) -> Response:
    return csv_response(_table(report), _filename(report, site, "csv"))


def _xlsx(report: Report, site: Site) -> Response:
    workbook = period_workbook(_("Đánh giá hài lòng"), site, report.start, report.end, _table(report))
    workbook.active.column_dimensions["C"].width = 40
    return xlsx_response(workbook, _filename(report, site, "xlsx"))
