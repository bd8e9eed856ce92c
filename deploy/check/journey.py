"""The citizen's journey in Chromium, through nginx: the wall display is open, a kiosk issues a ticket, a
counter calls it, the display shows and announces it."""

import re

from playwright.sync_api import Browser, Page, expect

from models.announcement import announcement_clips
from motcua.demo import DEMO_PASSWORD

from .stack import APP_HEADER

# The clips the display played, in order (static/js/voice.js tells each one it finished).
RECORD_CLIPS = """
window.__played = [];
document.addEventListener("voice_clip_played", function (e) { window.__played.push(e.detail.name); });
"""

# Functions, not bare expressions: Playwright polls a bare expression through eval(), which the pages'
# Content-Security-Policy (script-src 'self') refuses.
SOCKETS_CONNECTED = (
    "() => window.MotCua !== undefined && MotCua.sockets.length > 0"
    " && MotCua.sockets.every(function (s) { return s.connected; })"
)
SOCKETS_ON_WEBSOCKET = (
    "() => MotCua.sockets.every(function (s) { return s.io.engine.transport.name === 'websocket'; })"
)


def new_page(browser: Browser, width: int, height: int, app_port: int | None = None) -> Page:
    """A page with its own cookies. With `app_port`, this check's nginx sends its requests to that app process
    (its sockets still go to the socket tier); without, the shipped balancing picks."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="vi-VN",
        ignore_https_errors=True,  # the check's self-signed certificate
        extra_http_headers={APP_HEADER: str(app_port)} if app_port else {},
    )
    context.set_default_timeout(15_000)
    return context.new_page()


def open_display(page: Page, base: str) -> None:
    page.add_init_script(RECORD_CLIPS)
    page.goto(f"{base}/display/")
    page.wait_for_function(SOCKETS_CONNECTED)


def take_ticket(page: Page, base: str, enrolment_path: str) -> str:
    """Issue a ticket at the kiosk; return its code. The kiosk is opened through its enrolment link once (only
    an enrolled kiosk issues tickets), as an installer would."""
    page.goto(base + enrolment_path)
    page.get_by_role("button", name=re.compile("Hộ tịch")).click()
    code = page.locator(".ticket-code")
    expect(code).to_have_text(re.compile(r"^A\d{3}$"))
    return code.inner_text()


def call_next(page: Page, base: str, username: str = "canbo1", counter_number: int = 1) -> str:
    page.goto(f"{base}/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("button", name=re.compile(rf"Quầy {counter_number}\b")).first.click()
    expect(page.locator("#panel")).to_be_visible()
    page.get_by_role("button", name="Gọi số tiếp theo").click()
    current = page.locator(".current-code")
    expect(current).to_have_text(re.compile(r"^A\d{3}$"))
    return current.inner_text()


def display_announces(page: Page, code: str, counter_number: int = 1) -> None:
    """Shown on the board and said aloud: every clip of the call, in the order the server decided."""
    expect(page.locator("#announce .announce-code")).to_have_text(code)
    expect(page.locator(".board-row .code").filter(has_text=code)).to_have_count(1)
    clips = announcement_clips(code, counter_number)
    page.wait_for_function(f"() => window.__played.length >= {len(clips)}", timeout=60_000)
    played = page.evaluate("() => window.__played")
    if played[-len(clips) :] != clips:
        raise AssertionError(f"the display played {played}, not {clips}")


def on_websocket(page: Page) -> bool:
    return page.evaluate(SOCKETS_ON_WEBSOCKET)
