"""Issue 15's speed goal: a province's year of data, and how long the director's report takes over it.

Generates 30 sites (5 services, 6 counters, 6 officers each), 1,000,000 tickets over the working days of 2026
(waits and service times drawn at random; 8 % no-shows, 3 % cancelled, 4 % transferred with their events, a
rating on one served ticket in ten), pauses, and 300,000 dossiers (most resolved, some late, some with an
apology), written with bulk inserts (not the rules: a year through the rules would take hours). Then times
models/report_period.period_report() — the one function the page, the XLSX file and the API call — for a
month and a quarter, one site and the whole province, twice each: cold (the roll-up of models/report_rollup.py
emptied first, so the report counts the tickets and stores the days) and warm (the days read back), each with
its figures read (as_dict(): the medians and 90th percentiles are computed when first read, as the page, the
file and the API read them). Prints a table; asserts nothing.

    .venv/bin/python -m bench.reports_bench --quick                 # 30 sites, 50,000 tickets, 15,000 dossiers
    .venv/bin/python -m bench.reports_bench                         # SQLite, the full year (goal: month < 2 s)
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_test \\
        .venv/bin/python -m bench.reports_bench                     # PostgreSQL (goal: quarter < 2 s)
    DATABASE_URL=… .venv/bin/python -m bench.reports_bench --reuse  # time again a database generated before
"""

import argparse
import random
import time
from datetime import date, datetime, timedelta

from bench.common import fresh_app
from bench.table import Table

YEAR = 2026
OPEN_MINUTES = [(7 * 60 + 30, 11 * 60 + 30), (13 * 60 + 30, 17 * 60)]
UTC_OFFSET = timedelta(hours=7)  # Hà Nội; the sites keep the default time zone


def working_days() -> list[date]:
    day, days = date(YEAR, 1, 1), []
    while day.year == YEAR:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def build_sites(session, count: int) -> list[dict]:
    from models import Counter, CounterService, Role, Service, Site, User

    sites = []
    for index in range(count):
        site = Site(code=f"bench-{index:02d}", name=f"Trung tâm thử {index:02d}")
        services = [Service(site=site, prefix="ABCDE"[i], name=f"Dịch vụ {i}", position=i) for i in range(5)]
        counters = []
        for number in range(1, 7):
            counter = Counter(site=site, number=number, name=f"Quầy {number}")
            counter.links = [CounterService(service=services[(number - 1) % 5], position=0)]
            counters.append(counter)
        officers = [
            User(
                username=f"bench{index}-{n}",
                full_name=f"Cán bộ {index}-{n}",
                role=Role.OFFICER,
                site=site,
                password_hash="!",
            )
            for n in range(6)
        ]
        session.add_all([site, *services, *counters, *officers])
        session.flush()
        sites.append({"site": site, "services": services, "counters": counters, "officers": officers})
    session.commit()
    return sites


