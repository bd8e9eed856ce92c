"""A tap on the kiosk with the `preview` printer writes the ticket PNG, and it matches the ticket on screen."""

import re

import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from motcua.demo import DEMO_PASSWORD
from tests.servers import ROOT

from .conftest import screenshot

PRINTOUTS = ROOT / "instance" / "printouts"


def test_kiosk_ticket_is_printed_to_a_preview_png_matching_the_screen(demo, live_server, new_page, kiosk_url):
    before = set(PRINTOUTS.glob("*.png"))  # not by modification time: the suite's clock is not the disk's
    kiosk = new_page(1080, 1920)
    kiosk.goto(kiosk_url)
    kiosk.get_by_role("button", name=re.compile("Hộ tịch")).click()
    expect(kiosk.locator(".ticket-code")).to_be_visible()
    code = kiosk.locator("#issued-ticket").get_attribute("data-code")
    token = kiosk.locator("#issued-ticket").get_attribute("data-token")
    expect(kiosk.locator(".print-problem")).to_have_count(0)
    screenshot(kiosk, "kiosk-ticket-printed-1080x1920")

    written = [p for p in PRINTOUTS.glob(f"*-{code}.png") if p not in before]
    assert written, f"no preview PNG for {code} in {PRINTOUTS}"
    with Image.open(max(written, key=lambda p: p.stat().st_mtime)) as printed:
        assert printed.width == 576
        [qr] = zxingcpp.read_barcodes(printed.convert("L"))
    assert qr.text == f"{live_server}/t/{token}"

    admin = new_page(1366, 900)
    admin.goto(f"{live_server}/auth/login")
    admin.fill("input[name=username]", "admin")
    admin.fill("input[name=password]", DEMO_PASSWORD)
    admin.click("button[type=submit]")
    admin.goto(f"{live_server}/admin/printers")
    admin.get_by_role("button", name="In phiếu thử").first.click()
    expect(admin.locator("img.test-preview")).to_be_visible()
    expect(admin.locator(".flash")).to_contain_text("Đã in phiếu thử")
    screenshot(admin, "admin-printers-1366x900")
