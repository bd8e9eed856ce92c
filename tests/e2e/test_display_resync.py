"""A wall display whose socket stayed connected through a Redis outage still catches up: the server sends
`resync` when its subscription comes back, and the page refetches its board as on a reconnect."""

import os
import re

import requests
from playwright.sync_api import expect

from models import db
from models.queue import issue_ticket
from models.transaction import perform
from tests.helpers import bearer
from tests.servers import private_redis, running_server

from .conftest import screenshot, wait_connected


def test_display_shows_a_call_made_during_a_redis_outage(demo, app, new_page):
    perform(db.session, issue_ticket, demo.services["B"].id)
    counter = demo.counters[3]
    with private_redis() as redis:
        queue = {"SOCKETIO_MESSAGE_QUEUE": redis.url, "SOCKETIO_CHANNEL": f"motcua-e2e-resync-{os.getpid()}"}
        with running_server(**queue) as server_a, running_server(**queue) as server_b:
            display = new_page(1920, 1080)
            display.goto(f"{server_a}/display/")
            wait_connected(display)
            redis.wait_for_subscribers(1)
            headers = bearer(server_b, "canbo3")

            redis.stop()
            called = requests.post(
                f"{server_b}/api/v1/counters/{counter.id}/call-next",
                headers=headers,
                timeout=30,
            )
            assert called.status_code == 200 and called.json()["ticket"]["code"] == "B001"
            redis.start()

            row = display.locator(f'.board-row[data-counter-id="{counter.id}"] .code')
            expect(row).to_have_text("B001", timeout=30_000)
            expect(display.locator("body")).not_to_have_class(re.compile(r"\boffline\b"))
            screenshot(display, "display-after-redis-outage-1920x1080")
