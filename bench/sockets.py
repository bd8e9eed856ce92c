"""Goal 1 and 2 of the scale issue: N wall displays connected, K calls by an officer through the API.

Prints call → display latency at every display (p50/p99/max, missed), the officer's call-next HTTP time, the
HTTP time of a page fetched while the sockets are connected, and each server process's RSS and threads.

    .venv/bin/python -m bench.sockets --displays 1000 --calls 20                     # as `make run` serves
    .venv/bin/python -m bench.sockets --server gunicorn --processes 2 --displays 1000 # the deploy recipe before
    .venv/bin/python -m bench.sockets --server gunicorn --processes 2 --socket-processes 1  # the split recipe

With --socket-processes the displays connect to those processes only and the officer and the page probe
talk to the others (the app tier), as nginx routes them in deploy/nginx/motcua.conf; without, the displays
are spread over every process, the one the officer calls on included.
"""

import argparse
import threading
import time

import requests

from bench.common import demo_queue
from bench.displays import DisplayFleet
from bench.launch import answers, servers
from bench.table import Table, ms


def _prepare(calls: int, sites: int):
    """A fresh demo centre with `calls` waiting tickets at counter 1, `sites - 1` other centres (their
    displays hear nothing of the demo centre's calls), and an officer's API token."""
    app, site_id, counter_id = demo_queue(calls)
    from models import Site, User, db
    from motcua.auth import issue_api_token

    with app.app_context():
        others = [Site(code=f"xa-{n:04}", name=f"Trung tâm xã số {n}") for n in range(1, sites)]
        db.session.add_all(others)
        db.session.commit()
        token = issue_api_token(db.session.scalar(db.select(User).filter_by(username="canbo1")))
        return [site_id] + [site.id for site in others], counter_id, {"Authorization": f"Bearer {token}"}


class PageProbe(threading.Thread):
    """Fetches a page every 100 ms from each app process while the sockets are connected."""

    def __init__(self, urls: list[str]) -> None:
        super().__init__(daemon=True)
        self.urls, self.seconds, self.failures, self.done = urls, [], 0, threading.Event()

    def run(self) -> None:
        http = requests.Session()
        while not self.done.is_set():
            for url in self.urls:
                started = time.monotonic()
                try:
                    ok = http.get(url, timeout=10).status_code == 200
                except requests.RequestException:
                    ok = False
                self.seconds.append(time.monotonic() - started)
                self.failures += not ok
            self.done.wait(0.1)


