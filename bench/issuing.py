"""Goal 3 of the scale issue: tickets per second through the kiosk's own form path (an enrolled kiosk: its key
as the cookie, the CSRF token from its page, the htmx fragment back, the preview printer) against the JSON API
(X-Kiosk-Key), at 1, 8 and 32 clients; then no duplicate and no gap in the database.

    .venv/bin/python -m bench.issuing --seconds 5 --clients 1,8,32
    .venv/bin/python -m bench.issuing --server gunicorn          # the deploy recipe (use PostgreSQL)
    .venv/bin/python -m bench.issuing --profile 100             # in-process: where a kiosk ticket's time goes,
                                                                # and the CPU of a kiosk and an API ticket
"""

import argparse
import cProfile
import io
import logging
import os
import pstats
import re
import tempfile
import threading
import time
import uuid

import requests

from bench.common import fresh_app
from bench.launch import servers
from bench.table import Table, ms

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
KIOSK_COOKIE = "motcua_kiosk"  # motcua/kiosk_keys.py; the clients never import the app


def _prepare():
    """A fresh demo centre whose services have room for a long run; the demo kiosk's key."""
    app = fresh_app()
    from models import Device, Service, Site, db
    from motcua.demo import DEMO_KIOSK
    from motcua.kiosk_keys import kiosk_key

    with app.app_context():
        services = db.session.scalars(db.select(Service)).all()
        for service in services:
            service.number_end = 99999
        db.session.commit()
        site = db.session.scalar(db.select(Site))
        key = kiosk_key(db.session.scalar(db.select(Device).filter_by(name=DEMO_KIOSK)))
        return app, site.code, [service.id for service in services], key


class KioskClient:
    """A kiosk's browser: enrolled by its cookie, CSRF token from the page, one request key per tap."""

    def __init__(self, base: str, site: str, key: str) -> None:
        self.http, self.url = requests.Session(), f"{base}/kiosk/tickets?site={site}"
        self.http.cookies.set(KIOSK_COOKIE, key)
        page = self.http.get(f"{base}/kiosk/?site={site}", timeout=30).text
        self.token = CSRF.search(page).group(1)

    def issue(self, service_id: int) -> bool:
        form = {"csrf_token": self.token, "service_id": service_id, "request_key": uuid.uuid4().hex}
        answer = self.http.post(self.url, data=form, headers={"HX-Request": "true"}, timeout=30)
        return answer.status_code == 200 and "csrf" not in answer.text[:200].lower()


class ApiClient:
    def __init__(self, base: str, _site: str, key: str) -> None:
        self.http, self.url = requests.Session(), f"{base}/api/v1/tickets"
        self.http.headers["X-Kiosk-Key"] = key

    def issue(self, service_id: int) -> bool:
        return self.http.post(self.url, json={"service_id": service_id}, timeout=30).status_code == 201


