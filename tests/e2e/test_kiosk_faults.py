"""The kiosk when the answer is lost: it asks again with the same key and shows the ticket that was committed;
when it cannot know, it says so plainly and "Thử lại" (same key) never gives a second number."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from models import Device, IssueRequest, Ticket, db
from motcua.demo import DEMO_KIOSK
from tests.helpers import enrolment
from tests.servers import running_server

from .conftest import screenshot, wait_connected


def tickets() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Ticket))


@pytest.fixture
def kiosk_server(demo):
    """A server whose kiosks give up waiting after one second (KIOSK_REQUEST_TIMEOUT_SECONDS)."""
    with running_server(KIOSK_REQUEST_TIMEOUT_SECONDS="1") as base:
        device = db.session.scalar(select(Device).filter_by(name=DEMO_KIOSK))
        yield base, base + enrolment(device).url


def test_a_committed_ticket_whose_answer_was_lost_is_shown_once(demo, new_page, kiosk_server):
    _base, url = kiosk_server
    kiosk = new_page(1080, 1920)
    kiosk.goto(url)
    wait_connected(kiosk)
    keys = []  # the bodies of the ticket requests sent

    def lose_the_first_answer(route):
        keys.append(route.request.post_data)
        if len(keys) == 1:
            route.fetch()  # the server issues and commits the ticket …
            route.abort("connectionreset")  # … and its answer never arrives
        else:
            route.continue_()

    kiosk.route("**/kiosk/tickets*", lose_the_first_answer)
    kiosk.get_by_role("button", name=re.compile("Hộ tịch")).click()
    expect(kiosk.locator(".ticket-code")).to_have_text("A001")
    assert len(keys) == 2
    key = re.search(r"request_key=([\w-]+)", keys[0]).group(1)
    assert f"request_key={key}" in keys[1]  # the retry carried the same key
    assert tickets() == 1


def test_when_the_kiosk_cannot_know_it_says_so_and_try_again_gives_one_ticket(demo, new_page, kiosk_server):
    _base, url = kiosk_server
    kiosk = new_page(1080, 1920)
    kiosk.goto(url)
    wait_connected(kiosk)
    held, sent = [], []

    def no_answer(route):  # the server is unreachable: requests hang until the kiosk gives up
        sent.append(route.request.post_data)
        held.append(route)

    kiosk.route("**/kiosk/tickets*", no_answer)
    kiosk.get_by_role("button", name=re.compile("Hộ tịch")).click()
    doubt = kiosk.locator("[data-doubt]")
    expect(doubt).to_be_visible(timeout=15_000)
    expect(doubt).to_contain_text("Chưa chắc chắn ông/bà đã lấy được số.")
    expect(doubt).to_contain_text("sẽ không bị lấy hai số")
    screenshot(kiosk, "kiosk-doubt-1080x1920")
    assert len(sent) == 3  # the first attempt and two retries
    keys = {re.search(r"request_key=([\w-]+)", body).group(1) for body in sent}
    assert len(keys) == 1
    assert tickets() == 0

    kiosk.unroute("**/kiosk/tickets*")
    kiosk.get_by_role("button", name="Thử lại").click()
    expect(kiosk.locator(".ticket-code")).to_have_text("A001")
    assert tickets() == 1
    assert db.session.scalar(select(IssueRequest.key)) == keys.pop()  # "Thử lại" sent the same key
