"""The back office: every page reachable from one navigation bar, the current page marked."""

import re

from playwright.sync_api import expect

from motcua.demo import DEMO_PASSWORD

from .conftest import screenshot

PAGES = [
    ("Tổng quan", "/admin/"),
    ("Thủ tục và phí", "/admin/procedures"),
    ("Máy in phiếu", "/admin/printers"),
    ("Đánh giá hài lòng", "/admin/reports/satisfaction"),
    ("Máy tính bảng đánh giá", "/admin/rating-tablets"),
]


def test_navigation_through_the_back_office(demo, live_server, new_page):
    page = new_page(1366, 768)
    page.goto(f"{live_server}/auth/login?next=/admin/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator(".admin-nav [aria-current=page]")).to_have_text("Tổng quan")
    screenshot(page, "admin-home-1366x768")
    for label, path in PAGES[1:]:
        page.locator(".admin-nav").get_by_role("link", name=label, exact=True).click()
        expect(page).to_have_url(re.compile(re.escape(path)))
        expect(page.locator(".admin-nav [aria-current=page]")).to_have_text(label)
        expect(page.locator("h1")).to_be_visible()
