"""Waiting for Socket.IO events. With Redis as the message queue an emit travels through Redis before it
reaches a client, so tests poll with a deadline instead of reading once."""

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
