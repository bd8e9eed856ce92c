"""Assembly: create_app() binds the extensions, the blueprints and the realtime bridge."""

from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from . import dossier_push
from .config import INSTANCE, ROOT, Config
from .input_guard import JsonProvider
from .web import IdConverter


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(INSTANCE),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(Config())
    app.url_map.converters["int"] = IdConverter  # before any route: every <int:…> refuses ids past 2^31-1
    app.json = JsonProvider(app)
    app.json.ensure_ascii = False  # Vietnamese stays readable in API responses
    if overrides:
        app.config.update(overrides)
    INSTANCE.mkdir(exist_ok=True)
    _check_printer_policy(app)

    _init_extensions(app)
    _register_blueprints(app)

    from . import (  # noqa: F401
        auth,
        cli,
        device_presence,
        errors,
        i18n,
        input_guard,
        realtime,
        request_gate,
        request_log,
        security,
        templating,
        throttle,
    )

    request_gate.init_app(app)  # first: nothing may take a database connection ahead of the door
    request_log.init_app(app)
    throttle.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    input_guard.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    device_presence.init_app(app)
    realtime.init_app(app)
    dossier_push.init_app(app)
    trust_proxy(app)
    return app


def trust_proxy(app: Flask) -> None:
    """Behind TRUST_PROXY proxies we run (nginx), take the client's address and scheme from X-Forwarded-For
    and -Proto: each such proxy overwrites them, so their last hops are not the client's to forge."""
    if hops := app.config.get("TRUST_PROXY"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def _init_extensions(app: Flask) -> None:
    from models import transaction
    from models.sqlite_pragmas import enable_sqlite_pragmas

    from . import db_session
    from .concurrency import async_mode, on_gevent
    from .extensions import csrf, db, login_manager, socketio
    from .realtime.message_queue import queue_options

    db.init_app(app)
    db_session.init_app(app)
    with app.app_context():
        enable_sqlite_pragmas(db.engine, app.config["DB_LOCK_TIMEOUT_SECONDS"])
    transaction.set_busy_budget(app.config["DB_BUSY_SECONDS"])
    if not on_gevent():
        _init_migrations(app, db)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Xin vui lòng đăng nhập để xem trang này.")
    login_manager.login_message_category = "info"
    login_manager.localize_callback = str  # the flash is stored in the session: a plain, translated str
    # No cors_allowed_origins: Socket.IO then accepts connections from our own pages only (same origin).
    socketio.init_app(
        app,
        async_mode=async_mode(),  # gevent in the servers, threads in tests (concurrency.py)
        **queue_options(app.config),  # Redis between processes; screens resync after an outage
        manage_session=False,
    )


def _init_migrations(app: Flask, db) -> None:
    """`flask db …`, `doctor` and the tests' upgrade() need Flask-Migrate; a server never migrates (make run and
    motcua-migrate.service run `flask db upgrade` first), and Alembic weighs 10 MiB in every server process."""
    from flask_migrate import Migrate

    Migrate(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)


def _register_blueprints(app: Flask) -> None:
    from admin import bp as admin_bp
    from api import bp as api_bp
    from auth import bp as auth_bp
    from counter import bp as counter_bp
    from display import bp as display_bp
    from kiosk import bp as kiosk_bp
    from printing import bp as printing_bp
    from public import bp as public_bp
    from tablet import bp as tablet_bp

    from .extensions import csrf
    from .health import bp as health_bp

    app.register_blueprint(kiosk_bp, url_prefix="/kiosk")
    app.register_blueprint(public_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(counter_bp, url_prefix="/counter")
    # The tablets' links were handed out as /counter/<id>/rating?key=…: the address stays.
    app.register_blueprint(tablet_bp, url_prefix="/counter")
    app.register_blueprint(display_bp, url_prefix="/display")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(printing_bp, url_prefix="/printing")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    app.register_blueprint(health_bp)
    csrf.exempt(api_bp)  # the API authenticates with bearer tokens, not cookies
    # Browsers ask for /favicon.ico whatever the page links; answer with the same icon, not a 404.
    app.add_url_rule("/favicon.ico", "favicon", lambda: app.send_static_file("favicon.svg"))


def _check_printer_policy(app: Flask) -> None:
    """A mistyped PRINTER_TCP_ALLOW_NETS or PRINTER_TCP_PORTS stops the start with a clear message."""
    from printing.addresses import AddressPolicy

    AddressPolicy.from_config(app.config)
