"""The operations report's page, print page, XLSX file and API: who may see what, bad input, and the
workbook read back cell by cell (the month of tests/report_helpers.py)."""

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from .report_helpers import generate_month

RANGE = "from=2026-11-01&to=2026-11-30"


@pytest.fixture
def month(demo):
    generate_month(demo)
    return demo


def test_the_page_shows_the_figures_and_charts(month, login):
    page = login("admin").get(f"/admin/reports/operations?{RANGE}").get_data(as_text=True)
    assert 'data-issued="66"' in page and 'data-served="58"' in page
    assert page.count("<svg") == 3 and "<table" in page
    assert "Giờ cao điểm: 9h ngày 01/11/2026 (2 phiếu)." in page
    assert "Nguyễn Thị Lan" in page


def test_the_print_page_is_the_same_report_without_navigation(month, login):
    page = login("admin").get(f"/admin/reports/operations?{RANGE}&format=print").get_data(as_text=True)
    assert 'data-issued="66"' in page and "admin-nav" not in page and "data-print" in page


def test_a_supervisor_sees_only_their_own_site(month, second_site, login):
    client = login("giamsat2")
    own = client.get(f"/admin/reports/operations?{RANGE}")
    assert own.status_code == 200 and second_site.site.name in own.get_data(as_text=True)
    assert 'data-issued="0"' in own.get_data(as_text=True)
    assert client.get(f"/admin/reports/operations?{RANGE}&site=phuong-demo").status_code == 403
    assert client.get(f"/admin/reports/operations?{RANGE}&scope=province").status_code == 403
    assert client.get(f"/admin/reports/operations?{RANGE}&format=xlsx&scope=province").status_code == 403


def test_an_administrator_sees_the_province_site_by_site(month, second_site, login):
    page = login("admin").get(f"/admin/reports/operations?{RANGE}&scope=province").get_data(as_text=True)
    assert 'data-site="phuong-demo"' in page and 'data-site="xa-thu-hai"' in page
    assert "Toàn tỉnh (2 trung tâm)" in page


def test_bad_input_is_said_and_nothing_breaks(month, login):
    client = login("admin")
    response = client.get("/admin/reports/operations?from=hôm-qua&to=2026-13-45")
    assert response.status_code == 200 and "Ngày không hợp lệ" in response.get_data(as_text=True)
    assert client.get(f"/admin/reports/operations?{RANGE}&scope=everything").status_code == 400
    assert client.get("/admin/reports/operations?from=2026-11-30&to=2026-11-01").status_code == 200


