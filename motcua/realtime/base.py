"""What every namespace shares: it declares the events it emits, and emits nothing else.

`EMITS` is what the pages connected to this namespace listen to (tests/test_realtime_events.py checks both
sides): an event no page handles is not sent.
"""

from flask import request
from flask_socketio import Namespace, join_room

from ..web import int_arg
from . import outbox
from .rooms import site_room


class RealtimeNamespace(Namespace):
    name = ""
    EMITS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__(self.name)

    @classmethod
    def send(cls, event: str, payload: dict, room: str) -> None:
        if event not in cls.EMITS:
            raise ValueError(f"{cls.name} does not emit {event!r}: no page connected to it handles it")
        outbox.post(event, payload, cls.name, room)

    @staticmethod
    def join_site(auth) -> bool:
        """Public screens (kiosk, display) follow one site, named when they connect."""
        site_id = int_arg((auth or {}).get("site_id") or request.args.get("site_id"))
        if site_id is None:
            return False
        join_room(site_room(site_id))
        return True
