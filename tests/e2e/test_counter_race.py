"""The counter screen's race with its live refresh: an officer's action is answered on screen even when a live
refresh (another counter's change) arrives while the action is in flight; that refresh is applied after it.

Each test holds the action's answer back in the browser (page.route), makes another counter change the queue,
waits until the page has received that event and has no refresh of the panel in flight, then lets the answer in.
"""

import contextlib
import re
import time

import requests
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from models import Device, db
from models.queue import issue_ticket
from models.transaction import perform
from motcua.demo import DEMO_KIOSK
from tests.helpers import bearer, enrolment

from .conftest import login_at_counter, wait_connected

# The live events the panel refreshes on (its hx-trigger in templates/counter/screen.html).
PANEL_EVENTS = ["queue_changed", "ticket_called", "ticket_serving", "ticket_finished", "counter_changed"]


class HeldRequests:
    """The page's requests to URLs ending in `path` (a counter action, the panel), kept in the browser until
    released one by one."""

    def __init__(self, page, path: str):
        self.page = page
        self.routes = []
        self.holding = True
        page.route(re.compile(rf"/counter/\d+/{path}$"), self._route)

    def _route(self, route):
        if self.holding:
            self.routes.append(route)
        else:
            route.continue_()

    def stop(self):
        """Later requests go through (unrouting would also let the held ones go)."""
        self.holding = False

    def wait(self):
        deadline = time.monotonic() + 10
        while not self.routes:
            assert time.monotonic() < deadline, "the action was never sent"
            self.page.wait_for_timeout(50)

    def send(self):
        """The request goes to the server; its answer stays held (returned, for `release`)."""
        return self.routes[0].fetch()

    def release(self, answer):
        self.routes.pop(0).fulfill(response=answer)


def _count_live_events(page):
    page.evaluate(
        """(names) => {
            window.liveEvents = {};
            names.forEach((name) => document.body.addEventListener(name, () => {
                window.liveEvents[name] = (window.liveEvents[name] || 0) + 1;
            }));
        }""",
        PANEL_EVENTS,
    )


def _wait_for_live_events(page, name: str, count: int):
    """Until the page has received `count` events `name` and no refresh of the panel is in flight (without the
    fix, the refresh has swapped the panel by then)."""
    page.wait_for_function(
        "([name, count]) => (window.liveEvents[name] || 0) >= count"
        " && !document.getElementById('panel').classList.contains('htmx-request')",
        arg=[name, count],
    )


def _issue_at_kiosk(base: str, service) -> None:
    """Through the server, so that its Socket.IO tells the counter screen (an in-process ticket would not)."""
    credentials = enrolment(db.session.scalar(db.select(Device).filter_by(name=DEMO_KIOSK)))
    issued = requests.post(
        f"{base}/api/v1/tickets", json={"service_id": service.id}, headers=credentials.headers, timeout=10
    )
    assert issued.status_code == 201, issued.text


def _call_next_elsewhere(base: str, counter) -> str:
    called = requests.post(
        f"{base}/api/v1/counters/{counter.id}/call-next", headers=bearer(base, "canbo2"), timeout=10
    )
    assert called.status_code == 200, called.text
    return called.json()["ticket"]["code"]


def test_an_answer_held_back_by_a_live_refresh_is_still_shown_then_the_refresh(demo, live_server, new_page):
    perform(db.session, issue_ticket, demo.services["A"].id)
    page = new_page(1366, 768)
    login_at_counter(page, live_server, "canbo1", 1)
    wait_connected(page)
    expect(page.locator("[data-waiting-total]")).to_have_text("1")
    _count_live_events(page)
    held = HeldRequests(page, "call-next")

    # Space: the call leaves the page, but before it reaches the server counter 2 calls A001, the only one.
    page.keyboard.press("Space")
    held.wait()
    assert _call_next_elsewhere(live_server, demo.counters[2]) == "A001"
    _wait_for_live_events(page, "queue_changed", 1)
    answer = held.send()
    # While the answer ("no one is waiting") is on its way, a citizen takes a new ticket.
    _issue_at_kiosk(live_server, demo.services["A"])
    _wait_for_live_events(page, "queue_changed", 2)
    held.release(answer)

    # The answer is shown, and the refresh held meanwhile then brings the new ticket (the answer stays up).
    expect(page.locator("#panel > .flash")).to_have_text("Hiện không có ai đang chờ.")
    expect(page.locator("[data-waiting-total]")).to_have_text("1")
    expect(page.locator("#panel > .flash")).to_have_text("Hiện không có ai đang chờ.")
    expect(page.locator(".current-empty")).to_be_visible()


