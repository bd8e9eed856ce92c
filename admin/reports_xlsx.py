"""The operations report as an XLSX workbook: one sheet per table, numbers as numbers, days as dates, headers
in Vietnamese. Every value comes from models/report_period.py; nothing is computed here."""

import io

from flask_babel import gettext as _

from models.dossier import Timeliness
from models.dossier_report import OUTCOMES
from models.report_load import WEEKDAYS
from models.report_period import PeriodReport

from .exports import add_table

DATE_FORMAT = "DD/MM/YYYY"


def operations_workbook(report: PeriodReport) -> bytes:
    from openpyxl import Workbook  # 16 MiB, for the one request that exports: not in every server process

    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(
        workbook,
        _("Tổng hợp"),
        _summary_header(),
        [_summary_row(report, f) for f in report.operations.sites] + [_total_row(report)],
        date_columns=(2, 3),
    )
    for title, groups in (
        (_("Theo dịch vụ"), report.operations.by_service),
        (_("Theo quầy"), report.operations.by_counter),
        (_("Theo cán bộ"), report.operations.by_officer),
        (_("Theo kênh"), report.operations.by_channel),
    ):
        _sheet(workbook, title, _times_header(), [_times_row(g) for g in groups])
    _sheet(workbook, _("Cán bộ"), _officer_header(), [_officer_row(o) for o in report.operations.officers])
    _sheet(
        workbook,
        _("Giờ và thứ"),
        [_("Thứ"), *[f"{h}h" for h in range(24)]],
        [[_weekday(d), *report.load.heatmap[d]] for d in range(WEEKDAYS)],
    )
    _sheet(
        workbook,
        _("Theo giờ"),
        [_("Giờ"), _("Phiếu đến / ngày"), _("Quầy làm việc / ngày"), _("Phiếu / quầy")],
        [[h.hour, h.arrivals, h.counters, h.per_counter] for h in report.load.hours],
    )
    _sheet(
        workbook,
        _("Theo ngày"),
        [_("Ngày"), _("Phiếu đến")],
        [[day, count] for day, count in report.load.by_day],
        date_columns=(1,),
    )
    _sheet(workbook, _("Chỉ số quốc gia"), _national_header(), _national_rows(report))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(workbook, title: str, header: list, rows: list[list], date_columns=()) -> None:
    sheet = workbook.create_sheet(title[:31])
    add_table(sheet, [header, *rows])
    for column in date_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = DATE_FORMAT
    sheet.column_dimensions["A"].width = 36


def _weekday(index: int) -> str:
    return (_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ nhật"))[
        index
    ]


def _durations_header(what: str) -> list[str]:
    return [
        _("%(what)s: số lượt", what=what),
        _("%(what)s: trung bình (phút)", what=what),
        _("%(what)s: trung vị (phút)", what=what),
        _("%(what)s: P90 (phút)", what=what),
    ]


def _durations(d) -> list:
    return [d.count, d.mean, d.median, d.p90]


def _summary_header() -> list[str]:
    return [
        _("Trung tâm"),
        _("Từ ngày"),
        _("Đến ngày"),
        _("Số phiếu cấp"),
        _("Đã phục vụ"),
        _("Vắng mặt"),
        _("Đã hủy"),
        _("Đã chuyển"),
        _("Chờ trong mục tiêu"),
        _("Tỷ lệ chờ trong mục tiêu (%)"),
        _("Mục tiêu chờ (phút)"),
        *_durations_header(_("Chờ")),
        *_durations_header(_("Phục vụ")),
    ]


def _summary_row(report: PeriodReport, figures) -> list:
    c = figures.counts
    return [
        figures.site.name,
        report.start,
        report.end,
        c.issued,
        c.served,
        c.no_show,
        c.cancelled,
        c.transferred,
        c.within_target,
        c.within_target_share,
        figures.target_minutes,
        *_durations(figures.times.waits),
        *_durations(figures.times.service),
    ]


def _total_row(report: PeriodReport) -> list:
    c, times = report.operations.total, report.operations.times
    return [
        _("Tổng cộng"),
        report.start,
        report.end,
        c.issued,
        c.served,
        c.no_show,
        c.cancelled,
        c.transferred,
        c.within_target,
        c.within_target_share,
        None,
        *_durations(times.waits),
        *_durations(times.service),
    ]


def _times_header() -> list[str]:
    return [_("Tên"), *_durations_header(_("Chờ")), *_durations_header(_("Phục vụ"))]


def _times_row(group) -> list:
    return [str(group.name), *_durations(group.waits), *_durations(group.service)]


def _officer_header() -> list[str]:
    return [
        _("Cán bộ"),
        _("Đã phục vụ"),
        _("Phục vụ: trung bình (phút)"),
        _("Phục vụ: trung vị (phút)"),
        _("Phục vụ: P90 (phút)"),
        _("Tạm dừng (phút)"),
        _("Lượt đánh giá"),
        _("Không hài lòng"),
        _("Chỉ số hài lòng theo phiếu (%)"),
    ]


def _officer_row(o) -> list:
    return [
        o.name,
        o.served,
        o.service.mean,
        o.service.median,
        o.service.p90,
        o.pause_minutes,
        o.rated,
        o.dissatisfied,
        o.satisfaction_index,
    ]


def _national_header() -> list[str]:
    return [
        _("Trung tâm"),
        _("Hồ sơ tiếp nhận"),
        _("Hồ sơ đã giải quyết"),
        *[str(Timeliness.LABELS[o]) for o in OUTCOMES],
        _("Tỷ lệ đúng hạn (%)"),
        _("Tỷ lệ thủ tục có dịch vụ trực tuyến (%)"),
        _("Hài lòng trên hồ sơ, QĐ 766 (%)"),
        _("Chỉ số hài lòng theo phiếu (%)"),
    ]


def _national_rows(report: PeriodReport) -> list[list]:
    def row(name, f):
        d = f.dossiers
        return [
            name,
            d.received,
            d.resolved,
            *[d.outcomes[o] for o in OUTCOMES],
            d.on_time_rate,
            f.online_share,
            f.dossier_satisfaction,
            f.ticket_index,
        ]

    return [row(site.name, f) for site, f in report.national.sites] + [
        row(_("Tổng cộng"), report.national.total)
    ]
