"""The back office's display pages in a real Chromium: a sample call plays the site's clips in order; a
display's settings saved there reach the open display (it reloads in its new layout)."""

from playwright.sync_api import expect

from models import Device, DeviceKind, db
from models.announcement import announcement_clips
from motcua.demo import DEMO_PASSWORD
from motcua.device_presence import device_key

from .conftest import screenshot, wait_connected
from .test_display_voice import LISTEN


def sign_in(page, base):
    page.goto(f"{base}/auth/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")


def test_the_sample_call_plays_the_sites_clips(demo, live_server, new_page):
    page = new_page(1366, 768)
    sign_in(page, live_server)
    page.goto(f"{live_server}/admin/voice")
    page.evaluate(LISTEN)
    expect(page.locator("#voice-in-use")).to_contain_text("bộ âm thanh mặc định")
    page.get_by_role("button", name="Nghe thử: số A012 đến quầy 3").click()
    expected = announcement_clips("A012", 3)
    page.wait_for_function(f"() => window.played.length >= {len(expected)}", timeout=30_000)
    assert page.evaluate("() => window.played") == expected
    screenshot(page, "admin-voice-1366x768")


def test_settings_saved_in_the_back_office_reach_the_open_display(demo, live_server, new_page):
    device = Device(site_id=demo.site.id, kind=DeviceKind.DISPLAY, name="Màn hình sảnh", settings={})
    db.session.add(device)
    db.session.commit()
    display = new_page(1080, 1920)
    display.goto(f"{live_server}/display/?device_key={device_key(device)}")
    wait_connected(display)
    expect(display.locator("body")).to_have_class("display layout-landscape")
    screenshot(display, "display-landscape-layout-1080x1920")

    admin = new_page(1366, 768)
    sign_in(admin, live_server)
    admin.goto(f"{live_server}/admin/displays")
    admin.get_by_role("link", name="Cài đặt").click()
    admin.select_option("select[name=layout]", "portrait")
    admin.fill("textarea[name=ticker]", "Trung tâm nghỉ trưa từ 11:30 đến 13:30")
    screenshot(admin, "admin-display-form-1366x768")
    admin.get_by_role("button", name="Lưu").click()
    expect(admin.locator("#display-" + str(device.id))).to_contain_text("Dọc (1080×1920)")
    screenshot(admin, "admin-displays-1366x768")

    expect(display.locator("body")).to_have_class("display layout-portrait", timeout=15_000)
    expect(display.locator(".ticker-text")).to_contain_text("nghỉ trưa")
    wait_connected(display)
    screenshot(display, "display-portrait-layout-1080x1920")
    display.set_viewport_size({"width": 1920, "height": 1080})
    screenshot(display, "display-portrait-layout-1920x1080")
