"""The citizen's whole journey in a real browser: kiosk ticket → counter call → wall display and phone."""

import re

from playwright.sync_api import expect

from .conftest import login_at_counter, screenshot, wait_connected


def test_kiosk_counter_display_journey(demo, live_server, new_page, kiosk_url):
    display = new_page(1920, 1080)
    display.goto(f"{live_server}/display/")
    wait_connected(display)

    kiosk = new_page(1080, 1920)
    kiosk.goto(kiosk_url)
    expect(kiosk.locator(".service-btn")).to_have_count(6)
    screenshot(kiosk, "kiosk-home-1080x1920")
    kiosk.get_by_role("button", name=re.compile("Hộ tịch")).click()
    expect(kiosk.locator(".ticket-code")).to_have_text("A001")
    expect(kiosk.locator(".ticket-qr svg")).to_be_visible()
    token = kiosk.locator("#issued-ticket").get_attribute("data-token")
    screenshot(kiosk, "kiosk-ticket-1080x1920")

    phone = new_page(390, 844)
    phone.goto(f"{live_server}/t/{token}")
    expect(phone.locator(".state")).to_have_attribute("data-status", "waiting")

    counter = new_page(1366, 768)
    login_at_counter(counter, live_server, "canbo1", 1)
    expect(counter.locator("[data-waiting-total]")).to_have_text("1")
    counter.get_by_role("button", name="Gọi số tiếp theo").click()
    expect(counter.locator(".current-code")).to_have_text("A001")
    screenshot(counter, "counter-1366x768")

    row = display.locator(f'.board-row[data-counter-id="{demo.counters[1].id}"] .code')
    expect(row).to_have_text("A001", timeout=3000)
    expect(display.locator("#announce .announce-code")).to_have_text("A001")
    screenshot(display, "display-1920x1080")

    expect(phone.locator(".state")).to_have_attribute("data-status", "called")
    expect(phone.locator(".counter")).to_contain_text("1")
    screenshot(phone, "ticket-phone-390x844")

    counter.get_by_role("button", name="Hoàn tất").click()
    expect(counter.locator(".current-empty")).to_be_visible()
    expect(phone.locator(".state")).to_have_attribute("data-status", "done")
