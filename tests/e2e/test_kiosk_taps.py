"""The kiosk in Chromium: a double tap gives one ticket (portrait and landscape); live refreshes raise no
script error and nothing is missing (favicon); after an English visitor the kiosk goes home in Vietnamese."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from models import Device, Ticket, db
from motcua.demo import DEMO_KIOSK
from tests.helpers import enrolment
from tests.servers import running_server

from .conftest import screenshot, wait_connected


def tickets_of(service) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Ticket).filter_by(service_id=service.id))


def settled_box(button) -> dict:
    """Where the button is once the page has settled: a live refresh just after connecting swaps the list, and
    a button caught mid-swap has no box."""
    previous = None
    for _ in range(50):
        expect(button).to_be_visible()
        box = button.bounding_box()
        if box is not None and box == previous:
            return box
        previous = box
        button.page.wait_for_timeout(100)
    raise AssertionError(f"the button never settled (last box: {previous})")


@pytest.mark.parametrize("width, height", [(1080, 1920), (1920, 1080)])
def test_two_taps_50_ms_apart_give_one_ticket(demo, new_page, kiosk_url, width, height):
    kiosk = new_page(width, height)
    posts = []
    kiosk.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    # 50 ms as asked; 90 ms too, as then the first ticket's live refresh has put fresh buttons under the finger.
    for gap_ms, code in ((50, "B001"), (90, "B002")):
        posts.clear()
        kiosk.goto(kiosk_url)
        wait_connected(kiosk)
        box = settled_box(kiosk.get_by_role("button", name=re.compile("Chứng thực")))
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        # Raw taps at one spot, whatever is under the finger by then (a locator click would wait for a button).
        kiosk.mouse.click(x, y)
        kiosk.wait_for_timeout(gap_ms)
        kiosk.mouse.click(x, y)
        expect(kiosk.locator(".ticket-code")).to_have_text(code)
        kiosk.wait_for_load_state("networkidle")  # a second request, had one been sent, has been answered
        expect(kiosk.locator(".ticket-code")).to_have_text(code)
        assert [request.url.split("?")[0].rsplit("/", 2)[-2:] for request in posts] == [["kiosk", "tickets"]]
        assert tickets_of(demo.services["B"]) == int(code[1:])
    screenshot(kiosk, f"kiosk-double-tap-{width}x{height}")


def test_live_refreshes_raise_no_script_error_and_nothing_is_missing(demo, live_server, new_page, kiosk_url):
    kiosk = new_page(1080, 1920)
    errors, missing = [], []
    kiosk.on("pageerror", lambda error: errors.append(str(error)))
    kiosk.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    kiosk.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    kiosk.goto(kiosk_url)
    wait_connected(kiosk)
    service = demo.services["C"]
    count = kiosk.locator(f'.service-btn[data-service-id="{service.id}"] .waiting strong')
    credentials = enrolment(db.session.scalar(select(Device).filter_by(name=DEMO_KIOSK)))
    for waiting in ("1", "2"):
        # Through the server, so that its Socket.IO tells the kiosk (an in-process ticket would not).
        issued = kiosk.request.post(
            f"{live_server}/api/v1/tickets", data={"service_id": service.id}, headers=credentials.headers
        )
        assert issued.status == 201
        expect(count).to_have_text(waiting)  # the live refresh came in
    icon = kiosk.locator("link[rel=icon]").get_attribute("href")
    assert kiosk.request.get(live_server + icon).status == 200
    assert kiosk.request.get(f"{live_server}/favicon.ico").status == 200
    assert errors == [] and missing == []


def test_after_an_english_visitor_the_kiosk_goes_home_in_vietnamese(demo, new_page):
    device = db.session.scalar(select(Device).filter_by(name=DEMO_KIOSK))
    with running_server(KIOSK_IDLE_SECONDS="2") as base:
        kiosk = new_page(1080, 1920)
        kiosk.goto(base + enrolment(device).url)
        kiosk.get_by_role("link", name="English").click()
        expect(kiosk.locator(".prompt")).to_have_text("Please choose a service to take a number")
        kiosk.get_by_role("button", name=re.compile("Hộ tịch")).click()
        expect(kiosk.locator(".ticket-label")).to_have_text("Your ticket number")
        # Nobody touches the screen: home again, in Vietnamese, for the next citizen.
        expect(kiosk.locator(".prompt")).to_have_text("Xin mời chọn dịch vụ để lấy số thứ tự", timeout=15_000)
        expect(kiosk.locator("html")).to_have_attribute("lang", "vi")
        kiosk.reload()  # and it stays Vietnamese
        expect(kiosk.locator(".prompt")).to_have_text("Xin mời chọn dịch vụ để lấy số thứ tự")
