"""Procedure browsing at kiosk size: browse → search (on-screen keyboard) → procedure → "Lấy số"; the QR codes
on the page decode to exactly the intended URLs."""

import re
from urllib.parse import quote

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from .conftest import screenshot

PORTAL = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-nganh-doc.html?ma_thu_tuc={code}"


def decode_qr(page, selector: str, name: str) -> str:
    path = screenshot_element(page, selector, name)
    results = zxingcpp.read_barcodes(Image.open(path))
    assert len(results) == 1, f"{selector}: {len(results)} codes decoded"
    return results[0].text


def screenshot_element(page, selector: str, name: str) -> str:
    from tests.helpers import ARTIFACTS

    path = ARTIFACTS / f"{name}.png"
    page.locator(selector).screenshot(path=str(path))
    return str(path)


def type_on_keyboard(page, keys: str):
    for key in keys:
        page.locator(f'#vn-keyboard [data-key="{key}"]').click()


def test_browse_search_procedure_take_ticket(demo, live_server, new_page, kiosk_url):
    kiosk = new_page(1080, 1920)
    kiosk.goto(kiosk_url)
    kiosk.get_by_role("link", name=re.compile("Tra cứu thủ tục hành chính")).click()
    expect(kiosk.locator(".field-btn")).to_have_count(6)
    screenshot(kiosk, "procedures-home-1080x1920")

    # Browse: a field, then its procedures.
    kiosk.locator(".field-btn", has_text="Chứng thực").click()
    expect(kiosk.locator(".proc-btn").first).to_be_visible()
    assert kiosk.locator(".proc-btn", has_text="Chứng thực chữ ký").count() == 1
    screenshot(kiosk, "procedures-field-1080x1920")
    kiosk.get_by_role("link", name=re.compile("Các lĩnh vực")).click()

    # Touching the search box opens the keyboard.
    expect(kiosk.locator("#vn-keyboard")).to_be_hidden()
    kiosk.locator("#proc-q").click()
    expect(kiosk.locator("#vn-keyboard")).to_be_visible()
    # Search with the on-screen keyboard, Vietnamese marks included: "khai sinh" typed as "khai sính" still finds it.
    type_on_keyboard(kiosk, "khai sinh")
    kiosk.locator('#vn-keyboard [data-mark="acute"]').click()
    expect(kiosk.locator("#proc-q")).to_have_value("khai sính")
    expect(kiosk.locator("#proc-results .proc-btn").first).to_contain_text("Đăng ký khai sinh")
    screenshot(kiosk, "procedures-search-1080x1920")
    kiosk.locator("#proc-results .proc-btn").first.click()

    expect(kiosk.locator(".proc-title")).to_have_text("Đăng ký khai sinh")
    expect(kiosk.locator(".doc-table tbody tr")).to_have_count(4)
    screenshot(kiosk, "procedure-page-1080x1920")
    assert decode_qr(kiosk, "#qr-official .qr", "qr-official") == PORTAL.format(code="1.001193")
    ours = decode_qr(kiosk, "#qr-ours .qr", "qr-ours")
    assert ours == f"{live_server}/procedures/{quote('1.001193')}?site=phuong-demo"
    phone = new_page(390, 844)
    phone.goto(ours)
    expect(phone.locator(".proc-title")).to_have_text("Đăng ký khai sinh")
    screenshot(phone, "procedure-phone-390x844")

    kiosk.get_by_role("button", name=re.compile("Lấy số")).click()
    expect(kiosk.locator(".ticket-code")).to_have_text("A001")
    expect(kiosk.locator(".ticket-service")).to_have_text("Hộ tịch")
    screenshot(kiosk, "procedure-ticket-1080x1920")


def test_keyboard_marks_and_print_and_notice(demo, live_server, new_page):
    page = new_page(1080, 1920)
    page.goto(f"{live_server}/kiosk/procedures")
    typed = page.evaluate(
        """() => [
          MotCuaKeyboard.applyMark("chung", "acute"),
          MotCuaKeyboard.applyMark(MotCuaKeyboard.applyMark("dang", "breve"), "acute"),
          MotCuaKeyboard.applyMark(MotCuaKeyboard.applyMark("thuc", "horn"), "dot"),
          MotCuaKeyboard.applyMark("ban", "hook"),
          MotCuaKeyboard.applyMark("ho", "dot"),
        ]"""
    )
    assert typed == ["chúng", "dắng", "thực", "bản", "họ"]

    notice = new_page(1920, 1080)
    notice.goto(f"{live_server}/procedures/notice?seconds=5")
    first = notice.locator(".proc-title").inner_text()
    screenshot(notice, "procedures-notice-1920x1080")
    expect(notice.locator(".proc-title")).not_to_have_text(first, timeout=9000)

    printable = new_page(794, 1123)
    printable.goto(f"{live_server}/procedures/2.000815")
    printable.emulate_media(media="print")
    assert not printable.locator(".pub-header").is_visible()
    screenshot(printable, "procedure-print-a4")


def test_a_tap_on_the_search_box_before_the_script_runs_still_opens_the_keyboard(demo, live_server, new_page):
    page = new_page(1080, 1920)
    held = []  # the keyboard's script, kept back until the box has been tapped
    page.route("**/js/kiosk-procedures.js*", lambda route: held.append(route))
    page.goto(f"{live_server}/kiosk/procedures", wait_until="commit")
    page.locator("#proc-q").click()
    assert len(held) == 1 and page.evaluate("document.readyState") != "complete"
    held[0].continue_()
    expect(page.locator("#vn-keyboard")).to_be_visible()


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    )


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width, height", [(1920, 1080), (1080, 1920)])
def test_the_keyboard_leaves_the_box_and_the_results_in_view(demo, live_server, new_page, width, height):
    page = new_page(width, height)
    page.goto(f"{live_server}/kiosk/procedures")
    page.locator("#proc-q").click()
    type_on_keyboard(page, "khai")
    first = page.locator("#proc-results .proc-btn").first
    expect(first).to_contain_text("khai")
    screenshot(page, f"procedures-search-keyboard-{width}x{height}")
    screen = page.locator("#screen").bounding_box()
    keyboard = page.locator("#vn-keyboard").bounding_box()
    box = page.locator("#proc-q").bounding_box()
    result = first.bounding_box()
    assert _inside(keyboard, screen), (keyboard, screen)
    for element in (box, result):
        assert _inside(element, screen), (element, screen)
        assert not _overlap(element, keyboard), (element, keyboard)
