"""The counter screen at 1366×768 in a real browser: shortcut keys whatever has focus, the no-show confirm step
and its undo, a live refresh that keeps the transfer choice, and the sign-out warning."""

import re

import requests
from playwright.sync_api import expect

from models import db
from models.queue import issue_ticket
from models.transaction import perform
from tests.helpers import bearer

from .conftest import login_at_counter, screenshot, wait_connected


def test_counter_keys_confirm_undo_refresh_and_sign_out(demo, live_server, new_page):
    for _ in range(4):
        perform(db.session, issue_ticket, demo.services["A"].id)
    page = new_page(1366, 768)
    login_at_counter(page, live_server, "canbo1", 1)
    wait_connected(page)
    expect(page.locator("[data-waiting-total]")).to_have_text("4")

    # Focus on another button ("In lại"): Space still calls the next citizen, and does not reprint.
    page.get_by_role("button", name="In lại").click()
    expect(page.locator("#reprint-result")).not_to_be_empty()
    reprint_answer = page.locator("#reprint-result").inner_text()
    page.keyboard.press("Space")
    expect(page.locator(".current-code")).to_have_text("A001")
    expect(page.locator("#reprint-result")).to_have_text(reprint_answer)
    expect(page.locator('button[data-key="Enter"] kbd')).to_have_text("Enter")
    screenshot(page, "counter-keys-1366x768")

    # S starts serving; N then asks first; Esc keeps serving.
    page.keyboard.press("s")
    expect(page.locator(".current-state")).to_contain_text("Đang giải quyết")
    # N at once, while the live refresh that "start" causes may still be on its way (tests/e2e/test_counter_race.py)
    page.keyboard.press("n")
    expect(page.locator(".confirm-box")).to_contain_text("Số A001 đang được phục vụ.")
    screenshot(page, "counter-no-show-confirm-1366x768")
    page.keyboard.press("Escape")
    expect(page.locator(".confirm-box")).to_have_count(0)
    expect(page.locator(".current-code")).to_have_text("A001")

    # Confirmed, then undone with U: A001 is back at the counter, still being served.
    page.keyboard.press("n")
    page.get_by_role("button", name="Xác nhận vắng mặt").click()
    expect(page.locator(".current-empty")).to_be_visible()
    expect(page.get_by_role("button", name="Hoàn tác vắng mặt A001")).to_be_visible()
    screenshot(page, "counter-undo-1366x768")
    page.keyboard.press("u")
    expect(page.locator(".current-code")).to_have_text("A001")
    expect(page.locator(".current-state")).to_contain_text("Đang giải quyết")

    # The officer is choosing where to transfer A001 when another counter calls: the live refresh updates the
    # waiting count but keeps the choice.
    select = page.locator("select.transfer-target")
    select.select_option(f"service:{demo.services['B'].id}")
    called = requests.post(
        f"{live_server}/api/v1/counters/{demo.counters[2].id}/call-next",
        headers=bearer(live_server, "canbo2"),
        timeout=10,
    )
    assert called.json()["ticket"]["code"] == "A002"
    expect(page.locator("[data-waiting-total]")).to_have_text("2")
    expect(select).to_have_value(f"service:{demo.services['B'].id}")
    screenshot(page, "counter-transfer-kept-1366x768")

    # Signing out with A001 in hand asks first, naming the ticket; "Quay lại quầy" goes back.
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.locator(".logout-confirm")).to_contain_text("Số A001 vẫn đang ở Quầy 1.")
    screenshot(page, "counter-sign-out-warning-1366x768")
    page.get_by_role("link", name="Quay lại quầy").click()
    expect(page.locator(".current-code")).to_have_text("A001")
    assert re.search(rf"/counter/{demo.counters[1].id}$", page.url)
