"""A director opens the operations report for November in a real browser at 1366×768: the figures, the
charts drawn on the server (no script, so the page's CSP has nothing to allow), the XLSX download and the A4
print page."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from motcua.demo import DEMO_PASSWORD

from ..report_helpers import generate_month
from .conftest import screenshot


def test_the_director_reads_the_month(demo, live_server, new_page):
    generate_month(demo)
    page = new_page(1366, 768)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server}/admin/")
    page.get_by_role("link", name="Báo cáo vận hành").click()
    page.fill("input[name=from]", "2026-11-01")
    page.fill("input[name=to]", "2026-11-30")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator(".ops-totals")).to_have_attribute("data-issued", "66")
    expect(page.locator("#ops-sites")).to_contain_text("Trung tâm Phục vụ hành chính công phường Ba Đình")
    screenshot(page, "admin-operations-1366x768")
    expect(page.locator("svg.chart")).to_have_count(3)
    page.locator("svg.chart").nth(1).scroll_into_view_if_needed()
    screenshot(page, "admin-operations-hours-1366x768")
    page.locator("svg.chart").nth(2).scroll_into_view_if_needed()
    screenshot(page, "admin-operations-waits-1366x768")
    page.locator("#ops-national").scroll_into_view_if_needed()
    screenshot(page, "admin-operations-national-1366x768")

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải Excel (XLSX)").click()
    with open(download.value.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    assert book["Tổng hợp"]["D2"].value == 66

    page.get_by_role("link", name="Bản in A4").click()
    expect(page.locator(".print-page h1")).to_have_text("Báo cáo vận hành")
    expect(page.locator(".admin-nav")).to_have_count(0)
    screenshot(page, "admin-operations-print-1366x768")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="In")).to_be_hidden()
    screenshot(page, "admin-operations-print-media-1366x768")
    assert not errors, errors
