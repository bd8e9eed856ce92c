"""The catalogue kept current from the back office, in a browser: upload → preview ("… mới, … thay đổi, … bãi
bỏ — xác nhận?") with nothing saved → confirm → the kiosk and public pages follow (an abolished procedure is
gone, a replaced one points to its successor) → revert puts everything back. Screenshots of each step."""

import re

from playwright.sync_api import expect

from motcua.demo import DEMO_PASSWORD

from .conftest import screenshot

FILE = (
    "code,name,field_code,status,effective_date,decision,replaced_by,name_en\n"
    "9.000001,Đăng ký lại khai sinh (thủ tục mới),ho-tich,,,,,Birth re-registration (new)\n"
    "1.001193,Đăng ký khai sinh,ho-tich,,,,,Birth registration (updated)\n"
    "1.004884,Đăng ký lại khai sinh,ho-tich,thay thế,01/01/2026,Quyết định 45/QĐ-UBND,9.000001,\n"
    "1.004837,Đăng ký giám hộ,ho-tich,bãi bỏ,01/01/2026,Quyết định 45/QĐ-UBND,,\n"
)


def _sign_in(page, base):
    page.goto(f"{base}/auth/login?next=/admin/procedures/import")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Cập nhật danh mục thủ tục")


def test_preview_confirm_and_revert_an_import(demo, live_server, new_page):
    admin = new_page(1366, 768)
    _sign_in(admin, live_server)
    admin.set_input_files(
        "input[name=file]", files=[{"name": "thang-12.csv", "mimeType": "text/csv", "buffer": FILE.encode()}]
    )
    admin.get_by_role("button", name="Kiểm tra và xem trước").click()
    expect(admin.locator(".import-summary")).to_contain_text(
        "1 mới, 1 thay đổi, 2 bãi bỏ hoặc thay thế — xác nhận?"
    )
    screenshot(admin, "admin-catalogue-preview-1366x768")

    # Nothing is saved before the confirmation.
    phone = new_page(390, 844)
    phone.goto(f"{live_server}/procedures/1.004837")
    expect(phone.locator("h1")).to_have_text("Đăng ký giám hộ")

    admin.get_by_role("button", name="Xác nhận nhập").click()
    expect(admin.locator(".flash")).to_contain_text("Đã nhập danh mục: 1 thủ tục mới, 1 thay đổi, 2 bãi bỏ")
    expect(admin.locator(".import-history tbody tr")).to_have_count(1)
    expect(admin.locator(".import-history")).to_contain_text("thang-12.csv")
    expect(admin.locator(".import-history")).to_contain_text("admin")
    screenshot(admin, "admin-catalogue-history-1366x768")

    # The abolished procedure is gone; the replaced one points to its successor, on the kiosk's screen.
    assert phone.goto(f"{live_server}/procedures/1.004837").status == 404
    kiosk = new_page(1080, 1920)
    kiosk.goto(f"{live_server}/kiosk/procedures/1.004884")
    expect(kiosk.locator(".proc-status")).to_contain_text("Thủ tục này đã được thay thế từ ngày 01/01/2026.")
    screenshot(kiosk, "kiosk-procedure-replaced-1080x1920")
    kiosk.get_by_role("link", name=re.compile("Xem thủ tục thay thế")).click()
    expect(kiosk.locator(".proc-title")).to_have_text("Đăng ký lại khai sinh (thủ tục mới)")

    admin.get_by_role("button", name="Hoàn tác").click()
    expect(admin.locator(".flash")).to_contain_text("Đã hoàn tác lần nhập danh mục.")
    expect(admin.locator(".import-history")).to_contain_text("Đã hoàn tác")
    screenshot(admin, "admin-catalogue-reverted-1366x768")
    phone.goto(f"{live_server}/procedures/1.004837")
    expect(phone.locator("h1")).to_have_text("Đăng ký giám hộ")
    assert phone.goto(f"{live_server}/procedures/9.000001").status == 404


def test_a_bad_file_lists_its_problems_and_saves_nothing(demo, live_server, new_page):
    admin = new_page(1366, 768)
    _sign_in(admin, live_server)
    bad = "code,name,field_code,status,effective_date\n1.0011,Sai mã,ho-tich,,\n1.001193,Khai sinh,ho-tich,bãi bỏ,\n"
    admin.set_input_files(
        "input[name=file]", files=[{"name": "sai.csv", "mimeType": "text/csv", "buffer": bad.encode()}]
    )
    admin.get_by_role("button", name="Kiểm tra và xem trước").click()
    problems = admin.locator(".import-problems li")
    expect(problems).to_have_count(2)
    expect(problems.first).to_contain_text("Dòng 2: Mã thủ tục không hợp lệ")
    expect(problems.nth(1)).to_contain_text("Dòng 3: Thủ tục bị thay thế hoặc bãi bỏ cần ngày hiệu lực.")
    screenshot(admin, "admin-catalogue-problems-1366x768")
    expect(admin.locator(".import-history")).to_have_count(0)


def test_the_search_debug_view_explains_the_ranking(demo, live_server, new_page):
    admin = new_page(1366, 768)
    _sign_in(admin, live_server)
    admin.goto(f"{live_server}/admin/procedures/search-debug?q=h%E1%BB%99+kinh+doanh")
    rows = admin.locator(".search-debug tbody tr")
    expect(rows.first).to_contain_text("Đăng ký thành lập hộ kinh doanh")
    expect(admin.locator(".search-debug thead")).to_contain_text("độ phổ biến")
    screenshot(admin, "admin-search-debug-1366x768")


def test_a_centres_own_synonym_is_added_then_searched(demo, live_server, new_page):
    admin = new_page(1366, 768)
    _sign_in(admin, live_server)
    admin.goto(f"{live_server}/admin/procedures/synonyms")
    admin.fill("input[name=phrase]", "bé mới đẻ")
    admin.fill("input[name=meaning]", "đăng ký khai sinh")
    admin.get_by_role("button", name="Thêm").click()
    expect(admin.locator(".flash")).to_have_text("Đã lưu từ đồng nghĩa.")
    expect(admin.locator("table.grid").first).to_contain_text("bé mới đẻ")
    screenshot(admin, "admin-synonyms-1366x768")
    admin.goto(f"{live_server}/admin/procedures/search-debug?q=b%C3%A9+m%E1%BB%9Bi+%C4%91%E1%BA%BB")
    expect(admin.locator(".search-debug tbody tr").first).to_contain_text("Đăng ký khai sinh")
    expect(admin.locator(".search-debug tbody tr").first).to_contain_text("từ đồng nghĩa: be moi de")
