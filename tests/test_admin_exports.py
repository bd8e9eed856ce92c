"""admin/exports.py: the back office's CSV and XLSX downloads never let a cell run as a formula."""

import io
from datetime import date
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from admin.exports import csv_response, period_workbook, safe_cell, xlsx_response


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")'])
def test_a_cell_starting_like_a_formula_is_shown_as_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Nguyễn Văn An", "A012", "", " =1", 5, -3, 2.5, None, date(2026, 3, 2)])
def test_other_cells_are_kept_as_they_are(value):
    assert safe_cell(value) == value


def test_csv_and_xlsx_downloads_defuse_every_cell(app):
    rows = [["Tên", "Số"], ["=cmd|' /C calc'!A0", -2], ["@ai", 3]]
    with app.test_request_context():
        text = csv_response(rows, "x.csv").get_data(as_text=True)
        site = SimpleNamespace(name="=Trung tâm")
        workbook = period_workbook("Bảng", site, date(2026, 3, 2), date(2026, 3, 6), rows)
        response = xlsx_response(workbook, "x.xlsx")
    assert text.startswith("\ufeff") and "'=cmd" in text and "'@ai" in text and ",-2" in text
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.title == "Bảng"
    assert [sheet.cell(row, 1).value for row in range(1, 7)] == [
        "'=Trung tâm",
        "Từ ngày 02/03/2026 đến ngày 06/03/2026",
        None,
        "Tên",
        "'=cmd|' /C calc'!A0",
        "'@ai",
    ]
    assert sheet.cell(5, 2).value == -2 and sheet.cell(4, 1).font.bold
    assert response.headers["Content-Disposition"] == 'attachment; filename="x.xlsx"'
