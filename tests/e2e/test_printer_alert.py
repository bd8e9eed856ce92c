"""A printer out of paper: the citizen still gets the ticket on screen, the counter screen shows the alert at
once (over the real Socket.IO connection), and the alert goes away when the printer prints again."""

import re

from playwright.sync_api import expect

from models import Device, DeviceKind, db
from tests.helpers import enrolment
from tests.printing_fakes import FakePrinter

from .conftest import login_at_counter, screenshot, wait_connected


def test_out_of_paper_alert_reaches_the_counter_live_and_clears(demo, live_server, new_page):
    printer = FakePrinter(mode="paper_out")
    device = Device(
        site_id=demo.site.id, kind=DeviceKind.KIOSK, name="Ki-ốt sảnh", settings={"printer_url": printer.url}
    )
    db.session.add(device)
    db.session.commit()
    try:
        counter = new_page(1366, 768)
        login_at_counter(counter, live_server, "canbo1", 1)
        wait_connected(counter)
        expect(counter.locator(".printer-alert")).to_have_count(0)

        kiosk = new_page(1080, 1920)
        kiosk.goto(live_server + enrolment(device).url)
        kiosk.get_by_role("button", name=re.compile("Hộ tịch")).click()
        expect(kiosk.locator(".ticket-code")).to_have_text("A001")  # the ticket is not lost
        expect(kiosk.locator(".print-problem")).to_be_visible()
        screenshot(kiosk, "kiosk-ticket-printer-fault-1080x1920")

        expect(counter.locator(".printer-alert")).to_have_count(1)
        expect(counter.locator(".printer-alert")).to_contain_text("hết giấy")
        expect(counter.locator("[data-waiting-total]")).to_have_text("1")
        screenshot(counter, "counter-printer-alert-1366x768")

        printer.mode = "ok"  # paper put back
        kiosk.goto(f"{live_server}/kiosk/")  # still enrolled (the cookie)
        kiosk.get_by_role("button", name=re.compile("Hộ tịch")).click()
        expect(kiosk.locator(".ticket-code")).to_have_text("A002")
        expect(kiosk.locator(".print-problem")).to_have_count(0)
        expect(counter.locator(".printer-alert")).to_have_count(0)
    finally:
        printer.close()
