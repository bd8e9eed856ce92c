"""Issue and call latency of the queue rules in-process (commit included), on the configured database."""

import time

from bench.common import fresh_app, summary


def main(tickets: int = 500) -> None:
    app = fresh_app()
    from models import Counter, Service, User, db
    from models import queue as rules
    from models.transaction import perform

    with app.app_context():
        print(f"database: {db.engine.dialect.name}")
        service = db.session.scalar(db.select(Service).filter_by(prefix="A"))
        counter = db.session.scalar(db.select(Counter).filter_by(number=1))
        officer = db.session.scalar(db.select(User).filter_by(username="canbo1"))
        issue_times, call_times = [], []
        started = time.perf_counter()
        for _ in range(tickets):
            t0 = time.perf_counter()
            perform(db.session, rules.issue_ticket, service.id)
            issue_times.append(time.perf_counter() - t0)
        elapsed = time.perf_counter() - started
        for _ in range(tickets):
            t0 = time.perf_counter()
            perform(db.session, rules.call_next, counter.id, officer)
            call_times.append(time.perf_counter() - t0)
            perform(db.session, rules.complete, counter.id, officer)
        print(summary("issue_ticket", issue_times))
        print(f"{'issue throughput':<34} {tickets / elapsed:8.1f} tickets/s (one process)")
        print(summary("call_next (queue of 500 → 0)", call_times))


if __name__ == "__main__":
    main()
