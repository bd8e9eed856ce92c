"""The wall display's voice in a real Chromium: calls from counters are announced with the site's clips in the
order the server decided, queued calls are all announced, a recall is announced again; without the autoplay
flag the browser blocks sound and the page asks for a tap."""

import pytest
import requests
from playwright.sync_api import expect

from devserver.browser import CHROMIUM, CHROMIUM_ARGS
from models import db
from models.announcement import announcement_clips
from models.queue import issue_ticket
from models.transaction import perform
from tests.helpers import bearer

from .conftest import screenshot, wait_connected

# What the test page hears: every clip that finished playing, in order.
LISTEN = """() => {
  window.played = [];
  document.addEventListener("voice_clip_played", function (e) { window.played.push(e.detail.name); });
}"""


def act(base, username, counter_id, action="call-next"):
    response = requests.post(
        f"{base}/api/v1/counters/{counter_id}/{action}", headers=bearer(base, username), json={}, timeout=30
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_calls_are_announced_in_order_queued_and_recalled(demo, live_server, new_page):
    display = new_page(1920, 1080)
    display.goto(f"{live_server}/display/")
    wait_connected(display)
    display.evaluate(LISTEN)
    expect(display.locator("#sound-on")).to_be_hidden()
    first, second = demo.counters[1], demo.counters[3]
    perform(db.session, issue_ticket, demo.services["A"].id)
    perform(db.session, issue_ticket, demo.services["B"].id)
    act(live_server, "canbo1", first.id)
    act(live_server, "canbo3", second.id)  # arrives while A001 is being said: waits its turn
    act(live_server, "canbo1", first.id, "recall")
    expect(display.locator("#announce .announce-code")).to_have_text("A001")
    screenshot(display, "display-announcing-1920x1080")
    expected = (
        announcement_clips("A001", 1)
        + announcement_clips("B001", 3)
        + announcement_clips("A001", 1, recall=True)
    )
    display.wait_for_function(f"() => window.played.length >= {len(expected)}", timeout=90_000)
    assert display.evaluate("() => window.played") == expected
    expect(display.locator("#announce")).to_be_hidden(timeout=10_000)
    expect(display.locator(f'.board-row[data-counter-id="{second.id}"] .code')).to_have_text("B001")


@pytest.fixture
def browser_without_autoplay(browser):
    """A second Chromium, as most TVs' browsers are: sound only after a touch."""
    args = [a for a in CHROMIUM_ARGS if not a.startswith("--autoplay-policy")]
    plain = browser.browser_type.launch(executable_path=CHROMIUM, args=args, headless=True)
    yield plain
    plain.close()


def test_without_the_autoplay_flag_the_display_asks_for_a_tap(demo, live_server, browser_without_autoplay):
    context = browser_without_autoplay.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    display = context.new_page()
    display.goto(f"{live_server}/display/")
    wait_connected(display)
    prompt = display.get_by_role("button", name="Chạm để bật âm thanh")
    expect(prompt).to_be_visible()
    box = prompt.bounding_box()
    assert box["height"] >= 120 and box["width"] >= 600  # seen from across the room
    screenshot(display, "display-sound-blocked-1920x1080")
    prompt.click()
    expect(prompt).to_be_hidden()
    context.close()


def test_a_display_back_from_a_lost_connection_catches_up_without_replaying_calls(
    demo, live_server, new_page
):
    display = new_page(1920, 1080)
    display.goto(f"{live_server}/display/")
    wait_connected(display)
    # A second display that stays connected: once it shows the call, the call's event has gone out (events
    # leave after the officer's answer, through Redis on PostgreSQL runs) and the first one has missed it.
    witness = new_page(1920, 1080)
    witness.goto(f"{live_server}/display/")
    wait_connected(witness)
    display.evaluate(LISTEN)
    display.evaluate("() => MotCua.sockets.forEach(function (s) { s.disconnect(); })")
    expect(display.locator(".connection")).to_be_visible()
    screenshot(display, "display-offline-1920x1080")
    perform(db.session, issue_ticket, demo.services["A"].id)
    act(live_server, "canbo1", demo.counters[1].id)  # missed while away
    expect(witness.locator("#announce .announce-code")).to_have_text("A001")
    display.evaluate("() => MotCua.sockets.forEach(function (s) { s.connect(); })")
    expect(display.locator(f'.board-row[data-counter-id="{demo.counters[1].id}"] .code')).to_have_text("A001")
    expect(display.locator(".connection")).to_be_hidden()
    display.wait_for_timeout(1500)
    assert display.evaluate("() => window.played") == []
    expect(display.locator("#announce")).to_be_hidden()
