"""The back office's downloads: a table as CSV, or as an XLSX workbook. Every text cell goes through
`safe_cell`, so a name or a comment typed by anyone can never run as a spreadsheet formula."""

import csv
import io
from datetime import date

from flask import Response
from flask_babel import gettext as _

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Spreadsheet formula injection: text starting with = + - @ (or a tab or carriage return, which some
    spreadsheets skip before reading a formula) is shown as text, never run. Numbers and dates are kept."""
    if isinstance(value, str) and value[:1] in _FORMULA_STARTS:
        return "'" + value
    return value


def csv_response(rows: list[list], filename: str) -> Response:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([safe_cell(v) for v in row] for row in rows)
    # A BOM so Excel opens the Vietnamese text as UTF-8.
    return Response(
        "\ufeff" + buffer.getvalue(),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def new_workbook(title: str):
    """A workbook whose first sheet is named `title` (cut to the 31 characters a sheet name may have)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = title[:31]
    return workbook


def add_table(sheet, rows: list[list]) -> None:
    """Append `rows` to the sheet, the first one (the headings) in bold."""
    from openpyxl.styles import Font

    for index, row in enumerate(rows):
        sheet.append([safe_cell(v) for v in row])
        if index == 0:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)


def period_workbook(title: str, site, start: date, end: date, rows: list[list]):
    """A report of one centre over a period: its name, "Từ ngày … đến ngày …", a blank line, then the table."""
    workbook = new_workbook(title)
    sheet = workbook.active
    sheet.append([safe_cell(site.name)])
    sheet.append(
        [
            _(
                "Từ ngày %(start)s đến ngày %(end)s",
                start=start.strftime("%d/%m/%Y"),
                end=end.strftime("%d/%m/%Y"),
            )
        ]
    )
    sheet.append([])
    add_table(sheet, rows)
    return workbook


def xlsx_response(workbook, filename: str) -> Response:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return Response(
        buffer.getvalue(),
        mimetype=XLSX_MIMETYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
