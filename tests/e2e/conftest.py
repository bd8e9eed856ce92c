"""Browser tests: Debian's Chromium driven by Playwright (no browser download), against a real server process
that shares the test database. Every test under tests/e2e/ is marked `e2e` (run alone: `make test-e2e`)."""

import os
import re
import shutil

import pytest
from playwright.sync_api import expect

from devserver.browser import CHROMIUM, CHROMIUM_ARGS
from models import Device, db
from motcua.demo import DEMO_KIOSK, DEMO_PASSWORD
from tests.helpers import ARTIFACTS, enrolment
from tests.servers import running_server

# As long as a page action waits (context.set_default_timeout below): a loaded 2-core machine answers a
# fragment in seconds, not in the 5 s Playwright's expect waits by default.
expect.set_options(timeout=10_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def live_server(app):
    """Base URL of a server process on the test database (the `app` fixture has built its schema)."""
    ARTIFACTS.mkdir(exist_ok=True)
    with running_server(KIOSK_IDLE_SECONDS="600") as base:
        yield base


@pytest.fixture
def kiosk_url(demo, live_server):
    """The demo kiosk's enrolment link on the live server: a page that opens it is an enrolled kiosk."""
    device = db.session.scalar(db.select(Device).filter_by(name=DEMO_KIOSK))
    return live_server + enrolment(device).url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """new_page(width, height) → a fresh page (own cookies) with that viewport; closed after the test."""
    contexts = []

    def _new_page(width: int = 1366, height: int = 768, locale: str = "vi-VN"):
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> str:
    """Save a screenshot under test-artifacts/ (kept by CI) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    # caret="initial": Playwright would otherwise hide the text caret with an injected inline style, which the
    # pages' Content-Security-Policy reports (realtime.js re-reads a live fragment's HTML) as if a page broke it.
    page.screenshot(path=str(path), full_page=False, caret="initial")
    return str(path)


def wait_connected(page) -> None:
    """Until every Socket.IO connection of the page is up (the page renders before its scripts load and its
    sockets connect)."""
    # A function, not a bare expression: Playwright polls a bare expression through eval(), which the pages'
    # Content-Security-Policy (script-src 'self') refuses.
    page.wait_for_function(
        "() => window.MotCua !== undefined && MotCua.sockets.length > 0"
        " && MotCua.sockets.every(function (s) { return s.connected; })"
    )


def login_at_counter(page, base, username, counter_number):
    """Sign in as a demo officer and take counter `counter_number`; returns on the counter screen."""
    page.goto(f"{base}/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("button", name=re.compile(rf"Quầy {counter_number}\b")).first.click()
    expect(page.locator("#panel")).to_be_visible()
