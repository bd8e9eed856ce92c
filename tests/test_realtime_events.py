"""Every event the server emits on a namespace is handled by the pages connected to it, and every event a page
waits for is one its namespace emits: no event is sent for nobody, and no page waits for an event that never
comes (a typo in an hx-trigger would otherwise fail silently)."""

import re
from pathlib import Path

import pytest

from motcua.realtime import NAMESPACES
from motcua.realtime.base import RealtimeNamespace

ROOT = Path(__file__).resolve().parents[1]

# The files of the pages that connect to each namespace: their live fragments (hx-trigger "<event> from:body")
# and their scripts (document.body.addEventListener("<event>", …)).
PAGES = {
    "/display": [
        "templates/display/page.html",
        "templates/partials/site_header.html",
        "static/js/display.js",
        "templates/display/counter.html",
        "static/js/display_counter.js",
    ],
    "/kiosk": ["templates/kiosk/home.html", "templates/partials/site_header.html", "static/js/kiosk.js"],
    "/counter": ["templates/counter/screen.html", "templates/counter/_printing.html", "static/js/counter.js"],
    "/ticket": ["templates/public/ticket/page.html", "static/js/ticket.js"],
    "/tablet": ["templates/tablet/page.html", "static/js/tablet.js"],
    "/admin": [
        "templates/admin/_printer_alerts_panel.html",
        "templates/admin/printers.html",
        "templates/admin/_rating_alerts_panel.html",
        "templates/admin/satisfaction.html",
        "static/js/rating_alerts.js",
        "static/js/printer_alerts.js",
        "templates/admin/floor.html",
        "static/js/floor.js",
    ],
}
# Fired by static/js/realtime.js itself on every (re)connect and `resync`, not sent as such by the server.
CLIENT_EVENTS = {"refresh"}


def handled(namespace: str) -> set[str]:
    events = set()
    for name in PAGES[namespace]:
        text = (ROOT / name).read_text(encoding="utf-8")
        events |= set(re.findall(r"([a-z_]+) from:body", text))
        events |= set(re.findall(r'document\.body\.addEventListener\("([a-z_]+)"', text))
    return events


def test_every_namespace_has_its_pages():
    assert sorted(namespace.name for namespace in NAMESPACES) == sorted(PAGES)


@pytest.mark.parametrize("namespace", NAMESPACES, ids=lambda namespace: namespace.name)
def test_every_event_emitted_is_handled_and_every_event_awaited_is_emitted(namespace):
    emitted, awaited = set(namespace.EMITS), handled(namespace.name) - CLIENT_EVENTS
    assert emitted - awaited == set(), f"{namespace.name} emits events no page handles"
    assert awaited - emitted == set(), f"pages of {namespace.name} wait for events it never emits"


@pytest.mark.parametrize("namespace", NAMESPACES, ids=lambda namespace: namespace.name)
def test_the_pages_connect_to_their_namespace(namespace):
    text = "".join((ROOT / name).read_text(encoding="utf-8") for name in PAGES[namespace.name])
    assert f'MotCua.connect("{namespace.name}"' in text or f'data-namespace="{namespace.name}"' in text


def test_an_event_no_page_handles_is_refused():
    class Display(RealtimeNamespace):
        name = "/display"
        EMITS = ("ticket_called",)

    with pytest.raises(ValueError, match="does not emit 'queue_changed'"):
        Display.send("queue_changed", {}, "site:1")
