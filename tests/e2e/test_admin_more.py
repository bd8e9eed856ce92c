"""The back office's reach on the open screens: a centre renamed with a new hotline shows on the open kiosk and
wall display without a reload; a rating tablet or a kiosk whose key is revoked stops at once; an officer of two
centres picks a counter at either; the service icons on the kiosk."""

import re

from playwright.sync_api import expect
from sqlalchemy import select

from models import Device, DeviceKind, Role, UserSite, db
from models import queue as rules
from models.transaction import perform
from motcua.demo import DEMO_PASSWORD

from ..helpers import counter_tablet_key
from .conftest import login_at_counter, screenshot, wait_connected

NEW_NAME = "Trung tâm Phục vụ hành chính công phường Hoà Bình"


def sign_in(page, base, username):
    page.goto(f"{base}/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")


def _navigations(page) -> list:
    loads = []
    page.on("framenavigated", lambda frame: loads.append(frame.url) if frame == page.main_frame else None)
    return loads


def test_a_centres_new_name_and_hotline_reach_the_open_kiosk_and_display(
    demo, live_server, kiosk_url, new_page
):
    kiosk = new_page(1080, 1920)
    kiosk.goto(kiosk_url)
    expect(kiosk.locator(".service-btn.has-icon")).to_have_count(6)
    display = new_page(1920, 1080)
    display.goto(f"{live_server}/display/?site={demo.site.code}")
    for page in (kiosk, display):
        wait_connected(page)
    screenshot(kiosk, "kiosk-service-icons-1080x1920")
    loads = {"kiosk": _navigations(kiosk), "display": _navigations(display)}

    admin = new_page(1366, 768)
    sign_in(admin, live_server, "admin")
    admin.goto(f"{live_server}/admin/sites/{demo.site.id}")
    admin.get_by_label("Tên trung tâm").fill(NEW_NAME)
    admin.get_by_label(re.compile("Đường dây nóng")).fill("0218 3852 999")
    admin.get_by_role("button", name="Lưu", exact=True).click()
    expect(admin.locator(".flash-info")).to_be_visible()

    for page in (kiosk, display):
        expect(page.locator("#site-header h1")).to_have_text(NEW_NAME)
        expect(page.locator("#site-header .hotline")).to_have_text("Đường dây nóng: 0218 3852 999")
    assert loads == {"kiosk": [], "display": []}  # no reload: the header refetched itself
    screenshot(kiosk, "kiosk-site-renamed-1080x1920")
    screenshot(display, "display-site-renamed-1920x1080")


def test_a_revoked_tablet_stops_at_once_and_works_again_with_its_new_link(demo, live_server, new_page):
    counter = demo.counters[1]
    tablet = new_page(1280, 800)
    tablet.goto(f"{live_server}/counter/{counter.id}/rating?key={counter_tablet_key(counter)}")
    expect(tablet.locator("[data-state=rest]")).to_be_visible()
    wait_connected(tablet)

    admin = new_page(1366, 768)
    sign_in(admin, live_server, "admin")
    admin.goto(f"{live_server}/admin/devices")
    device = db.session.scalar(select(Device).filter_by(kind=DeviceKind.TABLET, counter_id=counter.id))
    admin.locator(f"#device-{device.id}").get_by_role("button", name="Thu hồi khoá").click()
    expect(admin.locator(".flash-info")).to_contain_text("Đã thu hồi khoá cũ")
    screenshot(admin, "admin-devices-tablet-revoked-1366x768")
    # Told at once over its socket (key_revoked), the tablet reloads into the refusal.
    expect(tablet.locator("body")).to_contain_text("khoá đã bị thu hồi")
    expect(tablet.locator("form.ask")).to_have_count(0)
    screenshot(tablet, "rating-tablet-revoked-1280x800")

    # The officer completes a ticket; the tablet opened with its new link (from the devices page) asks for it.
    perform(db.session, rules.issue_ticket, demo.services["A"].id)
    desk = new_page(1366, 768)
    login_at_counter(desk, live_server, "canbo1", 1)
    desk.get_by_role("button", name="Gọi số tiếp theo").click()
    expect(desk.locator(".current-code")).to_have_text("A001")
    desk.get_by_role("button", name="Hoàn tất").click()
    link = admin.get_by_label(f"Liên kết của {device.name}").input_value()
    tablet.goto(link)
    expect(tablet.locator("[data-state=ask]")).to_be_visible()


