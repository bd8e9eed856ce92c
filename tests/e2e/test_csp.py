"""Every screen satisfies its Content-Security-Policy: no violation is reported on any of them."""

from playwright.sync_api import expect

from models import db
from models.queue import issue_ticket
from models.transaction import perform
from motcua.demo import DEMO_PASSWORD

from ..helpers import counter_tablet_key
from .conftest import screenshot, wait_connected

# Recorded before any page script runs, so a blocked inline script or style is caught too.
COLLECT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


def _watch(page) -> list[str]:
    console = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.add_init_script(COLLECT)
    return console


def _visit(page, url: str, console: list[str], name: str, connected: bool = False) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if connected:
        wait_connected(page)
    screenshot(page, f"csp-{name}")
    assert page.evaluate("window.__cspViolations") == [], url
    assert console == [], url


def test_no_screen_violates_the_policy(demo, live_server, kiosk_url, new_page):
    ticket = perform(db.session, issue_ticket, demo.services["A"].id).ticket
    procedure_code = "1.001193"
    counter = demo.counters[1]

    public = new_page(1080, 1920)
    console = _watch(public)
    _visit(public, kiosk_url, console, "kiosk", connected=True)  # an enrolled kiosk may issue
    public.get_by_role("button", name="Hộ tịch").first.click()
    expect(public.locator(".ticket-code")).to_be_visible()
    assert public.evaluate("window.__cspViolations") == [] and console == []
    _visit(public, f"{live_server}/kiosk/procedures", console, "kiosk-procedures")
    _visit(public, f"{live_server}/kiosk/procedures/{procedure_code}", console, "kiosk-procedure")
    _visit(public, f"{live_server}/procedures/", console, "procedures")
    _visit(public, f"{live_server}/procedures/{procedure_code}", console, "procedure")
    public.evaluate("window.print = function () { window.__printed = true; }")
    public.get_by_role("button", name="In trang này").click()  # data-print, not an inline onclick
    assert public.evaluate("window.__printed") is True
    _visit(public, f"{live_server}/procedures/notice", console, "notice")
    _visit(public, f"{live_server}/t/{ticket.token}", console, "ticket", connected=True)
    _visit(public, f"{live_server}/display/", console, "display", connected=True)
    _visit(
        public,
        f"{live_server}/counter/{counter.id}/rating?key={counter_tablet_key(counter)}",
        console,
        "tablet",
    )
    _visit(public, f"{live_server}/khong-co-trang-nay", console, "error")

    staff = new_page(1366, 768)
    console = _watch(staff)
    _visit(staff, f"{live_server}/auth/login", console, "login")
    staff.fill("input[name=username]", "admin")
    staff.fill("input[name=password]", DEMO_PASSWORD)
    staff.click("button[type=submit]")
    staff.get_by_role("button", name="Quầy 1").first.click()
    expect(staff.locator("#panel")).to_be_visible()
    _visit(staff, f"{live_server}/counter/{counter.id}", console, "counter", connected=True)
    staff.get_by_role("button", name="Gọi số tiếp theo").click()
    expect(staff.locator(".current-code")).to_be_visible()
    for path in ["", "procedures", "printers", "reports/satisfaction", "rating-tablets"]:
        _visit(staff, f"{live_server}/admin/{path}", console, "admin-" + (path.replace("/", "-") or "home"))
