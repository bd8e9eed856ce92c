"""Goal 4 of the scale issue: a province day, simulated, bounded in time, on loopback only.

100 sites, 600 counters (one officer each), 1,000 wall displays, 200 kiosks. Citizens arrive at the kiosks (the
API with each kiosk's own key) following a morning and an afternoon peak squeezed into --minutes; officers call,
serve for a random time (mean --service-minutes, divided by --speed) and complete, and retry after a while when
nobody waits. Afterwards the invariants are checked in the database and against what the displays heard.

    .venv/bin/python -m bench.province --quick                        # 1 minute
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_test \\
        .venv/bin/python -m bench.province --server gunicorn --processes 2   # the province recipe
"""

import argparse
import asyncio
import math
import random
import time
from collections import Counter as Tally
from dataclasses import dataclass, field

import aiohttp

from bench.common import fresh_app
from bench.displays import DisplayFleet
from bench.issuing import verify
from bench.launch import servers
from bench.table import Table, ms

DAY_SECONDS = 8 * 3600  # 7:30–11:30 and 13:30–17:30


def day_shape(x: float) -> float:
    """Arrivals at fraction x of the day, relative to the mean (a morning peak, a lull, an afternoon peak)."""
    return (
        0.3 + 1.6 * math.exp(-(((x - 0.22) / 0.1) ** 2)) + 1.1 * math.exp(-(((x - 0.72) / 0.1) ** 2))
    ) / 0.79


@dataclass
class Site:
    id: int
    services: list[int]
    kiosk_keys: list[str]
    counters: list[tuple[int, str]]  # counter id, its officer's bearer token


@dataclass
class Load:
    issue_seconds: list[float] = field(default_factory=list)
    issue_status: Tally = field(default_factory=Tally)
    call_seconds: list[float] = field(default_factory=list)
    call_status: Tally = field(default_factory=Tally)
    called: dict[tuple[int, str], float] = field(
        default_factory=dict
    )  # (site, code) → when the call was sent
    complete_status: Tally = field(default_factory=Tally)
    loop_lag: list[float] = field(default_factory=list)