def test_an_officer_of_two_centres_picks_a_counter_at_either(demo, second_site, live_server, new_page):
    officer = demo.users["canbo1"]
    officer.other_sites = [UserSite(site_id=second_site.site.id)]
    db.session.commit()
    page = new_page(1366, 768)
    sign_in(page, live_server, "canbo1")
    expect(page.locator(".counter-choice")).to_have_count(len(demo.counters) + 1)
    expect(page.locator(".counter-choice .site").filter(has_text=second_site.site.name)).to_have_count(1)
    screenshot(page, "counter-choose-two-sites-1366x768")
    page.locator(".counter-choice").filter(has_text=second_site.site.name).get_by_role("button").click()
    expect(page.locator("#panel")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/counter/{second_site.counter.id}$"))


def test_a_supervisor_of_two_centres_switches_between_them(demo, second_site, live_server, new_page):
    supervisor = demo.users["canbo2"]
    supervisor.role = Role.SUPERVISOR
    supervisor.other_sites = [UserSite(site_id=second_site.site.id)]
    db.session.commit()
    page = new_page(1366, 768)
    sign_in(page, live_server, "canbo2")
    page.goto(f"{live_server}/admin/users")
    expect(page.locator("table.grid")).to_contain_text("canbo1")
    page.locator(".site-switch select").select_option(label=second_site.site.name)
    page.locator(".site-switch").get_by_role("button", name="Chuyển").click()
    expect(page).to_have_url(re.compile(r"/admin/users\?site=xa-thu-hai"))
    expect(page.locator("table.grid")).to_contain_text("canbo-xa2")
    expect(page.locator("table.grid")).not_to_contain_text("canbo1")
    page.get_by_role("link", name="Thêm tài khoản").click()
    expect(page.get_by_label(second_site.site.name, exact=True)).to_be_visible()
    screenshot(page, "admin-user-form-two-sites-1366x768")


def test_a_day_closed_in_the_calendar_closes_the_open_kiosk_without_a_reload(
    demo, live_server, kiosk_url, new_page
):
    from models.queries import today

    kiosk = new_page(1080, 1920)
    kiosk.goto(kiosk_url)
    expect(kiosk.locator(".service-btn")).to_have_count(6)
    wait_connected(kiosk)
    loads = _navigations(kiosk)
    admin = new_page(1366, 768)
    sign_in(admin, live_server, "admin")
    admin.goto(f"{live_server}/admin/calendar")
    admin.get_by_label("Ngày", exact=True).fill(today(demo.site).isoformat())
    admin.get_by_label("Loại").select_option(label="Ngày nghỉ của Trung tâm")
    admin.get_by_label("Ghi chú").fill("Tổng vệ sinh trụ sở")
    admin.get_by_role("button", name="Thêm").click()
    expect(admin.locator(".flash-info")).to_be_visible()
    notice = kiosk.locator(".closed-today")
    expect(notice).to_have_text("Hôm nay Trung tâm nghỉ: Tổng vệ sinh trụ sở. Không cấp số thứ tự.")
    expect(kiosk.locator("#services")).to_be_hidden()
    expect(kiosk.locator(".priority-entry")).to_be_hidden()  # no ticket of any kind today
    assert notice.bounding_box()["y"] < 400
    screenshot(kiosk, "kiosk-closed-live-1080x1920")
    admin.get_by_role("button", name="Bỏ").click()
    expect(kiosk.locator("#services")).to_be_visible()
    expect(notice).to_have_count(0)
    assert loads == []


def test_a_revoked_kiosk_says_it_is_not_enrolled_at_once(demo, live_server, new_page, kiosk_url):
    kiosk = new_page(1080, 1920)
    kiosk.goto(kiosk_url)
    expect(kiosk.locator(".service-btn")).to_have_count(len(demo.services))
    wait_connected(kiosk)
    loads = _navigations(kiosk)

    admin = new_page(1366, 768)
    sign_in(admin, live_server, "admin")
    admin.goto(f"{live_server}/admin/devices")
    device = db.session.scalar(select(Device).filter_by(kind=DeviceKind.KIOSK, site_id=demo.site.id))
    admin.locator(f"#device-{device.id}").get_by_role("button", name="Thu hồi khoá").click()
    expect(admin.locator(".flash-info")).to_contain_text("Đã thu hồi khoá cũ")
    # Told over its socket (key_revoked), the kiosk goes home, which no longer takes it: no tap was needed.
    expect(kiosk.locator(".not-enrolled")).to_contain_text("Ki-ốt chưa được đăng ký")
    expect(kiosk.locator(".service-btn")).to_have_count(0)
    assert len(loads) == 1
    screenshot(kiosk, "kiosk-revoked-1080x1920")