def main(argv: list[str] | None = None) -> Table:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--displays", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between two calls")
    parser.add_argument("--server", choices=["serve", "gunicorn"], default="serve")
    parser.add_argument("--processes", type=int, default=1, help="server processes (Redis between them)")
    parser.add_argument(
        "--socket-processes",
        type=int,
        default=0,
        help="more processes that hold the displays only (the split recipe's socket tier)",
    )
    parser.add_argument("--client-processes", type=int, default=0, help="default: one per 250 displays")
    parser.add_argument(
        "--sites",
        type=int,
        default=1,
        help="spread the displays over this many centres; the calls are at the first (a province: one "
        "process holds many centres' screens, each call reaches its own centre's)",
    )
    args = parser.parse_args(argv)
    clients = args.client_processes or max(1, -(-args.displays // 250))

    site_ids, counter_id, officer = _prepare(args.calls, args.sites)
    with servers(args.server, args.processes + args.socket_processes) as procs:
        apps = procs[: args.processes]
        screens = procs[args.processes :] or procs
        http = requests.Session()
        for proc in procs:
            for _ in range(5):  # warm: first requests import and compile templates
                http.get(f"{proc.base}/display/", timeout=10)
        idle_rss = [proc.rss_mib() for proc in procs]
        fleet = DisplayFleet([proc.base for proc in screens], site_ids, args.displays, clients)
        connect_started = time.monotonic()
        fleet.start()
        connect_seconds = time.monotonic() - connect_started
        connected_rss = [proc.rss_mib() for proc in procs]
        threads = [proc.threads() for proc in procs]
        responsive = [answers(proc) for proc in procs]
        answering_apps = [proc for proc, ok in zip(procs, responsive, strict=True) if ok and proc in apps]
        probe = PageProbe([f"{proc.base}/display/" for proc in answering_apps])
        probe.start()
        cpu_before = [proc.cpu_seconds() for proc in procs]
        called_at, call_http = {}, []
        counters = f"{apps[0].base}/api/v1/counters/{counter_id}"
        for _ in range(args.calls if responsive[0] else 0):
            started = time.monotonic()
            try:
                answer = http.post(f"{counters}/call-next", headers=officer, timeout=10)
                call_http.append(time.monotonic() - started)
                ticket = answer.json().get("ticket") if answer.status_code == 200 else None
                if ticket:
                    called_at[ticket["code"]] = started
                http.post(f"{counters}/complete", headers=officer, timeout=10)
            except requests.RequestException:
                call_http.append(time.monotonic() - started)
            time.sleep(args.interval)
        time.sleep(3)  # the last events' grace
        cpu_calls = [proc.cpu_seconds() - before for proc, before in zip(procs, cpu_before, strict=True)]
        probe.done.set()
        probe.join()
        peak_rss = [proc.peak_mib() for proc in procs]
        heard = fleet.finish()

    latencies = [at - called_at[code] for _i, _site, code, at in heard.events if code in called_at]
    calling_site = [index for index in heard.joined if index % len(site_ids) == 0]  # DisplayFleet's spread
    expected = len(calling_site) * len(called_at)
    split = f" + {args.socket_processes} socket process(es)" if args.socket_processes else ""
    table = Table(
        f"sockets: {args.displays} displays of {args.sites} centre(s) on {args.processes} × {args.server}{split}, "
        f"{args.calls} calls reaching {-(-args.displays // args.sites)} displays each, {clients} client process(es)"
    )
    table.goal("displays connected", heard.connected, args.displays, "", at_least=True)
    table.goal("processes answering HTTP once connected", sum(responsive), len(procs), "", at_least=True)
    table.add("connecting them took", connect_seconds, unit=" s")
    table.goal("calls answered with a ticket", len(called_at), args.calls, "", at_least=True)
    table.goal("call → event p50", ms(latencies, 50), 30, " ms")
    table.goal("call → event p99", ms(latencies, 99), 100, " ms")
    table.add("call → event max", ms(latencies, 100), unit=" ms")
    table.goal("missed events", expected - len(latencies), 0, "")
    table.add("officer call-next HTTP p50", ms(call_http, 50), unit=" ms")
    table.goal("officer call-next HTTP p99", ms(call_http, 99), 50, " ms")
    table.goal("page HTTP while connected p99", ms(probe.seconds, 99), 100, " ms")
    table.add("page HTTP max / failures", f"{ms(probe.seconds, 100):,.1f} ms / {probe.failures}")
    for index in range(len(procs)):
        name = f"process {index}" + (f" ({'app' if index < args.processes else 'socket'})" if split else "")
        table.add(f"{name}: RSS idle", idle_rss[index], unit=" MiB")
        table.goal(f"{name}: RSS connected", connected_rss[index], 150, " MiB")
        table.add(f"{name}: RSS peak / threads", f"{peak_rss[index]:,.1f} MiB / {threads[index]}")
        # CPU time, not wall time: it says where the fan-out runs whatever else the machine is doing.
        per_call = f" ({1000 * cpu_calls[index] / len(called_at):,.0f} ms per call)" if called_at else ""
        table.add(f"{name}: CPU while calling", f"{cpu_calls[index]:,.2f} s{per_call}")
    table.add("client loop lag p99 (client-bound if high)", ms(heard.loop_lag, 99), unit=" ms")
    table.print()
    return table


if __name__ == "__main__":
    main()
