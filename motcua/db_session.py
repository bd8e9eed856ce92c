"""The request's database session, closed without ever raising.

Flask-SQLAlchemy rolls the session back when the app context ends; when the connection has died (the server
restarted, a network cut, a killed backend) that rollback raises, and werkzeug answers with its raw English
"Internal Server Error". Here the session is closed safely, and a broken connection is thrown away instead of
going back to the pool."""

import logging

from models import db

log = logging.getLogger(__name__)


def reset_session() -> None:
    """Roll back and close this context's session; if the connection is broken, discard it and start afresh."""
    session = db.session
    try:
        session.remove()
    except Exception:
        log.warning("closing the database session failed; its connection is discarded", exc_info=True)
        try:
            session().invalidate()
        except Exception:  # the connection is already gone; nothing more to release
            log.debug("invalidating the broken session failed", exc_info=True)
        session.registry.clear()


def init_app(app) -> None:
    # Replace Flask-SQLAlchemy's own teardown (which lets a failed rollback escape) with the safe one.
    app.teardown_appcontext_funcs[:] = [
        func for func in app.teardown_appcontext_funcs if func != db._teardown_session
    ]
    app.teardown_appcontext(lambda _error: reset_session())
