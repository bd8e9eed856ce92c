"""A real centre set up from an empty database with the back-office screens only: `init`, then the province
administrator creates a commune centre, two services (one with a lunch break), two counters, an officer and a
kiosk; a citizen takes a ticket at that kiosk and the new officer calls it."""

import re

from playwright.sync_api import expect

from .conftest import screenshot

ADMIN_PASSWORD = "mat-khau-tinh-2026"


def sign_in(page, base, username, password):
    page.goto(f"{base}/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def save(page):
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator(".flash-info")).to_be_visible()


def test_a_commune_centre_from_an_empty_database(app, ctx, live_server, new_page):
    result = app.test_cli_runner().invoke(
        args=[
            "init",
            "--province",
            "Trung tâm Phục vụ hành chính công tỉnh Phú Thọ",
            "--code",
            "tinh-phu-tho",
            "--username",
            "quantri",
            "--full-name",
            "Lê Văn Quản",
        ],
        input=f"{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output

    admin = new_page(1366, 768)
    # Every set-up page keeps the Content-Security-Policy (no inline style or script): the browser says so.
    violations = []
    admin.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in(admin, live_server, "quantri", ADMIN_PASSWORD)
    admin.goto(f"{live_server}/admin/sites")
    admin.get_by_role("link", name="Thêm trung tâm").click()
    admin.get_by_label("Tên trung tâm").fill("Trung tâm Phục vụ hành chính công xã Tân Lập")
    admin.get_by_label("Mã", exact=True).fill("xa-tan-lap")
    admin.get_by_label("Cấp", exact=True).select_option("commune")
    admin.get_by_label("Thuộc trung tâm cấp tỉnh").select_option(
        label="Trung tâm Phục vụ hành chính công tỉnh Phú Thọ"
    )
    admin.get_by_label("Địa chỉ", exact=True).fill("Xã Tân Lập, tỉnh Phú Thọ")
    admin.get_by_label(re.compile("Đường dây nóng")).fill("0210 3846 111")
    screenshot(admin, "admin-site-form-1366x768")
    save(admin)
    expect(admin.locator("table.grid")).to_contain_text("xa-tan-lap")
    screenshot(admin, "admin-sites-1366x768")

    # Services: one with a lunch break on weekdays, one open every day (the ticket below is taken there).
    admin.goto(f"{live_server}/admin/services?site=xa-tan-lap")
    admin.get_by_role("link", name="Thêm dịch vụ").click()
    admin.get_by_label("Tên dịch vụ").fill("Hộ tịch")
    admin.get_by_label("Chữ cái đầu số").fill("A")
    expect(admin.get_by_label("Thứ Hai")).to_have_value("07:30-11:30, 13:30-17:00")
    # A mistake first: the windows overlap, and the form says so beside the schedule.
    admin.get_by_label("Thứ Ba").fill("7:30-11:30, 11:00-17:00")
    admin.get_by_role("button", name="Lưu", exact=True).click()
    expect(admin.locator(".field-error")).to_contain_text("Thứ Ba: hai khung giờ chồng lên nhau")
    screenshot(admin, "admin-service-form-error-1366x768")
    admin.get_by_label("Thứ Ba").fill("7:30-11:30, 13:30-17:00")
    admin.get_by_label(re.compile("Ngừng cấp số trước giờ đóng")).fill("15")
    save(admin)
    admin.get_by_role("link", name="Thêm dịch vụ").click()
    admin.get_by_label("Tên dịch vụ").fill("Chứng thực")
    admin.get_by_label("Chữ cái đầu số").fill("B")
    for day in ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"):
        admin.get_by_label(day, exact=True).fill("00:00-23:59")
    save(admin)
    expect(admin.locator("table.grid tbody tr")).to_have_count(2)
    expect(admin.locator("table.grid")).to_contain_text("07:30–11:30, 13:30–17:00")
    screenshot(admin, "admin-services-1366x768")

    # Counters: 1 serves A then B, 2 serves B.
    admin.locator(".admin-nav").get_by_role("link", name="Quầy", exact=True).click()
    admin.get_by_role("link", name="Thêm quầy").click()
    admin.get_by_label("Tên quầy").fill("Hộ tịch, Chứng thực")
    admin.get_by_label("Thứ 1").select_option(label="A — Hộ tịch")
    admin.get_by_label("Thứ 2").select_option(label="B — Chứng thực")
    screenshot(admin, "admin-counter-form-1366x768")
    save(admin)
    admin.get_by_role("link", name="Thêm quầy").click()
    expect(admin.get_by_label("Số quầy")).to_have_value("2")
    admin.get_by_label("Thứ 1").select_option(label="B — Chứng thực")
    save(admin)
    expect(admin.locator("table.grid tbody tr")).to_have_count(2)
    screenshot(admin, "admin-counters-1366x768")

    # An officer of the commune centre, with a temporary password.
    admin.locator(".admin-nav").get_by_role("link", name="Cán bộ", exact=True).click()
    admin.get_by_role("link", name="Thêm tài khoản").click()
    admin.get_by_label("Tên đăng nhập").fill("nguyenthilan")
    admin.get_by_label("Họ và tên").fill("Nguyễn Thị Lan")
    admin.get_by_label("Vai trò").select_option(label="Cán bộ")
    admin.get_by_label("Trung tâm làm việc").select_option(
        label="Trung tâm Phục vụ hành chính công xã Tân Lập"
    )
    admin.get_by_label("Quầy 1 — Hộ tịch, Chứng thực").check()
    admin.get_by_label("Mật khẩu tạm thời").fill("tam-thoi-2026")
    screenshot(admin, "admin-user-form-1366x768")
    save(admin)
    expect(admin.locator("table.grid")).to_contain_text("nguyenthilan")
    screenshot(admin, "admin-users-1366x768")

    # A kiosk and its link.
    admin.locator(".admin-nav").get_by_role("link", name="Thiết bị", exact=True).click()
    admin.get_by_label("Loại thiết bị").select_option(label="Ki-ốt lấy số")
    admin.get_by_label("Tên thiết bị").fill("Ki-ốt sảnh")
    admin.get_by_role("button", name="Thêm thiết bị").click()
    expect(admin.locator(".flash-info")).to_be_visible()
    link = admin.get_by_label("Liên kết của Ki-ốt sảnh").input_value()
    assert "/kiosk/?site=xa-tan-lap&device=" in link
    screenshot(admin, "admin-devices-1366x768")

    # The citizen: the kiosk issues B001.
    kiosk = new_page(1080, 1920)
    kiosk.goto(link)
    expect(kiosk.locator(".service-btn")).to_have_count(2)
    kiosk.get_by_role("button", name=re.compile("Chứng thực")).click()
    expect(kiosk.locator(".ticket-code")).to_have_text("B001")
    screenshot(kiosk, "setup-kiosk-ticket-1080x1920")

    # The officer: a new password first, then counter 1 calls B001 (A has nobody waiting).
    counter = new_page(1366, 768)
    sign_in(counter, live_server, "nguyenthilan", "tam-thoi-2026")
    expect(counter).to_have_url(re.compile("/auth/password"))
    counter.get_by_label("Mật khẩu hiện tại").fill("tam-thoi-2026")
    counter.get_by_label("Mật khẩu mới", exact=True).fill("lan-mat-khau-moi")
    counter.get_by_label("Nhập lại mật khẩu mới").fill("lan-mat-khau-moi")
    counter.get_by_role("button", name="Đổi mật khẩu").click()
    counter.get_by_role("button", name=re.compile(r"Quầy 1\b")).first.click()
    counter.get_by_role("button", name="Gọi số tiếp theo").click()
    expect(counter.locator(".current-code")).to_have_text("B001")
    screenshot(counter, "setup-counter-1366x768")

    # Every step is in the audit log.
    admin.locator(".admin-nav").get_by_role("link", name="Nhật ký", exact=True).click()
    expect(admin.locator("table.audit")).to_contain_text("Thêm thiết bị")
    expect(admin.locator("table.audit")).to_contain_text("Đổi mật khẩu")
    screenshot(admin, "admin-audit-1366x768")
    assert violations == []
