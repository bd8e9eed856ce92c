"""What a person sees when the server refuses: plain Vietnamese, never werkzeug's English pages — the sign-in
prompt, the 403 and 400 pages, and a printer address the back office will not use."""

from playwright.sync_api import expect

from motcua.demo import DEMO_PASSWORD

from .conftest import screenshot


def _sign_in(page, live_server, username: str, next_path: str) -> None:
    page.goto(f"{live_server}{next_path}")
    expect(page.locator(".flash")).to_have_text("Xin vui lòng đăng nhập để xem trang này.")
    screenshot(page, f"sign-in-prompt-{username}-1366x768")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")


def test_error_pages_speak_vietnamese(demo, live_server, new_page):
    page = new_page(1366, 768)
    page.goto(f"{live_server}/t/abc%00def")
    expect(page.locator("h1")).to_have_text("Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL).")
    screenshot(page, "error-400-nul-1366x768")
    page.goto(f"{live_server}/counter/99999999999999999999")
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang này.")
    _sign_in(page, live_server, "canbo1", "/admin/")
    expect(page.locator("h1")).to_have_text("Bạn không có quyền truy cập trang này.")
    screenshot(page, "error-403-1366x768")


def test_the_back_office_explains_a_refused_printer_address(demo, live_server, new_page):
    page = new_page(1366, 768)
    _sign_in(page, live_server, "admin", "/admin/printers")
    page.fill("#new-kiosk", "Ki-ốt sảnh")
    page.get_by_role("button", name="Thêm", exact=True).click()
    row = page.locator("tr", has_text="Ki-ốt sảnh")  # the demo centre has its own kiosk too
    row.locator("input[name=printer_url]").fill("file:///etc/important.txt")
    row.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator(".flash-error")).to_contain_text("Địa chỉ máy in phải là thiết bị trong /dev/")
    screenshot(page, "admin-printer-address-refused-1366x768")
