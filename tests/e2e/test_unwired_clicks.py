"""Live refreshes replace the kiosk's and the counter's buttons; htmx wires up new buttons a moment later.
A tap in that moment must still work: every action is a real form that htmx only enhances."""

import re

from playwright.sync_api import expect

from models import db
from models.queue import issue_ticket
from models.transaction import perform

from .conftest import login_at_counter, wait_connected

# Put fresh copies of the buttons in place, as a refresh does, without letting htmx process them. Live
# updates are stopped first, so no later refresh wires them up behind the test's back.
UNWIRE = """selector => {
  const element = document.querySelector(selector);
  element.innerHTML = element.innerHTML;
}"""


def unwire(page, selector):
    page.evaluate("MotCua.sockets.forEach(function (s) { s.disconnect(); })")
    page.wait_for_load_state("networkidle")
    page.evaluate(UNWIRE, selector)


def test_a_tap_on_a_freshly_refreshed_kiosk_button_takes_the_ticket(demo, live_server, new_page, kiosk_url):
    kiosk = new_page(1080, 1920)
    kiosk.goto(kiosk_url)
    wait_connected(kiosk)
    unwire(kiosk, "#services")
    kiosk.get_by_role("button", name=re.compile("Chứng thực")).click()
    expect(kiosk.locator(".ticket-code")).to_have_text("B001")
    expect(kiosk.locator(".ticket-qr svg")).to_be_visible()


def test_a_click_on_a_freshly_refreshed_counter_button_calls_the_citizen(demo, live_server, new_page):
    perform(db.session, issue_ticket, demo.services["A"].id)
    counter = new_page(1366, 768)
    login_at_counter(counter, live_server, "canbo1", 1)
    wait_connected(counter)
    unwire(counter, "#panel")
    counter.get_by_role("button", name="Gọi số tiếp theo").click()
    expect(counter.locator(".current-code")).to_have_text("A001")