def build_province(app, sites: int, counters: int, kiosks: int, services: int) -> list[Site]:
    """The province's sites, services, counters with their officers and tokens, and enrolled kiosks."""
    from models import Counter, CounterService, Device, DeviceKind, Role, Service, User, db
    from models import Site as SiteRow
    from motcua.auth import issue_api_token
    from motcua.demo import _demo_password_hash
    from motcua.kiosk_keys import kiosk_key

    built = []
    with app.app_context():
        for s in range(sites):
            row = SiteRow(code=f"xa-{s:03}", name=f"Trung tâm phục vụ hành chính công xã số {s}")
            queues = [
                Service(site=row, prefix="ABCDEG"[q % 6], name=f"Dịch vụ {q}", position=q, number_end=9999)
                for q in range(services)
            ]
            desks, officers = [], []
            for c in range(counters // sites + (s < counters % sites)):
                desk = Counter(site=row, number=c + 1, name=f"Quầy {c + 1}")
                desk.links = [
                    CounterService(service=queues[(c + i) % services], position=i) for i in range(services)
                ]
                officer = User(
                    username=f"cb-{s:03}-{c}", full_name=f"Cán bộ {c}", role=Role.OFFICER, site=row
                )
                officer.password_hash = _demo_password_hash()
                desks.append(desk)
                officers.append(officer)
            devices = [
                Device(site=row, kind=DeviceKind.KIOSK, name=f"Ki-ốt {k}", settings={})
                for k in range(kiosks // sites + (s < kiosks % sites))
            ]
            db.session.add_all([row, *queues, *desks, *officers, *devices])
            db.session.commit()
            built.append(
                Site(
                    row.id,
                    [q.id for q in queues],
                    [kiosk_key(d) for d in devices],
                    [(d.id, issue_api_token(o)) for d, o in zip(desks, officers, strict=True)],
                )
            )
    return built


async def arrivals(http, bases, sites: list[Site], load: Load, seconds: float, mean_rate: float) -> None:
    tasks, began = [], time.monotonic()

    async def issue(base: str, site: Site) -> None:
        started = time.monotonic()
        try:
            async with http.post(
                f"{base}/api/v1/tickets",
                json={"service_id": random.choice(site.services)},
                headers={"X-Kiosk-Key": random.choice(site.kiosk_keys)},
            ) as answer:
                await answer.read()
                load.issue_status[answer.status] += 1
        except (aiohttp.ClientError, TimeoutError):
            load.issue_status["error"] += 1
        load.issue_seconds.append(time.monotonic() - started)

    while (elapsed := time.monotonic() - began) < seconds:
        await asyncio.sleep(random.expovariate(mean_rate * day_shape(elapsed / seconds)))
        index = random.randrange(len(sites))
        if sites[index].kiosk_keys:
            tasks.append(asyncio.create_task(issue(bases[index % len(bases)], sites[index])))
    await asyncio.gather(*tasks)


def _left(until: float) -> float:
    return max(0.0, until - time.monotonic())


async def officer(http, base, site: Site, desk: tuple[int, str], load: Load, until: float, args) -> None:
    counter_id, token = desk
    headers = {"Authorization": f"Bearer {token}"}
    await asyncio.sleep(random.uniform(0, args.idle_seconds / args.speed))
    while time.monotonic() < until:
        started = time.monotonic()
        ticket = None
        try:
            async with http.post(f"{base}/api/v1/counters/{counter_id}/call-next", headers=headers) as answer:
                body = await answer.json(content_type=None)
                load.call_status[answer.status] += 1
                ticket = body.get("ticket") if answer.status == 200 else None
        except (aiohttp.ClientError, TimeoutError, ValueError):
            load.call_status["error"] += 1
        load.call_seconds.append(time.monotonic() - started)
        if ticket is None:
            await asyncio.sleep(min(random.uniform(0.5, 1.5) * args.idle_seconds / args.speed, _left(until)))
            continue
        load.called[site.id, ticket["code"]] = started
        serving = random.expovariate(args.speed / (args.service_minutes * 60))
        if serving > _left(until):
            return  # the day ends with this citizen still at the counter (a called ticket)
        await asyncio.sleep(serving)
        try:
            async with http.post(f"{base}/api/v1/counters/{counter_id}/complete", headers=headers) as answer:
                await answer.read()
                load.complete_status[answer.status] += 1
        except (aiohttp.ClientError, TimeoutError):
            load.complete_status["error"] += 1


async def simulate(bases: list[str], sites: list[Site], args) -> Load:
    load, seconds = Load(), args.minutes * 60
    mean_rate = args.day_tickets / DAY_SECONDS * args.speed
    connector = aiohttp.TCPConnector(limit=400)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        until = time.monotonic() + seconds
        desks = [(site, desk) for site in sites for desk in site.counters]
        officers = [
            officer(http, bases[i % len(bases)], site, desk, load, until, args)
            for i, (site, desk) in enumerate(desks)
        ]

        async def watch_loop() -> None:
            while time.monotonic() < until:
                started = time.monotonic()
                await asyncio.sleep(0.05)
                load.loop_lag.append(time.monotonic() - started - 0.05)

        await asyncio.gather(arrivals(http, bases, sites, load, seconds, mean_rate), watch_loop(), *officers)
    return load


def invariants(app) -> dict[str, int]:
    """Counts of what must never happen: a ticket called twice, a state its events do not explain."""
    from models import Ticket, TicketEvent, db

    with app.app_context():
        events: dict[int, Tally] = {}
        for ticket_id, kind in db.session.execute(db.select(TicketEvent.ticket_id, TicketEvent.type)):
            events.setdefault(ticket_id, Tally())[kind] += 1
        statuses = db.session.execute(db.select(Ticket.id, Ticket.status)).all()
    called_twice = sum(tally["called"] > 1 for tally in events.values())
    mismatched = 0
    for ticket_id, status in statuses:
        tally = events.get(ticket_id, Tally())
        expected = {"waiting": (0, 0), "called": (1, 0), "serving": (1, 0), "done": (1, 1)}.get(status)
        if expected is None or tally["issued"] != 1 or (tally["called"], tally["done"]) != expected:
            mismatched += 1
    return {
        "called": sum(tally["called"] for tally in events.values()),
        "called_twice": called_twice,
        "mismatched": mismatched,
    }


def main(argv: list[str] | None = None) -> Table:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, help="10 by default")
    parser.add_argument("--quick", action="store_true", help="one minute")
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--counters", type=int, default=600)
    parser.add_argument("--displays", type=int, default=1000)
    parser.add_argument("--kiosks", type=int, default=200)
    parser.add_argument("--services", type=int, default=3, help="per site")
    parser.add_argument("--day-tickets", type=int, default=30000, help="tickets in a whole province day")
    parser.add_argument("--speed", type=float, default=1.0, help="arrivals × speed, service time ÷ speed")
    parser.add_argument("--service-minutes", type=float, default=6.0)
    parser.add_argument("--idle-seconds", type=float, default=20.0, help="an idle officer calls again after")
    parser.add_argument("--server", choices=["serve", "gunicorn"], default="gunicorn")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--client-processes", type=int, default=0, help="display processes; default 1 per 250"
    )
    args = parser.parse_args(argv)
    args.minutes = args.minutes or (1 if args.quick else 10)
    clients = args.client_processes or max(1, -(-args.displays // 250))

    app = fresh_app()
    sites = build_province(app, args.sites, args.counters, args.kiosks, args.services)
    with servers(args.server, args.processes) as procs:
        bases = [proc.base for proc in procs]
        fleet = DisplayFleet(bases, [site.id for site in sites], args.displays, clients)
        fleet.start()
        cpu_before, began = [proc.cpu_seconds() for proc in procs], time.monotonic()
        load = asyncio.run(simulate(bases, sites, args))
        wall = time.monotonic() - began
        cpu = [
            (proc.cpu_seconds() - before) / wall * 100 for proc, before in zip(procs, cpu_before, strict=True)
        ]
        memory = [(proc.rss_mib(), proc.peak_mib(), proc.threads()) for proc in procs]
        time.sleep(3)  # the last events' grace
        heard = fleet.finish()

    displays_at = Tally(sites[index % len(sites)].id for index in heard.joined)
    expected = sum(displays_at[site] for site, _code in load.called)
    heard_once = Tally((display, site, code) for display, site, code, _t in heard.events)
    latencies = [
        at - load.called[site, code] for _d, site, code, at in heard.events if (site, code) in load.called
    ]
    tickets, duplicates, gaps = verify(app)
    checks = invariants(app)

    table = Table(
        f"province: {args.sites} sites, {args.counters} counters, {args.displays} displays, {args.kiosks} kiosks, "
        f"{args.minutes:g} min × speed {args.speed:g} on {args.processes} × {args.server}"
    )
    table.goal("displays connected", heard.connected, args.displays, "", at_least=True)
    issued = load.issue_status[201]
    table.add(
        "tickets issued (HTTP 201) / other answers",
        f"{issued} / {dict(load.issue_status - Tally({201: issued}))}",
    )
    table.goal("issue HTTP p99", ms(load.issue_seconds, 99), 100, " ms")
    table.add(
        "issue HTTP p50 / max", f"{ms(load.issue_seconds, 50):,.1f} / {ms(load.issue_seconds, 100):,.1f} ms"
    )
    table.add("call-next answers", str(dict(load.call_status)))
    table.goal("officer call-next HTTP p99", ms(load.call_seconds, 99), 50, " ms")
    table.add("citizens called / completes", f"{len(load.called)} / {dict(load.complete_status)}")
    table.add("call → display p50", ms(latencies, 50), unit=" ms")
    table.goal("call → display p99", ms(latencies, 99), 100, " ms")
    table.add("call → display max", ms(latencies, 100), unit=" ms")
    table.goal("missed display events", expected - len(latencies), 0, "")
    table.goal("events heard twice", sum(n > 1 for n in heard_once.values()), 0, "")
    table.goal("tickets in the database = issued", tickets, issued, "", at_least=True)
    table.goal("duplicate numbers", duplicates, 0, "")
    table.goal("gaps in the numbers", gaps, 0, "")
    table.goal("'called' events = citizens called", checks["called"], len(load.called), "", at_least=True)
    table.goal("tickets called twice", checks["called_twice"], 0, "")
    table.goal("tickets whose events do not explain their state", checks["mismatched"], 0, "")
    for index, (rss, peak, threads) in enumerate(memory):
        table.add(f"process {index}: CPU (% of one core)", cpu[index], unit=" %")
        table.goal(f"process {index}: RSS at the end", rss, 150, " MiB")
        table.add(f"process {index}: RSS peak / threads", f"{peak:,.1f} MiB / {threads}")
    table.add("load generator loop lag p99", ms(load.loop_lag, 99), unit=" ms")
    table.add("display clients loop lag p99", ms(heard.loop_lag, 99), unit=" ms")
    table.print()
    return table


if __name__ == "__main__":
    main()
