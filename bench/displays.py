"""Wall displays by the hundred: each worker process runs its share of python-socketio AsyncClients on one
asyncio loop and records every `ticket_called` it hears, with the time (CLOCK_MONOTONIC, which all processes
of the machine share). Its loop lag is recorded too: when it grows, the clients, not the server, are late."""

import asyncio
import multiprocessing
import time
from dataclasses import dataclass, field

import socketio

CONNECTS_AT_ONCE = 50


@dataclass
class Heard:
    connected: int = 0
    failed: int = 0
    events: list[tuple[int, int, str, float]] = field(default_factory=list)  # display, site id, code, time
    loop_lag: list[float] = field(default_factory=list)
    joined: list[int] = field(default_factory=list)  # the displays that connected


async def _run(displays: list[tuple[int, str, int]], ready, stop, connect_seconds: float) -> Heard:
    heard = Heard()
    clients = []
    gate = asyncio.Semaphore(CONNECTS_AT_ONCE)

    async def connect(index: int, base: str, site_id: int) -> None:
        client = socketio.AsyncClient(reconnection=False)

        async def on_called(data: dict) -> None:
            heard.events.append((index, data.get("site_id"), data.get("code"), time.monotonic()))

        client.on("ticket_called", on_called, namespace="/display")
        async with gate:
            await client.connect(
                base,
                namespaces=["/display"],
                auth={"site_id": site_id},
                transports=["websocket"],
                wait_timeout=20,
            )
        clients.append(client)
        heard.joined.append(index)

    # A server that stops accepting (every thread taken) must not hang the harness: what has not connected
    # by the deadline counts as failed.
    pending = [asyncio.ensure_future(connect(*display)) for display in displays]
    await asyncio.wait(pending, timeout=connect_seconds)
    for task in pending:
        task.cancel()
    heard.connected = len(clients)
    heard.failed = len(displays) - heard.connected
    ready.put((heard.connected, heard.failed))
    while not stop.is_set():
        started = time.monotonic()
        await asyncio.sleep(0.02)
        heard.loop_lag.append(time.monotonic() - started - 0.02)
    await asyncio.gather(*(client.disconnect() for client in clients), return_exceptions=True)
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
