"""Wall displays by the hundred: each worker process runs its share of displays (raw WebSockets speaking the
Socket.IO protocol) on one asyncio loop and records every `ticket_called` it hears, with the time
(CLOCK_MONOTONIC, which all processes of the machine share). Its loop lag is recorded too: when it grows, the clients, not the server, are late."""

import asyncio
import json
import multiprocessing
import time
from dataclasses import dataclass, field

import aiohttp

CONNECTS_AT_ONCE = 50


@dataclass
class Heard:
    connected: int = 0
    failed: int = 0
    events: list[tuple[int, int, str, float]] = field(default_factory=list)  # display, site id, code, time
    loop_lag: list[float] = field(default_factory=list)
    joined: list[int] = field(default_factory=list)  # the displays that connected


OPEN, MESSAGE, PING, PONG = "0", "4", "2", "3"  # Engine.IO v4 packet types, as text frames
NAMESPACE = "/display"
EVENT_PREFIX = f"42{NAMESPACE},"  # a Socket.IO EVENT on /display


async def _display(
    http, index: int, base: str, site_id: int, heard: Heard
) -> aiohttp.ClientWebSocketResponse:
    """One wall display, speaking Engine.IO 4 / Socket.IO 5 over a raw WebSocket as the page's client does,
    without python-socketio's per-message machinery: on this 2-core machine the clients share the CPU with
    the server, and the lighter they are, the more of the measured latency is the server's."""
    url = base.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
    ws = await http.ws_connect(url, autoping=False, max_msg_size=0)
    if not (await ws.receive_str(timeout=20)).startswith(OPEN):
        raise ConnectionError("no Engine.IO open packet")
    await ws.send_str(f"40{NAMESPACE},{json.dumps({'site_id': site_id})}")
    answer = await ws.receive_str(timeout=20)
    if not answer.startswith(f"40{NAMESPACE},"):  # "44…" is a refused connection
        raise ConnectionError(f"namespace refused: {answer[:80]}")
    heard.joined.append(index)
    return ws


async def _listen(ws, index: int, heard: Heard) -> None:
    async for message in ws:
        if message.type != aiohttp.WSMsgType.TEXT:
            break
        data = message.data
        if data == PING:
            await ws.send_str(PONG)
        elif data.startswith(EVENT_PREFIX):
            at = time.monotonic()
            event, payload = json.loads(data[len(EVENT_PREFIX) :])
            if event == "ticket_called":
                heard.events.append((index, payload.get("site_id"), payload.get("code"), at))


async def _run(displays: list[tuple[int, str, int]], ready, stop, connect_seconds: float) -> Heard:
    heard = Heard()
    gate = asyncio.Semaphore(CONNECTS_AT_ONCE)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def connect(index: int, base: str, site_id: int):
            async with gate:
                return index, await _display(http, index, base, site_id, heard)

        # A server that stops accepting must not hang the harness: what has not connected by the deadline
        # counts as failed.
        pending = [asyncio.ensure_future(connect(*display)) for display in displays]
        done, not_done = await asyncio.wait(pending, timeout=connect_seconds)
        for task in not_done:
            task.cancel()
        sockets = [task.result() for task in done if not task.exception()]
        listeners = [asyncio.ensure_future(_listen(ws, index, heard)) for index, ws in sockets]
        heard.connected = len(sockets)
        heard.failed = len(displays) - heard.connected
        ready.put((heard.connected, heard.failed))
        while not stop.is_set():
            started = time.monotonic()
            await asyncio.sleep(0.02)
            heard.loop_lag.append(time.monotonic() - started - 0.02)
        for listener in listeners:
            listener.cancel()
        await asyncio.gather(*(ws.close() for _index, ws in sockets), return_exceptions=True)
    return heard


def _worker(displays, ready, stop, results, connect_seconds) -> None:
    heard = asyncio.run(_run(displays, ready, stop, connect_seconds))
    results.put(heard)


class DisplayFleet:
    """`count` displays over `processes` worker processes; display i joins site_ids[i % len] on
    bases[i % len] (as nginx spreads screens over the server processes)."""

    def __init__(
        self, bases: list[str], site_ids: list[int], count: int, processes: int, connect_seconds: float = 90
    ) -> None:
        context = multiprocessing.get_context("fork")
        self.ready, self.results, self.stop = context.Queue(), context.Queue(), context.Event()
        displays = [(i, bases[i % len(bases)], site_ids[i % len(site_ids)]) for i in range(count)]
        self.workers = [
            context.Process(
                daemon=True,
                target=_worker,
                args=(displays[p::processes], self.ready, self.stop, self.results, connect_seconds),
            )
            for p in range(processes)
        ]
        self.connected = self.failed = 0

    def start(self, timeout: float = 300) -> None:
        for worker in self.workers:
            worker.start()
        for _ in self.workers:
            connected, failed = self.ready.get(timeout=timeout)
            self.connected += connected
            self.failed += failed

    def finish(self, timeout: float = 120) -> Heard:
        """Stop listening, disconnect, and gather what every worker heard."""
        self.stop.set()
        total = Heard(connected=self.connected, failed=self.failed)
        for _ in self.workers:
            heard = self.results.get(timeout=timeout)
            total.events += heard.events
            total.loop_lag += heard.loop_lag
            total.joined += heard.joined
        for worker in self.workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.kill()
        return total
