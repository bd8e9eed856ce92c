"""Display zones, layouts and the counter display in a real Chromium, with screenshots of each at the real
screen sizes; and a display left open for days: 10,000 calls through one page, its JS heap stays flat."""

import requests
from playwright.sync_api import expect

from models import Device, DeviceKind, db
from models.announcement import announcement_clips
from models.queue import issue_ticket
from models.transaction import perform
from motcua.device_presence import device_key
from tests.helpers import bearer

from .conftest import screenshot, wait_connected
from .test_display_voice import LISTEN, act


def registered(demo, name, **settings) -> Device:
    device = Device(site_id=demo.site.id, kind=DeviceKind.DISPLAY, name=name, settings=settings)
    db.session.add(device)
    db.session.commit()
    return device


def open_display(new_page, base, device, width=1920, height=1080):
    page = new_page(width, height)
    page.goto(f"{base}/display/?device_key={device_key(device)}")
    wait_connected(page)
    page.evaluate(LISTEN)
    return page


def test_a_call_in_zone_2_is_shown_and_said_only_on_zone_2s_display(demo, live_server, new_page):
    demo.counters[1].zone, demo.counters[3].zone = "Tầng 1", "Tầng 2"
    db.session.commit()
    one = open_display(new_page, live_server, registered(demo, "Màn hình tầng 1", zone="Tầng 1"))
    two = open_display(
        new_page,
        live_server,
        registered(demo, "Màn hình tầng 2", zone="Tầng 2", ticker="Giờ làm việc: 7:30–17:00"),
    )
    perform(db.session, issue_ticket, demo.services["B"].id)
    act(live_server, "canbo3", demo.counters[3].id)
    expect(two.locator("#announce .announce-code")).to_have_text("B001")
    two.wait_for_function(
        f"() => window.played.length >= {len(announcement_clips('B001', 3))}", timeout=30_000
    )
    expect(two.locator(f'.board-row[data-counter-id="{demo.counters[3].id}"] .code')).to_have_text("B001")
    expect(one.locator("#announce")).to_be_hidden()
    assert one.evaluate("() => window.played") == []
    expect(one.locator(f'.board-row[data-counter-id="{demo.counters[3].id}"]')).to_have_count(0)
    expect(two.locator(".ticker-text")).to_contain_text("Giờ làm việc")
    screenshot(two, "display-zone-landscape-1920x1080")


def test_the_portrait_layout_reads_from_afar(demo, live_server, new_page):
    perform(db.session, issue_ticket, demo.services["A"].id)
    act(live_server, "canbo1", demo.counters[1].id)
    page = open_display(
        new_page,
        live_server,
        registered(demo, "Màn hình dọc", layout="portrait", ticker="Xin giữ trật tự"),
        1080,
        1920,
    )
    code = page.locator(f'.board-row[data-counter-id="{demo.counters[1].id}"] .code')
    expect(code).to_have_text("A001")
    assert code.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)") >= 120
    screenshot(page, "display-portrait-1080x1920")


def test_the_counter_display_follows_its_counter(demo, live_server, new_page):
    counter = demo.counters[2]
    page = new_page(1366, 768)
    page.goto(f"{live_server}/display/counter/{counter.id}")
    wait_connected(page)
    expect(page.locator(".counter-screen-title")).to_have_text("Quầy 2")
    perform(db.session, issue_ticket, demo.services["A"].id)
    act(live_server, "canbo2", counter.id)
    expect(page.locator(".counter-screen-code")).to_have_text("A001")
    screenshot(page, "counter-display-1366x768")
    headers = bearer(live_server, "canbo2")
    for action, body in (("complete", {}), ("pause", {"reason": "break"})):
        response = requests.post(
            f"{live_server}/api/v1/counters/{counter.id}/{action}", headers=headers, json=body, timeout=30
        )
        assert response.status_code == 200, response.text
    expect(page.locator(".counter-screen-code")).to_have_text("Tạm dừng")
    screenshot(page, "counter-display-paused-1366x768")


# 10,000 calls pushed through the page's own handlers (as the socket fires them), each shown, queued and
# announced (with no clips: the clip buffers are a fixed cache, warmed by a real call first), in batches.
PUSH = """(n) => new Promise(function (resolve) {
  const shell = document.getElementById("display");
  shell.dataset.holdMs = "0";
  for (let i = 0; i < n; i++) {
    htmx.trigger(document.body, "ticket_called", {
      code: "A" + String(i % 1000).padStart(3, "0"), counter_id: 0, counter_number: 1 + (i % 9), zone: "", clips: [],
    });
  }
  (function drained() {
    if (document.getElementById("announce").hidden) resolve(); else setTimeout(drained, 20);
  })();
})"""


def heap(page, cdp) -> int:
    cdp.send("HeapProfiler.collectGarbage")
    page.wait_for_timeout(300)
    cdp.send("HeapProfiler.collectGarbage")
    return cdp.send("Runtime.getHeapUsage")["usedSize"]


def test_ten_thousand_calls_leave_the_heap_flat(demo, live_server, new_page):
    page = open_display(new_page, live_server, registered(demo, "Màn hình cả tuần"))
    perform(db.session, issue_ticket, demo.services["A"].id)
    act(live_server, "canbo1", demo.counters[1].id)
    page.wait_for_function(
        f"() => window.played.length >= {len(announcement_clips('A001', 1))}", timeout=30_000
    )
    cdp = page.context.new_cdp_session(page)
    page.evaluate(PUSH, 1000)
    page.wait_for_timeout(1000)  # the last board refetch
    before = heap(page, cdp)
    for _ in range(10):
        page.evaluate(PUSH, 1000)
    page.wait_for_timeout(1000)
    after = heap(page, cdp)
    print(f"JS heap: {before} bytes after 1,000 calls, {after} after 10,000 more")
    assert after - before < 1_000_000, f"heap grew by {after - before} bytes over 10,000 calls"
    expect(page.locator("#announce")).to_be_hidden()
    expect(page.locator("#announce .announce-code")).to_have_text("A999")  # the last one, in order
