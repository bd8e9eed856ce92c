"""Waiting for Socket.IO events. With Redis as the message queue an emit travels through Redis before it
reaches a client, so tests poll with a deadline instead of reading once."""

import json
import time


def wait_for(test_client, event: str, namespace: str, timeout: float = 5.0) -> list[dict]:
    """Every payload of `event` received on `namespace` until at least one arrives (or the deadline)."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        for message in test_client.get_received(namespace):
            if message["name"] == event:
                seen.append(message["args"][0])
        if seen:
            return seen
        time.sleep(0.02)
    return seen


class Recorder:
    """Keeps every event heard by a set of test clients (one namespace each), so a test can search them all."""

    def __init__(self) -> None:
        self.clients: dict[str, tuple] = {}  # label → (test client, namespace)
        self.heard: list[tuple[str, str, object]] = []  # (label, event name, payload)

    def add(self, label: str, client, namespace: str) -> None:
        assert client.is_connected(namespace), f"{label} could not connect to {namespace}"
        self.clients[label] = (client, namespace)

    def drain(self) -> None:
        for label, (client, namespace) in self.clients.items():
            for message in client.get_received(namespace):
                self.heard.append((label, message["name"], message["args"][0] if message["args"] else None))

    def events(self, label: str, name: str | None = None) -> list:
        self.drain()
        return [payload for who, event, payload in self.heard if who == label and name in (None, event)]

    def as_text(self) -> str:
        """Every recorded payload as JSON text, Vietnamese kept readable, to search for secrets."""
        self.drain()
        return "\n".join(json.dumps(payload, ensure_ascii=False) for _, _, payload in self.heard)
