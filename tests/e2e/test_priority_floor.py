"""Priority and counter operations in a real browser: a priority ticket for "Người cao tuổi" at the kiosk
(1080×1920) shows "ƯT"; the counter (1366×768) calls it from the waiting list, parks it, serves another,
resumes it and completes it; the supervisor's floor view (1366×768) shows each step live."""

import re

from playwright.sync_api import expect

from models import db
from models.queue import issue_ticket
from models.transaction import perform
from motcua.demo import DEMO_PASSWORD

from .conftest import login_at_counter, screenshot, wait_connected


def test_priority_ticket_called_from_the_list_parked_and_resumed_with_the_floor_live(
    demo, live_server, new_page, kiosk_url
):
    normal = perform(db.session, issue_ticket, demo.services["A"].id).ticket.code  # A001, a normal ticket

    floor = new_page(1366, 768)
    floor.goto(f"{live_server}/auth/login")
    floor.fill("input[name=username]", "admin")
    floor.fill("input[name=password]", DEMO_PASSWORD)
    floor.click("button[type=submit]")
    floor.goto(f"{live_server}/admin/floor")
    wait_connected(floor)
    counter_row = floor.locator(f'.floor-counters tr[data-counter-id="{demo.counters[1].id}"]')

    kiosk = new_page(1080, 1920)
    kiosk.goto(kiosk_url)
    kiosk.get_by_role("link", name=re.compile("Ưu tiên")).click()
    expect(kiosk.locator(".priority-btn")).to_have_count(5)
    screenshot(kiosk, "kiosk-priority-groups-1080x1920")
    kiosk.get_by_role("link", name="Người cao tuổi").click()
    expect(kiosk.locator(".priority-chosen")).to_contain_text("Người cao tuổi")
    kiosk.get_by_role("button", name=re.compile("Hộ tịch")).click()
    expect(kiosk.locator(".ticket-code")).to_have_text("A002")
    expect(kiosk.locator(".ticket-priority")).to_contain_text("ƯT")
    expect(kiosk.locator(".ticket-priority")).to_contain_text("Người cao tuổi")
    screenshot(kiosk, "kiosk-priority-ticket-1080x1920")

    counter = new_page(1366, 768)
    login_at_counter(counter, live_server, "canbo1", 1)
    wait_connected(counter)
    codes = counter.locator(".next-up li[data-code]")
    expect(codes).to_have_count(2)
    expect(codes.first).to_have_attribute("data-code", "A002")  # priority first (the policy's order)
    expect(codes.first.locator(".priority-mark")).to_contain_text("ƯT")
    screenshot(counter, "counter-waiting-list-1366x768")

    # Call the priority ticket from the list; the floor shows it at counter 1.
    codes.first.get_by_role("button", name="Gọi").click()
    expect(counter.locator(".current-code")).to_have_text("A002")
    expect(counter.locator(".current-service")).to_contain_text("Người cao tuổi")
    expect(counter_row.locator(".at-counter")).to_contain_text("A002")

    # Park it (H): the counter is free, the floor lists it as held there.
    counter.keyboard.press("h")
    expect(counter.locator(".held li[data-code='A002']")).to_be_visible()
    expect(counter.locator(".current-empty")).to_be_visible()
    expect(counter_row.locator(".held")).to_have_text("A002")
    screenshot(counter, "counter-held-1366x768")

    # Serve another (Space, then Enter).
    counter.keyboard.press("Space")
    expect(counter.locator(".current-code")).to_have_text(normal)
    expect(counter_row.locator(".at-counter")).to_contain_text(normal)
    screenshot(floor, "floor-1366x768")
    counter.keyboard.press("Enter")
    expect(counter.locator(".current-empty")).to_be_visible()

    # Resume the parked citizen, then complete: the floor follows, two served today.
    counter.locator(".held li[data-code='A002']").get_by_role("button", name="Tiếp tục").click()
    expect(counter.locator(".current-code")).to_have_text("A002")
    expect(counter_row.locator(".held")).to_have_text("—")
    expect(counter_row.locator(".at-counter")).to_contain_text("A002")
    counter.get_by_role("button", name=re.compile("Hoàn tất")).click()
    expect(counter.locator(".current-empty")).to_be_visible()
    expect(counter_row.locator("td.num")).to_have_text("2")
    screenshot(floor, "floor-after-1366x768")
