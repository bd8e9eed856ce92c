"""The catalogue file's status columns, checked: `status` (in force / replaced / abolished), `effective_date`
(the site's local day it takes effect), `decision` (the deciding document), `replaced_by` (the successor's
code) and `popularity` (the shipped prior, 0–100). Part of the one import rule (catalogue_io.py)."""

import re
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from .catalogue import ProcedureStatus
from .text import fold

STATUS_WORDS = {
    "": ProcedureStatus.IN_FORCE,
    "in force": ProcedureStatus.IN_FORCE,
    "con hieu luc": ProcedureStatus.IN_FORCE,
    "replaced": ProcedureStatus.REPLACED,
    "thay the": ProcedureStatus.REPLACED,
    "duoc thay the": ProcedureStatus.REPLACED,
    "bi thay the": ProcedureStatus.REPLACED,
    "abolished": ProcedureStatus.ABOLISHED,
    "bai bo": ProcedureStatus.ABOLISHED,
    "bi bai bo": ProcedureStatus.ABOLISHED,
}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def parse_day(text: str) -> date | None:
    """2026-12-01, 01/12/2026 or 01-12-2026; None when it is none of these."""
    for fmt in _DATE_FORMATS:
        try:
            day = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if 2000 <= day.year <= 2100:
            return day
    return None


def check_status(
    row: dict, where, problems: list, known_codes: set[str], code_re: re.Pattern, problem
) -> dict:
    """The checked status values of one row; every problem appended with its line."""
    status = STATUS_WORDS.get(fold(row.get("status") or ""))  # fold() reads "in_force" as "in force"
    if status is None:
        problems.append(
            problem(
                where,
                _l(
                    "Trạng thái không hợp lệ: “%(s)s” (còn hiệu lực / thay thế / bãi bỏ).",
                    s=(row.get("status") or "")[:40],
                ),
            )
        )
    text = row.get("effective_date") or ""
    day = parse_day(text) if text else None
    if text and day is None:
        problems.append(
            problem(where, _l("Ngày hiệu lực không hợp lệ: “%(d)s” (ví dụ 01/12/2026).", d=text[:20]))
        )
    if status in (ProcedureStatus.REPLACED, ProcedureStatus.ABOLISHED) and not text:
        problems.append(problem(where, _l("Thủ tục bị thay thế hoặc bãi bỏ cần ngày hiệu lực.")))
    successor = row.get("replaced_by") or ""
    if status == ProcedureStatus.REPLACED:
        if not successor:
            problems.append(
                problem(where, _l("Thủ tục bị thay thế cần mã thủ tục thay thế (cột replaced_by)."))
            )
        elif successor == row.get("code"):
            problems.append(problem(where, _l("Một thủ tục không thay thế chính nó.")))
        elif not code_re.match(successor) or successor not in known_codes:
            problems.append(
                problem(where, _l("Không có thủ tục thay thế mang mã “%(code)s”.", code=successor[:60]))
            )
    elif successor:
        problems.append(problem(where, _l("Chỉ thủ tục bị thay thế mới ghi mã thủ tục thay thế.")))
    prior = 0
    if row.get("popularity"):
        try:
            prior = int(row["popularity"])
        except ValueError:
            prior = -1
        if not 0 <= prior <= 100:
            problems.append(
                problem(where, _l("Độ phổ biến phải là số từ 0 đến 100: “%(p)s”.", p=row["popularity"][:20]))
            )
    return {
        "status": status or ProcedureStatus.IN_FORCE,
        "status_from": day,
        "decision": row.get("decision") or "",
        "replaced_by": successor if status == ProcedureStatus.REPLACED else "",
        "prior": prior,
    }
