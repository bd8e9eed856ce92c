"""Code run in separate processes by tests/test_multiprocess.py (spawned, so each builds its own app)."""

import time


def _app():
    from motcua import create_app

    return create_app({"SOCKETIO_MESSAGE_QUEUE": None})


def _wait_until(start_at: float) -> None:
    time.sleep(max(0.0, start_at - time.time()))


def issue_many(service_id: int, count: int, start_at: float) -> list[int]:
    from models import db
    from models.queue import issue_ticket
    from models.transaction import perform

    app = _app()
    with app.app_context():
        _wait_until(start_at)
        return [perform(db.session, issue_ticket, service_id).ticket.number for _ in range(count)]


def serve_until_empty(counter_id: int, username: str, start_at: float) -> list[int]:
    from models import User, db
    from models import queue as rules
    from models.transaction import perform

    app = _app()
    called = []
    with app.app_context():
        officer = db.session.scalar(db.select(User).filter_by(username=username))
        _wait_until(start_at)
        while True:
            ticket = perform(db.session, rules.call_next, counter_id, officer)
            if ticket is None:
                return called
            called.append(ticket.id)
            perform(db.session, rules.complete, counter_id, officer)
