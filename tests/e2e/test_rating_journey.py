"""Complete at the counter → the counter's tablet asks → tap "Hài lòng" → the back-office report shows it."""

from playwright.sync_api import expect

from models import db
from models import queue as rules
from models.transaction import perform

from ..helpers import counter_tablet_key
from .conftest import login_at_counter, screenshot, wait_connected


def test_complete_then_the_tablet_asks_and_the_report_shows_it(demo, live_server, new_page):
    counter = demo.counters[1]
    perform(db.session, rules.issue_ticket, demo.services["A"].id)

    officer = new_page(1366, 768)
    login_at_counter(officer, live_server, "canbo1", 1)

    tablet = new_page(1280, 800)
    tablet.goto(f"{live_server}/counter/{counter.id}/rating?key={counter_tablet_key(counter)}")
    expect(tablet.locator("[data-state=rest]")).to_be_visible()
    expect(tablet.locator(".officer")).to_have_text("Nguyễn Thị Lan")
    wait_connected(tablet)
    screenshot(tablet, "rating-tablet-rest-1280x800")

    officer.get_by_role("button", name="Gọi số tiếp theo").click()
    expect(officer.locator(".current-code")).to_have_text("A001")
    officer.get_by_role("button", name="Hoàn tất").click()

    expect(tablet.locator("[data-state=ask]")).to_be_visible(timeout=5000)  # pushed by rating_requested
    expect(tablet.locator(".ticket-code")).to_have_text("A001")
    screenshot(tablet, "rating-tablet-ask-1280x800")
    tablet.get_by_role("button", name="Hài lòng", exact=True).click()
    expect(tablet.locator(".step-details")).to_be_visible()
    tablet.get_by_text("Hướng dẫn rõ ràng").click()
    screenshot(tablet, "rating-tablet-details-1280x800")
    tablet.get_by_role("button", name="Gửi đánh giá").click()
    expect(tablet.locator("[data-state=thanks]")).to_be_visible()
    screenshot(tablet, "rating-tablet-thanks-1280x800")

    supervisor = new_page(1366, 768)
    supervisor.goto(f"{live_server}/auth/login")
    supervisor.fill("input[name=username]", "admin")
    supervisor.fill("input[name=password]", "motcua-demo")
    supervisor.click("button[type=submit]")
    supervisor.goto(f"{live_server}/admin/reports/satisfaction")
    row = supervisor.locator(f'table.report >> nth=0 >> tr[data-id="{demo.users["canbo1"].id}"]')
    expect(row.locator(".served")).to_have_text("1")
    expect(row.locator(".rated")).to_have_text("1")
    expect(row.locator('[data-level="hai_long"]')).to_contain_text("1 (100,0%)")
    screenshot(supervisor, "rating-report-1366x768")

    # The tablet returns to rest by itself after thanking.
    expect(tablet.locator("[data-state=rest]")).to_be_visible(timeout=10_000)


def test_the_phone_rates_once_and_shows_a_comment_as_text(demo, live_server, new_page):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    perform(db.session, rules.issue_ticket, demo.services["A"].id)
    perform(db.session, rules.call_next, counter.id, officer)
    ticket = perform(db.session, rules.complete, counter.id, officer)

    phone = new_page(390, 844)
    phone.goto(f"{live_server}/t/{ticket.token}")
    form = phone.locator("#rating-form")
    expect(form).to_be_visible()
    form.get_by_text("Không hài lòng").click()
    form.get_by_text("Thời gian chờ").click()
    form.locator("textarea").fill("<img src=x onerror=alert(1)> chờ lâu")
    form.scroll_into_view_if_needed()
    screenshot(phone, "rating-phone-form-390x844")
    phone.get_by_role("button", name="Gửi đánh giá").click()
    expect(phone.locator("#rating-done")).to_contain_text("Không hài lòng")
    screenshot(phone, "rating-phone-done-390x844")
    phone.reload()
    expect(phone.locator("#rating-done")).to_be_visible()
    expect(phone.locator("#rating-form")).to_have_count(0)
