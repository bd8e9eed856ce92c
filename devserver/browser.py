"""How our checks start Debian's Chromium (no browser download is possible here): the browser tests and
`make prod-check` share one list of flags."""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Without these, Chromium keeps calling home, and this machine's closed network refuses it many times over.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    # Wall displays are set up with this flag so they may speak without a tap.
    "--autoplay-policy=no-user-gesture-required",
]