def _run(kind, bases, site, key, services, clients: int, seconds: float):
    """`clients` threads issuing for `seconds`; returns (tickets issued, failures, latencies)."""
    latencies, failures, lock = [], [0], threading.Lock()
    workers = [kind(bases[i % len(bases)], site, key) for i in range(clients)]
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def work(index: int) -> None:
        client, mine, n = workers[index], [], 0
        start.wait()
        while time.monotonic() < deadline[0]:
            began = time.monotonic()
            ok = client.issue(services[(index + n) % len(services)])
            mine.append(time.monotonic() - began)
            n += 1
            if not ok:
                with lock:
                    failures[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + seconds
    began = time.monotonic()
    start.wait()
    for thread in threads:
        thread.join()
    return len(latencies) - failures[0], failures[0], latencies, time.monotonic() - began


PATHS = (("kiosk form", KioskClient, "/kiosk/tickets"), ("API", ApiClient, "/api/v1/tickets"))


def verify(app) -> tuple[int, int, int]:
    """(tickets, duplicate numbers, missing numbers) over every service and day."""
    from models import Service, Ticket, db

    with app.app_context():
        rows = db.session.execute(
            db.select(Ticket.service_id, Ticket.day, Ticket.number, Service.number_start).join(
                Service, Service.id == Ticket.service_id
            )
        ).all()
    numbers: dict = {}
    for service_id, day, number, start in rows:
        numbers.setdefault((service_id, day, start), []).append(number)
    duplicates = gaps = 0
    for (_s, _d, start), issued in numbers.items():
        duplicates += len(issued) - len(set(issued))
        gaps += (max(issued) - start + 1) - len(set(issued))
    return len(rows), duplicates, gaps


def profile(app, site: str, services: list[int], key: str, count: int) -> str:
    """Where one kiosk ticket's time goes, in-process (Flask's test client): cProfile's cumulative table."""
    logging.disable(logging.INFO)  # one access line per request would bury the table
    client = app.test_client()
    client.set_cookie(KIOSK_COOKIE, key)
    token = CSRF.search(client.get(f"/kiosk/?site={site}").get_data(as_text=True)).group(1)

    def issue(n: int) -> None:
        form = {
            "csrf_token": token,
            "service_id": services[n % len(services)],
            "request_key": uuid.uuid4().hex,
        }
        assert (
            client.post(f"/kiosk/tickets?site={site}", data=form, headers={"HX-Request": "true"}).status_code
            == 200
        )

    def issue_api(n: int) -> None:
        body = {"service_id": services[n % len(services)]}
        assert client.post("/api/v1/tickets", json=body, headers={"X-Kiosk-Key": key}).status_code == 201

    for n in range(5):
        issue(n)  # warm: templates compiled, fonts loaded
        issue_api(n)
    # The two paths measured the same way, one after the other, in this one process (CPU time, not wall).
    cpu_began = time.process_time()
    for n in range(count):
        issue(n)
    cpu_each = (time.process_time() - cpu_began) / count * 1000
    cpu_began = time.process_time()
    for n in range(count):
        issue_api(n)
    api_each = (time.process_time() - cpu_began) / count * 1000
    profiler = cProfile.Profile()
    began = time.perf_counter()
    profiler.enable()
    for n in range(count):
        issue(n)
    profiler.disable()
    each = (time.perf_counter() - began) / count * 1000
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(
        r"(kiosk|printing|models|motcua|api|flask/templating|jinja2/environment|qrcode|PIL)", 40
    )
    return (
        f"{count} kiosk tickets in-process: {cpu_each:.1f} ms of CPU each without the profiler, "
        f"{each:.1f} ms each under cProfile\n"
        f"{count} API tickets in-process: {api_each:.1f} ms of CPU each without the profiler\n"
        + out.getvalue()
    )


def main(argv: list[str] | None = None) -> Table:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--seconds", type=float, default=5.0, help="per path and client count")
    parser.add_argument("--server", choices=["serve", "gunicorn"], default="serve")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--profile", type=int, default=0, help="profile N kiosk tickets in-process instead")
    args = parser.parse_args(argv)
    # The preview printer writes one PNG per ticket: into a throw-away folder, not instance/printouts.
    os.environ.setdefault("PRINTOUTS_DIR", tempfile.mkdtemp(prefix="motcua-bench-printouts-"))
    app, site, services, key = _prepare()
    if args.profile:
        print(profile(app, site, services, key, args.profile))
        return Table("profile")

    from models import db

    with app.app_context():
        dialect = db.engine.dialect.name
    counts = [int(n) for n in args.clients.split(",")]
    figures, issued_total = {}, 0
    with servers(args.server, args.processes) as procs:
        bases = [proc.base for proc in procs]
        for clients in counts:
            for name, kind, path in PATHS:
                offsets = [proc.log_offset() for proc in procs]
                cpu_before = sum(proc.cpu_seconds() for proc in procs)
                issued, failed, latencies, took = _run(
                    kind, bases, site, key, services, clients, args.seconds
                )
                time.sleep(0.5)  # the last access lines reach the log
                in_app = [
                    t for proc, at in zip(procs, offsets, strict=True) for t in proc.app_seconds(at, path)
                ]
                cpu_each = (sum(proc.cpu_seconds() for proc in procs) - cpu_before) / max(issued, 1)
                figures[name, clients] = (issued / took, failed, latencies, in_app, cpu_each)
                issued_total += issued
        cpu = [proc.cpu_seconds() for proc in procs]
    tickets, duplicates, gaps = verify(app)

    table = Table(f"issuing: {args.processes} × {args.server}, {dialect}, {args.seconds:g} s per run")
    for (name, clients), (rate, failed, latencies, in_app, cpu_each) in figures.items():
        p50, p99 = ms(latencies, 50), ms(latencies, 99)
        table.add(f"{name} × {clients}: tickets/s", rate)
        # The server's CPU per ticket (from /proc, whatever else the machine runs): 1,000 / this is what one
        # process can issue per second once it has a core to itself.
        table.add(f"{name} × {clients}: server CPU per ticket", cpu_each * 1000, unit=" ms")
        table.add(f"{name} × {clients}: p50 / p99 / failed", f"{p50:,.1f} / {p99:,.1f} ms / {failed}")
        # The app's own time (its access log) against the client's: the difference waited outside the app,
        # for a server thread, the GIL or the socket.
        table.add(
            f"{name} × {clients}: in the app p50 / p99", f"{ms(in_app, 50):,.1f} / {ms(in_app, 99):,.1f} ms"
        )
        if clients in (8, 32):
            table.goal(f"{name} × {clients}: p99 / p50", p99 / p50, 5, "×")
    if 8 in counts:
        kiosk, api = figures["kiosk form", 8][0], figures["API", 8][0]
        table.add(
            "kiosk form × 8 (≥ 60/s or ≥ 80% of API)",
            kiosk,
            "≥ 60/s or ≥ 80%",
            kiosk >= 60 or kiosk >= 0.8 * api,
        )
        table.goal("API × 8 (goal on gunicorn + PostgreSQL)", api, 300, "/s", at_least=True)
    table.goal("tickets in the database = issued", tickets, issued_total, "", at_least=True)
    table.goal("duplicate numbers", duplicates, 0, "")
    table.goal("gaps in the numbers", gaps, 0, "")
    for index, seconds in enumerate(cpu):
        table.add(f"process {index}: CPU seconds used", seconds, unit=" s")
    table.print()
    return table


if __name__ == "__main__":
    main()
