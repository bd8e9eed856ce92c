"""In a real browser (1366×768): an officer gives priority to a waiting citizen from the counter's waiting list
and the list reorders; the supervisor closes that counter from the floor view after a confirm step, and the
officer's screen says so live; the supervisor opens it again; a ticket left parked yesterday is listed."""

from datetime import timedelta

from playwright.sync_api import expect

from models import counter_operations as ops
from models import db, utcnow
from models import queue as rules
from models.transaction import perform
from motcua.demo import DEMO_PASSWORD

from .conftest import login_at_counter, screenshot, wait_connected


def park_one_yesterday(demo) -> None:
    yesterday = utcnow() - timedelta(days=1)
    counter, officer = demo.counters[2], demo.users["canbo2"]
    perform(db.session, rules.issue_ticket, demo.services["A"].id, now=yesterday)
    perform(db.session, rules.call_next, counter.id, officer, now=yesterday)
    perform(db.session, ops.hold, counter.id, officer, now=yesterday)
    perform(db.session, ops.close, counter.id, officer, now=yesterday)


def test_priority_from_the_waiting_list_then_the_floor_closes_and_opens_the_counter(
    demo, live_server, new_page
):
    park_one_yesterday(demo)
    first, second = (
        perform(db.session, rules.issue_ticket, demo.services["A"].id).ticket.code for _ in range(2)
    )

    counter = new_page(1366, 768)
    login_at_counter(counter, live_server, "canbo1", 1)
    wait_connected(counter)
    rows = counter.locator(".next-up li[data-code]")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_attribute("data-code", first)

    # Priority for the second citizen, from their row: the list reorders at once (the policy's order).
    row = counter.locator(f".next-up li[data-code='{second}']")
    row.locator("select[name=category]").select_option("nguoi_khuyet_tat")
    row.get_by_role("button", name="Lưu").click()
    expect(counter.locator(".flash")).to_contain_text(f"Số {second}: ưu tiên — Người khuyết tật.")
    expect(rows.first).to_have_attribute("data-code", second)
    expect(rows.first.locator(".priority-mark")).to_contain_text("NKT")
    screenshot(counter, "counter-waiting-priority-1366x768")

    floor = new_page(1366, 768)
    floor.goto(f"{live_server}/auth/login")
    floor.fill("input[name=username]", "admin")
    floor.fill("input[name=password]", DEMO_PASSWORD)
    floor.click("button[type=submit]")
    floor.goto(f"{live_server}/admin/floor")
    wait_connected(floor)
    left = floor.locator(".left-parked")
    expect(left).to_contain_text("Còn tạm giữ từ ngày trước")
    expect(left.locator("tr[data-code]")).to_have_count(1)
    floor.mouse.wheel(0, 500)  # down to the list (a live refresh may swap the panel: no element handle)
    floor.wait_for_timeout(300)
    screenshot(floor, "floor-left-parked-1366x768")

    floor.mouse.wheel(0, -2000)

    # Close counter 1, held by canbo1: a confirm step first, naming the officer; nothing happens yet.
    counter_row = floor.locator(f'.floor-counters tr[data-counter-id="{demo.counters[1].id}"]')
    counter_row.get_by_role("button", name="Đóng quầy").click()
    confirm = floor.locator(".confirm-box")
    expect(confirm).to_contain_text("Đóng Quầy 1 đang do")
    # A live change meanwhile does not sweep the confirm step away.
    perform(db.session, rules.issue_ticket, demo.services["B"].id)
    floor.wait_for_timeout(1500)
    expect(confirm).to_be_visible()
    expect(counter.locator(".current-empty")).to_be_visible()  # the officer still has the counter
    screenshot(floor, "floor-confirm-close-1366x768")

    confirm.get_by_role("button", name="Xác nhận đóng quầy").click()
    expect(floor.locator(".flash")).to_contain_text("Đã đóng Quầy 1.")
    expect(counter_row.locator(".state")).to_contain_text("Đã đóng (giám sát)")
    # The officer's screen is told live, with who closed it and the way to another counter.
    notice = counter.locator(".taken-away")
    expect(notice).to_contain_text("Quầy 1 không còn do bạn phụ trách.")
    expect(notice).to_contain_text("đã đóng quầy này")
    expect(counter.locator("[data-action=call-next]")).to_have_count(0)
    screenshot(counter, "counter-closed-by-supervisor-1366x768")

    # Opening makes it free again (no one put there); the officer may take it from the choice page.
    counter_row.get_by_role("button", name="Mở quầy").click()
    expect(counter_row.locator(".state")).to_contain_text("Trống")
    counter.get_by_role("link", name="Chọn quầy khác").click()
    counter.locator(f"form[action='/counter/{demo.counters[1].id}/open'] button").click()
    expect(counter.locator("#panel")).to_be_visible()
    expect(counter_row.locator("td").nth(1)).to_have_text(demo.users["canbo1"].full_name)