def test_a_confirm_step_held_back_by_a_live_refresh_is_still_asked(demo, live_server, new_page):
    for _ in range(2):
        perform(db.session, issue_ticket, demo.services["A"].id)
    page = new_page(1366, 768)
    login_at_counter(page, live_server, "canbo1", 1)
    wait_connected(page)
    page.keyboard.press("Space")
    expect(page.locator(".current-code")).to_have_text("A001")
    page.keyboard.press("s")
    expect(page.locator(".current-state")).to_contain_text("Đang giải quyết")
    page.wait_for_load_state("networkidle")
    _count_live_events(page)
    held = HeldRequests(page, "no-show")

    # N on a citizen being served asks first; its answer is held while counter 2 calls A002.
    page.keyboard.press("n")
    held.wait()
    answer = held.send()
    assert _call_next_elsewhere(live_server, demo.counters[2]) == "A002"
    _wait_for_live_events(page, "queue_changed", 1)
    held.release(answer)

    confirm = page.locator(".confirm-box")
    expect(confirm).to_contain_text("Số A001 đang được phục vụ.")
    # The step holds the refresh until it is answered; then the panel shows counter 2's call.
    expect(page.locator("[data-waiting-total]")).to_have_text("1")
    page.keyboard.press("Escape")
    expect(confirm).to_have_count(0)
    expect(page.locator("[data-waiting-total]")).to_have_text("0")
    expect(page.locator(".current-code")).to_have_text("A001")


def test_a_refresh_on_its_way_when_the_officer_acts_does_not_answer_over_the_action(
    demo, live_server, new_page
):
    for _ in range(2):
        perform(db.session, issue_ticket, demo.services["A"].id)
    page = new_page(1366, 768)
    login_at_counter(page, live_server, "canbo1", 1)
    wait_connected(page)
    expect(page.locator("[data-waiting-total]")).to_have_text("2")
    page.evaluate(
        """() => {
            window.panelShows = [];
            document.body.addEventListener("htmx:afterSwap", (event) => {
                const code = document.querySelector("#panel .current-code");
                if (event.detail.target.id === "panel") window.panelShows.push(code ? code.textContent : "");
            });
        }"""
    )

    # A citizen takes a ticket: the panel's refresh reads the queue (no one called yet) and is held on its way.
    held = HeldRequests(page, "panel")
    _issue_at_kiosk(live_server, demo.services["A"])
    held.wait()
    stale = held.send()
    held.stop()
    # Space meanwhile: A001 is called, and the answer shows it.
    page.keyboard.press("Space")
    expect(page.locator(".current-code")).to_have_text("A001")
    expect(page.locator("[data-waiting-total]")).to_have_text("2")
    with contextlib.suppress(PlaywrightError):  # the page may have given this refresh up already
        held.release(stale)
    page.wait_for_function("() => !document.getElementById('panel').classList.contains('htmx-request')")

    # The refresh that read the state before the call never replaced the answer: A001 stayed on screen.
    shows = page.evaluate("() => window.panelShows")
    assert shows[shows.index("A001") :] == ["A001"] * (len(shows) - shows.index("A001"))
    expect(page.locator(".current-code")).to_have_text("A001")
    expect(page.locator("[data-waiting-total]")).to_have_text("2")
