"""Fault script: break the Socket.IO message queue (a private redis-server) in the middle of N calls made
through server B, with wall displays connected to server A, and count what the displays heard: the calls,
and the `resync` that tells them to refetch what they missed.

    .venv/bin/python -m bench.redis_outage                     # Redis stopped for 5 calls, then restarted
    .venv/bin/python -m bench.redis_outage --fault kill --calls 92 --displays 5   # CLIENT KILL TYPE pubsub

Never touches the machine's shared Redis. Prints figures; asserts nothing.
"""

import argparse
import os
import threading
import time
from collections import Counter as Tally

import requests
import socketio

from bench.common import demo_queue
from devserver import private_redis, running_server


def main(calls: int, displays: int, fault: str) -> None:
    _app, site_id, counter_id = demo_queue(calls)

    heard, lock = [Tally() for _ in range(displays)], threading.Lock()

    def listener(index, event):
        def record(_data):
            with lock:
                heard[index][event] += 1

        return record

    with private_redis() as redis:
        queue = {"SOCKETIO_MESSAGE_QUEUE": redis.url, "SOCKETIO_CHANNEL": f"motcua-outage-{os.getpid()}"}
        with running_server(**queue) as server_a, running_server(**queue) as server_b:
            clients = []
            for index in range(displays):
                client = socketio.Client(reconnection=False)
                for event in ("ticket_called", "resync"):
                    client.on(event, listener(index, event), namespace="/display")
                client.connect(server_a, namespaces=["/display"], auth={"site_id": site_id}, wait_timeout=10)
                clients.append(client)
            redis.wait_for_subscribers(1)
            token = requests.post(
                f"{server_b}/api/v1/auth/token",
                json={"username": "canbo1", "password": "motcua-demo"},
                timeout=10,
            ).json()["token"]
            headers = {"Authorization": f"Bearer {token}"}
            broken_at, down_for, slowest = calls // 3, 5, 0.0
            for number in range(calls):
                if number == broken_at and fault == "stop":
                    redis.stop()
                elif number == broken_at:
                    redis.command("CLIENT", "KILL", "TYPE", "pubsub")
                elif number == broken_at + down_for and fault == "stop":
                    redis.start()
                started = time.perf_counter()
                for action in ("call-next", "complete"):
                    url = f"{server_b}/api/v1/counters/{counter_id}/{action}"
                    requests.post(url, headers=headers, timeout=30).raise_for_status()
                slowest = max(slowest, time.perf_counter() - started)
            time.sleep(8)  # resyncs come within a few seconds of Redis answering again
            for client in clients:
                client.disconnect()

    print(f"fault: {fault}   calls through B: {calls}   displays on A: {displays}")
    print(f"slowest call-next + complete while it happened: {slowest * 1000:.0f} ms")
    for index, tally in enumerate(heard):
        missed = calls - tally["ticket_called"]
        print(
            f"display {index + 1}: heard {tally['ticket_called']} calls, missed {missed}, resync {tally['resync']}"
        )
    missed = [tally for tally in heard if tally["ticket_called"] < calls]
    print(
        f"displays that missed a call: {len(missed)}; of them resynced (so refetched): "
        f"{sum(1 for tally in missed if tally['resync'])}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--displays", type=int, default=3)
    parser.add_argument("--fault", choices=("stop", "kill"), default="stop")
    arguments = parser.parse_args()
    main(arguments.calls, arguments.displays, arguments.fault)