def test_the_workbook_cell_by_cell(month, login):
    response = login("admin").get(f"/admin/reports/operations?{RANGE}&format=xlsx")
    assert response.status_code == 200
    assert (
        'filename="bao-cao-van-hanh_phuong-demo_2026-11-01_2026-11-30.xlsx"'
        in response.headers["Content-Disposition"]
    )
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [
        "Tổng hợp",
        "Theo dịch vụ",
        "Theo quầy",
        "Theo cán bộ",
        "Theo kênh",
        "Cán bộ",
        "Giờ và thứ",
        "Theo giờ",
        "Theo ngày",
        "Chỉ số quốc gia",
    ]
    summary = book["Tổng hợp"]
    assert [c.value for c in summary[1]][:11] == [
        "Trung tâm",
        "Từ ngày",
        "Đến ngày",
        "Số phiếu cấp",
        "Đã phục vụ",
        "Vắng mặt",
        "Đã hủy",
        "Đã chuyển",
        "Chờ trong mục tiêu",
        "Tỷ lệ chờ trong mục tiêu (%)",
        "Mục tiêu chờ (phút)",
    ]
    demo_row = [c.value for c in summary[2]]
    assert demo_row == [
        month.site.name,
        datetime(2026, 11, 1),
        datetime(2026, 11, 30),
        66,
        58,
        6,
        1,
        3,
        34,
        58.6,
        20,
        65,
        16.5,
        10,
        30,
        58,
        5.4,
        6,
        6,
    ]
    assert summary["B2"].is_date and summary["B2"].number_format == "DD/MM/YYYY"
    assert [c.value for c in summary[3]][:5] == [
        "Tổng cộng",
        datetime(2026, 11, 1),
        datetime(2026, 11, 30),
        66,
        58,
    ]

    services = {row[0]: row[1:] for row in book["Theo dịch vụ"].iter_rows(min_row=2, values_only=True)}
    assert services["A · Hộ tịch"] == (35, 4.9, 5, 10, 34, 6.4, 6, 8)
    assert services["B · Chứng thực"] == (30, 30, 30, 30, 24, 4, 4, 4)
    channels = {row[0]: row[1:5] for row in book["Theo kênh"].iter_rows(min_row=2, values_only=True)}
    assert channels["Hệ thống khác (API)"] == (4, 1.8, 1.5, 3)

    officers = {row[0]: row[1:] for row in book["Cán bộ"].iter_rows(min_row=2, values_only=True)}
    assert officers["Nguyễn Thị Lan"] == (34, 6.4, 6, 8, 15, 4, 1, 97.1)
    assert officers["Trần Văn Minh"] == (24, 4, 4, 4, 0, 0, 0, 100)

    heat = book["Giờ và thứ"]
    assert heat["A2"].value == "Thứ Hai" and heat["K2"].value == 10  # Mondays, 9h (column 1 + 9 + 1)
    assert heat["A8"].value == "Chủ nhật" and heat["K8"].value == 10 and heat["K3"].value == 8
    days = book["Theo ngày"]
    assert (days["A2"].value, days["B2"].value) == (datetime(2026, 11, 1), 4)
    assert days["A2"].number_format == "DD/MM/YYYY"
    hours = book["Theo giờ"]
    assert [c.value for c in hours[11]] == [9, 2, 2, 1]  # row 2 is 0h


def test_the_api_gives_the_same_figures(month, client, api_token, second_site):
    headers = api_token("admin")
    body = client.get(f"/api/v1/reports/operations?{RANGE}", headers=headers).get_json()
    total = body["operations"]["total"]
    assert (total["issued"], total["served"], total["no_show"], total["cancelled"], total["transferred"]) == (
        66,
        58,
        6,
        1,
        3,
    )
    assert total["wait"] == {"count": 65, "mean": 16.5, "median": 10.0, "p90": 30.0}
    assert body["load"]["peak_hour"] == {"day": "2026-11-01", "hour": 9, "arrivals": 2}
    assert body["load"]["heatmap"][0][9] == 10
    province = client.get(f"/api/v1/reports/operations?{RANGE}&scope=province", headers=headers).get_json()
    assert [s["site"]["code"] for s in province["operations"]["sites"]] == [
        "xa-thu-hai",
        "phuong-demo",
    ]  # by name
    assert province["operations"]["total"]["issued"] == sum(
        s["issued"] for s in province["operations"]["sites"]
    )


def test_the_api_refuses_what_it_should(month, client, api_token, second_site):
    supervisor = api_token("giamsat2")
    response = client.get(f"/api/v1/reports/operations?{RANGE}&scope=province", headers=supervisor)
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    response = client.get("/api/v1/reports/operations?from=yesterday", headers=supervisor)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_date"
    response = client.get(f"/api/v1/reports/operations?{RANGE}&scope=x", headers=supervisor)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_scope"
    assert client.get(f"/api/v1/reports/operations?{RANGE}", headers=api_token("canbo1")).status_code == 403


def test_a_name_that_looks_like_a_formula_stays_text_in_the_workbook(month, login):
    from models import db

    month.users["canbo1"].full_name = '=HYPERLINK("http://x")'
    db.session.commit()
    response = login("admin").get(f"/admin/reports/operations?{RANGE}&format=xlsx")
    names = [
        row[0]
        for row in load_workbook(io.BytesIO(response.data))["Cán bộ"].iter_rows(min_row=2, values_only=True)
    ]
    assert '\'=HYPERLINK("http://x")' in names