def generate(session, sites: list[dict], tickets: int, dossiers: int, seed: int, first_id: int = 1) -> dict:
    """`tickets` and `dossiers` over these sites (ticket ids from first_id); called site by site to bound memory."""
    from models import CounterEvent, Dossier, Procedure, Rating, Ticket, TicketEvent

    rng = random.Random(seed)
    days = working_days()
    per_site_day = max(1, tickets // (len(sites) * len(days)))
    ticket_rows, event_rows, rating_rows, pause_rows = [], [], [], []
    done_by_site_day: dict[tuple[int, date], list[int]] = {}
    next_id = first_id
    for entry in sites:
        site = entry["site"]
        for day in days:
            numbers = [0] * 5
            for _ in range(per_site_day):
                s = rng.randrange(5)
                numbers[s] += 1
                c = rng.randrange(6)
                start, end = OPEN_MINUTES[rng.randrange(2)]
                issued = (
                    datetime(day.year, day.month, day.day)
                    + timedelta(minutes=rng.uniform(start, end))
                    - UTC_OFFSET
                )
                called = issued + timedelta(minutes=rng.expovariate(1 / 12))
                roll = rng.random()
                status = "no_show" if roll < 0.08 else "cancelled" if roll < 0.11 else "done"
                finished = called + timedelta(minutes=0.5 if status != "done" else rng.expovariate(1 / 6))
                ticket_rows.append(
                    {
                        "id": next_id,
                        "site_id": site.id,
                        "service_id": entry["services"][s].id,
                        "queue_service_id": entry["services"][s].id,
                        "day": day,
                        "number": numbers[s],
                        "code": f"{'ABCDE'[s]}{numbers[s]:03d}",
                        "priority": 0,
                        "status": status,
                        "channel": "api" if rng.random() < 0.1 else "kiosk",
                        "counter_id": entry["counters"][c].id,
                        "officer_id": entry["officers"][c].id,
                        "token": f"bench{next_id}",
                        "recalls": 0,
                        "issued_at": issued,
                        "queued_at": issued,
                        "called_at": called,
                        "served_at": called if status == "done" else None,
                        "finished_at": finished,
                    }
                )
                if status == "done":
                    done_by_site_day.setdefault((site.id, day), []).append(next_id)
                    if rng.random() < 0.1:
                        rating_rows.append(
                            {
                                "ticket_id": next_id,
                                "level": rng.choice(
                                    ["rat_hai_long", "hai_long", "binh_thuong", "khong_hai_long"]
                                ),
                                "criteria": [],
                                "comment": "",
                                "channel": "tablet",
                                "site_id": site.id,
                                "officer_id": entry["officers"][c].id,
                                "counter_id": entry["counters"][c].id,
                                "service_id": entry["services"][s].id,
                                "created_at": finished,
                            }
                        )
                if rng.random() < 0.04:  # transferred: its first call is in the log
                    first = issued + timedelta(minutes=rng.uniform(1, 5))
                    for type_, at in (
                        ("called", first),
                        ("transferred", first + timedelta(minutes=2)),
                        ("called", called),
                    ):
                        event_rows.append(
                            {
                                "ticket_id": next_id,
                                "type": type_,
                                "at": at,
                                "site_id": site.id,
                                "service_id": entry["services"][s].id,
                                "counter_id": entry["counters"][c].id,
                                "officer_id": entry["officers"][c].id,
                                "data": {},
                            }
                        )
                next_id += 1
            officer = rng.randrange(6)
            pause_rows.append(
                {
                    "counter_id": entry["counters"][officer].id,
                    "site_id": site.id,
                    "type": "pause_ended",
                    "at": datetime(day.year, day.month, day.day, 5),
                    "actor_id": entry["officers"][officer].id,
                    "officer_id": entry["officers"][officer].id,
                    "data": {"reason": "break", "seconds": 900},
                }
            )
    _insert(session, Ticket, ticket_rows)
    _insert(session, TicketEvent, event_rows)
    _insert(session, Rating, rating_rows)
    _insert(session, CounterEvent, pause_rows)
    procedures = list(session.scalars(Procedure.__table__.select().with_only_columns(Procedure.id)))
    dossier_rows = []
    per_site_day = max(1, dossiers // (len(sites) * len(days)))
    for entry in sites:
        site = entry["site"]
        for day in days:
            done = done_by_site_day.get((site.id, day), [])
            for number in range(1, per_site_day + 1):
                received = datetime(day.year, day.month, day.day, 3) + timedelta(minutes=number)
                due = day + timedelta(days=5)
                roll = rng.random()
                ready_day = day + timedelta(days=rng.choice([2, 3, 4, 5, 6, 8]))
                ready = datetime(ready_day.year, ready_day.month, ready_day.day, 3) if roll < 0.92 else None
                apology = ready is not None and ready_day > due and rng.random() < 0.5
                timeliness = None
                if ready is not None:
                    timeliness = (
                        ("late_with_apology" if apology else "late")
                        if ready_day > due
                        else ("on_time" if ready_day == due else "early")
                    )
                dossier_rows.append(
                    {
                        "site_id": site.id,
                        "day": day,
                        "number": number,
                        "code": f"{site.code}-{day:%y%m%d}-{number:04d}",
                        "token": f"bd{site.id}-{day:%j}-{number}",
                        "procedure_id": rng.choice(procedures),
                        "ticket_id": rng.choice(done) if done else None,
                        "officer_id": entry["officers"][number % 6].id,
                        "applicant_name": "Nguyễn Văn A",
                        "documents": [],
                        "fee": 0,
                        "delivery": "centre",
                        "status": "returned" if ready else "processing",
                        "received_at": received,
                        "due_date": due,
                        "first_due_date": due,
                        "result_ready_at": ready,
                        "returned_at": ready,
                        "finished_at": ready,
                        "timeliness": timeliness,
                        "apology_at": received if apology else None,
                    }
                )
    _insert(session, Dossier, dossier_rows)
    session.commit()
    return {
        "tickets": len(ticket_rows),
        "dossiers": len(dossier_rows),
        "ratings": len(rating_rows),
        "events": len(event_rows),
        "next_id": next_id,
    }


def _insert(session, model, rows: list[dict], batch: int = 20_000) -> None:
    for index in range(0, len(rows), batch):
        session.execute(model.__table__.insert(), rows[index : index + batch])
    session.commit()


def timed(app, site_ids: list[int], start: date, end: date, cold: bool = False) -> float:
    """Seconds for the whole report, as a request would run it (sites loaded, then period_report and every
    figure read); `cold`: with the roll-up emptied first."""
    from models import ReportDay, Site, db
    from models.report_period import period_report

    with app.app_context():
        if cold:
            db.session.execute(db.delete(ReportDay))
            db.session.commit()
        began = time.perf_counter()
        sites = list(db.session.scalars(db.select(Site).where(Site.id.in_(site_ids)).order_by(Site.id)))
        figures = period_report(db.session, sites, start, end).as_dict()
        elapsed = time.perf_counter() - began
        assert figures["operations"]["total"]["issued"] > 0
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sites", type=int, default=30)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--dossiers", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="50,000 tickets and 15,000 dossiers")
    parser.add_argument("--reuse", action="store_true", help="time the data already in DATABASE_URL")
    args = parser.parse_args()
    if args.quick:
        args.tickets, args.dossiers = 50_000, 15_000
    if args.reuse:
        app, counts, generated, dialect, one, province = reuse()
    else:
        app, counts, generated, dialect, one, province = generate_all(args)
    table = Table(f"Reports over a province's year ({dialect})")
    table.add("tickets generated", counts["tickets"])
    table.add("dossiers generated", counts["dossiers"])
    table.add("ratings generated", counts["ratings"])
    table.add("generation (s)", generated)
    month, quarter = (date(YEAR, 3, 1), date(YEAR, 3, 31)), (date(YEAR, 1, 1), date(YEAR, 3, 31))
    goals = {("province", "a month"): dialect == "sqlite", ("province", "a quarter"): dialect != "sqlite"}
    for who, site_ids in (("one site", one), ("province", province)):
        for span, days in (("a month", month), ("a quarter", quarter)):
            cold = timed(app, site_ids, *days, cold=True)
            warm = timed(app, site_ids, *days)
            table.add(f"{who}, {span}, cold: counted and stored (s)", cold)
            if goals.get((who, span)) or who == "one site":
                table.goal(f"{who}, {span}, warm (s)", warm, 2, " s")
            else:
                table.add(f"{who}, {span}, warm (s)", warm)
    table.print()


def generate_all(args):
    app = fresh_app()
    from models import db

    with app.app_context():
        began = time.perf_counter()
        built = build_sites(db.session, args.sites)
        counts = {"tickets": 0, "dossiers": 0, "ratings": 0, "events": 0, "next_id": 1}
        for index, entry in enumerate(built):
            share = len(built)
            made = generate(
                db.session,
                [entry],
                args.tickets // share,
                args.dossiers // share,
                args.seed + index,
                counts["next_id"],
            )
            counts = {key: (made[key] if key == "next_id" else counts[key] + made[key]) for key in counts}
        generated = time.perf_counter() - began
        dialect = db.engine.dialect.name
        db.session.execute(db.text("ANALYZE"))  # fresh statistics, as autovacuum would give a real database
        db.session.commit()
        one = [built[0]["site"].id]
        province = [entry["site"].id for entry in built]
    return app, counts, generated, dialect, one, province


def reuse():
    """The bench sites already in DATABASE_URL (a run before generated them), brought to the latest schema."""
    from flask_migrate import upgrade

    from models import Dossier, Rating, Site, Ticket, db
    from motcua import create_app

    app = create_app({"SOCKETIO_MESSAGE_QUEUE": None})
    with app.app_context():
        upgrade()
        ids = list(db.session.scalars(db.select(Site.id).where(Site.code.like("bench-%")).order_by(Site.id)))
        if not ids:
            raise SystemExit("No bench sites in this database: run without --reuse first")
        count = lambda model: db.session.scalar(db.select(db.func.count()).select_from(model))  # noqa: E731
        counts = {"tickets": count(Ticket), "dossiers": count(Dossier), "ratings": count(Rating)}
        return app, counts, 0.0, db.engine.dialect.name, ids[:1], ids


if __name__ == "__main__":
    main()
