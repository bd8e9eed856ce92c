"""A wall display that lost its connection catches up on reconnecting: it refetches the whole board."""

import re

from playwright.sync_api import expect

from models import db
from models.queue import call_next, issue_ticket
from models.transaction import perform

from .conftest import screenshot, wait_connected


def test_display_refetches_the_board_after_a_lost_connection(demo, live_server, new_page):
    display = new_page(1920, 1080)
    display.goto(f"{live_server}/display/")
    wait_connected(display)
    display.evaluate("MotCua.sockets.forEach(function (s) { s.disconnect(); })")
    expect(display.locator("body")).to_have_class(re.compile("offline"))
    expect(display.locator(".connection")).to_be_visible()

    # While the display is away, two citizens are called.
    perform(db.session, issue_ticket, demo.services["B"].id)
    perform(db.session, issue_ticket, demo.services["C"].id)
    perform(db.session, call_next, demo.counters[3].id, demo.users["canbo3"])
    perform(db.session, call_next, demo.counters[4].id, demo.users["canbo4"])
    expect(display.locator(".board-row")).to_have_count(0)

    display.evaluate("MotCua.sockets.forEach(function (s) { s.connect(); })")
    expect(display.locator(f'.board-row[data-counter-id="{demo.counters[3].id}"] .code')).to_have_text("B001")
    expect(display.locator(f'.board-row[data-counter-id="{demo.counters[4].id}"] .code')).to_have_text("C001")
    expect(display.locator(".recent li")).to_have_count(2)
    screenshot(display, "display-board-1920x1080")


def test_kiosk_in_landscape(demo, live_server, new_page, kiosk_url):
    kiosk = new_page(1920, 1080)
    kiosk.goto(kiosk_url)
    expect(kiosk.locator(".service-btn")).to_have_count(6)
    screenshot(kiosk, "kiosk-home-1920x1080")
    kiosk.get_by_role("button", name=re.compile("Chứng thực")).click()
    expect(kiosk.locator(".ticket-code")).to_have_text("B001")
    screenshot(kiosk, "kiosk-ticket-1920x1080")
