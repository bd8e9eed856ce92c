"""Back office: the audit log (/admin/audit): every back-office change and sign-in, filterable, exportable as
CSV or XLSX, never editable; and the officers' actions on tickets from the ticket event log."""

from flask import Response, flash, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models import Role, db
from models.queries import today
from models.queries.audit import audit_entries, ticket_events
from models.satisfaction_report import InvalidDate, InvalidRange, report_range
from motcua.auth import supervisor_required
from motcua.templating import local_time
from motcua.web import staff_site

from . import bp
from .exports import add_table, csv_response, new_workbook, xlsx_response

ACTIONS = {
    "sign_in": _l("Đăng nhập"),
    "sign_in_failed": _l("Đăng nhập sai"),
    "site_created": _l("Thêm trung tâm"),
    "site_changed": _l("Sửa trung tâm"),
    "service_created": _l("Thêm dịch vụ"),
    "service_changed": _l("Sửa dịch vụ"),
    "service_moved": _l("Đổi thứ tự dịch vụ"),
    "counter_created": _l("Thêm quầy"),
    "counter_changed": _l("Sửa quầy"),
    "user_created": _l("Thêm tài khoản"),
    "user_changed": _l("Sửa tài khoản"),
    "password_reset": _l("Cấp lại mật khẩu"),
    "password_changed": _l("Đổi mật khẩu"),
    "device_created": _l("Thêm thiết bị"),
    "device_key_renewed": _l("Thu hồi khoá thiết bị"),
    "printer_changed": _l("Sửa cấu hình máy in"),
    "fee_changed": _l("Sửa phí, lệ phí"),
    "calendar_day_set": _l("Sửa lịch làm việc"),
    "calendar_day_removed": _l("Bỏ ngày khỏi lịch riêng"),
    "counter_released": _l("Giải phóng quầy"),
    "counter_taken_over": _l("Nhận quầy"),
    "display_changed": _l("Sửa màn hình gọi số"),
    "voice_clips_replaced": _l("Thay bộ âm thanh gọi số"),
    "voice_clips_reset": _l("Dùng lại bộ âm thanh mặc định"),
    "priority_policy_changed": _l("Sửa cách ưu tiên"),
    "priority_category_saved": _l("Sửa nhóm ưu tiên"),
    "priority_defaults_added": _l("Thêm các nhóm ưu tiên theo quy định"),
    "dossier_signer_changed": _l("Sửa người ký văn bản xin lỗi"),
    "synonym_added": _l("Thêm từ đồng nghĩa"),
    "synonym_removed": _l("Xoá từ đồng nghĩa"),
    "catalogue_imported": _l("Nhập danh mục thủ tục"),
    "catalogue_reverted": _l("Hoàn tác lần nhập danh mục"),
    "counter_shut": _l("Đóng quầy (điều hành sảnh)"),
    "counter_opened": _l("Mở lại quầy (điều hành sảnh)"),
}


def _range(site):
    try:
        return report_range(today(site), request.args.get("from"), request.args.get("to"))
    except (InvalidDate, InvalidRange) as error:
        flash(str(error.message), "error")
    return report_range(today(site), None, None)


def _shown(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _change(before, after) -> str:
    """ "name: old → new; …" for a change, "name: value; …" for something created."""
    if not after:
        return ""
    if before is None:
        return "; ".join(f"{k}: {_shown(v)}" for k, v in after.items())
    return "; ".join(f"{k}: {_shown(before.get(k))} → {_shown(v)}" for k, v in after.items())


def _rows(entries, site) -> list[list]:
    rows = [[_("Thời điểm"), _("Người thực hiện"), _("Địa chỉ"), _("Việc"), _("Đối tượng"), _("Thay đổi")]]
    for e in entries:
        rows.append(
            [
                local_time(e.at, site.timezone, "%Y-%m-%d %H:%M:%S"),
                e.username,
                e.address,
                str(ACTIONS.get(e.action, e.action)),
                e.target,
                _change(e.before, e.after),
            ]
        )
    return rows


def _export(entries, site, fmt: str) -> Response:
    name = f"nhat-ky_{site.code}"
    rows = _rows(entries, site)
    if fmt == "csv":
        return csv_response(rows, f"{name}.csv")
    workbook = new_workbook(_("Nhật ký"))
    add_table(workbook.active, rows)
    return xlsx_response(workbook, f"{name}.xlsx")


@bp.get("/audit")
@supervisor_required
def audit():
    site = staff_site()
    start, end = _range(site)
    action = request.args.get("action", "")
    action = action if action in ACTIONS else ""
    username = request.args.get("user", "").strip()[:80]
    entries = audit_entries(
        db.session,
        site.id,
        site.timezone,
        start,
        end,
        action=action,
        username=username,
        include_unsited=current_user.role == Role.ADMIN,
    )
    fmt = request.args.get("format")
    if fmt in ("csv", "xlsx"):
        return _export(entries, site, fmt)
    return render_template(
        "admin/audit.html",
        site=site,
        entries=entries,
        events=ticket_events(db.session, site.id, site.timezone, start, end, limit=200),
        actions=ACTIONS,
        start=start,
        end=end,
        action=action,
        username=username,
        change=_change,
    )
