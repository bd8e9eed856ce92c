"""Shared set-up for the harnesses: a fresh database with the demo centre, and percentile figures."""

import os
import statistics
import tempfile


def fresh_app():
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='motcua-bench-')}/bench.db"
    from flask_migrate import upgrade
    from sqlalchemy import text

    from models import db
    from motcua import create_app
    from motcua.demo import seed_demo

    app = create_app({"SOCKETIO_MESSAGE_QUEUE": None})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            if not db.engine.url.database.endswith("_test"):
                raise SystemExit("Refusing to empty a database whose name does not end in _test")
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        upgrade()
        seed_demo(db.session)
    return app


def demo_queue(calls: int):
    """A fresh demo centre with `calls` tickets waiting for Hộ tịch (A) at counter 1; returns the app, the
    site's id and counter 1's id."""
    app = fresh_app()
    from models import Counter, Service, Site, db
    from models.queue import issue_ticket
    from models.transaction import perform

    with app.app_context():
        site_id = db.session.scalar(db.select(Site.id))
        service_id = db.session.scalar(db.select(Service.id).filter_by(prefix="A"))
        counter_id = db.session.scalar(db.select(Counter.id).filter_by(number=1))
        for _ in range(calls):
            perform(db.session, issue_ticket, service_id)
    return app, site_id, counter_id


def summary(label: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"{label:<34} n={len(ms):<5} p50={statistics.median(ms):7.2f} ms  p95={p95:7.2f} ms  max={ms[-1]:7.2f} ms"
