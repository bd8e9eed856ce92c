"""A citizen at the 1080×1920 kiosk looks up a dossier by typing its code on the keypad, takes "Nhận kết quả",
and the officer who calls that ticket sees which dossier to hand back. A wrong code gets a clear message."""

import re

from playwright.sync_api import expect
from sqlalchemy import select

from models import DossierStatus, Procedure, db
from models.dossier_rules import Applicant, Receipt, change_status, receive_dossier
from models.transaction import perform

from .conftest import login_at_counter, screenshot


def _ready_dossier(demo):
    procedure_id = db.session.scalar(select(Procedure.id).filter_by(code="1.004873"))
    receipt = Receipt(procedure_id, Applicant("Bùi Thị Hạnh", "0912345678", "Số 5 Kim Mã"))
    dossier = perform(db.session, receive_dossier, demo.site.id, demo.users["canbo2"], receipt)
    perform(db.session, change_status, dossier.id, demo.users["canbo2"], DossierStatus.RESULT_READY)
    return dossier


def _type(kiosk, text):
    for key in text:
        kiosk.locator(f'.dossier-keypad [data-key="{key}"]').click()


def test_kiosk_lookup_and_collect_result(demo, live_server, new_page, kiosk_url):
    dossier = _ready_dossier(demo)
    kiosk = new_page(1080, 1920)
    kiosk.goto(kiosk_url)
    entry = kiosk.get_by_role("link", name=re.compile("Tra cứu hồ sơ"))
    box = entry.bounding_box()
    assert box["height"] >= 100  # one finger, no aiming
    entry.click()
    expect(kiosk.locator(".dossier-prefix")).to_have_text("PHUONG-DEMO-")
    screenshot(kiosk, "dossier-lookup-1080x1920")

    # A wrong code: a clear message, nothing about anyone.
    _type(kiosk, "000000-0000")
    kiosk.get_by_role("button", name="Tra cứu").click()
    expect(kiosk.locator(".dossier-missing")).to_contain_text("Không tìm thấy hồ sơ có mã này")
    for _ in range(11):
        kiosk.locator(".dossier-keypad [data-backspace]").click()
    expect(kiosk.locator("#dossier-code")).to_have_value("")

    _type(kiosk, dossier.code.removeprefix("PHUONG-DEMO-"))
    kiosk.get_by_role("button", name="Tra cứu").click()
    state = kiosk.locator(".dossier-state")
    expect(state).to_contain_text(dossier.code)
    expect(state).to_contain_text("Đã có kết quả, chờ trả")
    expect(state).not_to_contain_text("Bùi Thị Hạnh")
    take = kiosk.get_by_role("button", name="Nhận kết quả")
    expect(take).to_be_visible()
    assert take.bounding_box()["height"] >= 100
    screenshot(kiosk, "dossier-found-1080x1920")
    take.click()
    ticket = kiosk.locator("#issued-ticket")
    expect(ticket).to_be_visible()
    code = ticket.get_attribute("data-code")
    assert code.startswith("A")
    screenshot(kiosk, "dossier-return-ticket-1080x1920")

    counter = new_page(1366, 768)
    login_at_counter(counter, live_server, "canbo1", 1)
    counter.get_by_role("button", name=re.compile("Gọi số tiếp theo")).click()
    expect(counter.locator(".current-code")).to_have_text(code)
    dossiers = counter.locator(".ticket-dossiers")
    expect(dossiers).to_contain_text(dossier.code)
    expect(dossiers).to_contain_text("Trả kết quả hồ sơ này")
    screenshot(counter, "dossier-counter-return-1366x768")
    dossiers.get_by_role("link", name=dossier.code).click()
    expect(counter.locator("h1")).to_contain_text(dossier.code)
    screenshot(counter, "dossier-detail-1366x768")


def test_back_office_calendar_and_register(demo, live_server, new_page):
    from motcua.demo import DEMO_PASSWORD

    _ready_dossier(demo)
    page = new_page(1366, 768)
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server}/admin/calendar?year=2027")
    page.fill("input[name=day]", "2027-08-21")
    page.select_option("select[name=kind]", "working")
    page.fill("input[name=note]", "Làm bù cho ngày 30/8")
    page.get_by_role("button", name="Thêm").click()
    expect(page.locator("#own-days")).to_contain_text("Làm bù cho ngày 30/8")
    expect(page.locator("#public-holidays")).to_contain_text("Tết Nguyên Đán")
    screenshot(page, "admin-calendar-1366x768")
    page.get_by_role("link", name="Hồ sơ", exact=True).click()
    expect(page.locator("#dossier-figures")).to_contain_text("Tổng cộng")
    screenshot(page, "admin-dossiers-1366x768")
    page.goto(f"{live_server}/counter/dossiers/")
    expect(page.locator("#watch-list")).to_be_visible()
    screenshot(page, "counter-dossiers-1366x768")


def test_an_officer_receives_a_dossier_at_the_counter(demo, live_server, new_page):
    from models.queue import issue_ticket

    perform(db.session, issue_ticket, demo.services["A"].id, channel="staff")
    counter = new_page(1366, 768)
    login_at_counter(counter, live_server, "canbo1", 1)
    counter.get_by_role("button", name=re.compile("Gọi số tiếp theo")).click()
    expect(counter.locator(".current-code")).to_have_text("A001")
    counter.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    counter.wait_for_url(re.compile(r"/counter/dossiers/new"))
    counter.wait_for_load_state("load")  # htmx listens to the search box from then on (a person types later)
    counter.fill("input[name=q]", "tinh trang hon nhan")
    select = counter.locator("select[name=procedure_id]")
    # The search's list (it has a size), not the full list the form opens with; the first search of a server
    # builds its index.
    expect(select).to_have_attribute("size", re.compile(r"^\d+$"), timeout=15_000)
    expect(select.locator("option", has_text="1.004873")).to_have_count(1)
    select.select_option(label=select.locator("option", has_text="1.004873").inner_text())
    expect(counter.locator(".dossier-documents input[type=checkbox]").first).to_be_checked()
    counter.fill("input[name=name]", "Lý Thị Mai")
    counter.fill("input[name=phone]", "0987 654 321")
    screenshot(counter, "dossier-receive-form-1366x768")
    counter.get_by_role("button", name="Tiếp nhận và hẹn ngày trả").click()
    expect(counter.locator("h1")).to_contain_text("PHUONG-DEMO-", timeout=15_000)  # a receipt does more work
    expect(counter.locator(".flash")).to_contain_text("Đã tiếp nhận hồ sơ")


def test_the_kiosk_on_a_closed_day(demo, live_server, new_page, kiosk_url):
    from models import DayKind
    from models.calendar import set_site_day
    from models.queries import today

    perform(db.session, set_site_day, demo.site.id, today(demo.site), DayKind.CLOSED, "Nghỉ bù Quốc khánh")
    kiosk = new_page(1080, 1920)
    kiosk.goto(kiosk_url)
    notice = kiosk.locator(".closed-today")
    expect(notice).to_have_text("Hôm nay Trung tâm nghỉ: Nghỉ bù Quốc khánh. Không cấp số thứ tự.")
    assert notice.bounding_box()["y"] < 400  # the first thing on the screen
    expect(kiosk.locator("#services")).to_be_hidden()  # no ticket button to tap for nothing
    expect(kiosk.get_by_role("link", name=re.compile("Tra cứu hồ sơ"))).to_be_visible()
    screenshot(kiosk, "kiosk-closed-day-1080x1920")
