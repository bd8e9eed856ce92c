"""Test set-up. The suite runs on a throw-away SQLite file by default, and on PostgreSQL (with Redis as the
Socket.IO message queue) when DATABASE_URL and SOCKETIO_MESSAGE_QUEUE are set, as .ci/run does."""

import os
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

_TMP = Path(tempfile.mkdtemp(prefix="motcua-tests-"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'test.db'}"
os.environ.setdefault("SECRET_KEY", "test-secret-key")
# The fake network printers (tests/printing_fakes.py) listen on 127.0.0.1 at a free port: the operator's
# allow-list for the tests. tests/test_printer_addresses.py checks the defaults.
os.environ.setdefault("PRINTER_TCP_ALLOW_NETS", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,127.0.0.1/32")
os.environ.setdefault("PRINTER_TCP_PORTS", "9100-9103,1024-65535")

from tests.suite_clock import travel_for_the_suite  # noqa: E402

travel_for_the_suite()  # a working day at 09:30, here and in every process the tests start

from flask_migrate import upgrade  # noqa: E402

from models import Counter, CounterService, Device, Service, User, db, signals  # noqa: E402
from motcua import create_app  # noqa: E402
from motcua.demo import DEMO_KIOSK, DEMO_PASSWORD, seed_demo  # noqa: E402
from motcua.kiosk_keys import KIOSK_COOKIE  # noqa: E402
from tests.helpers import enrolment  # noqa: E402


def _guard_test_database(url: str) -> None:
    """Never wipe a database that is not obviously a test one."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return
    name = parsed.database or ""
    if name != "test" and not name.endswith("_test"):
        raise pytest.UsageError(f"Refusing to run tests against database {name!r}: use 'test' or '*_test'.")


def _reset_schema(app) -> None:
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        else:
            db.drop_all()
            with db.engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()  # the real migrations, not create_all: the schema under test is the one we ship


@pytest.fixture(scope="session")
def app():
    _guard_test_database(os.environ["DATABASE_URL"])
    # In-process tests use Flask-SocketIO's test client, which cannot run on a message queue; the Redis path
    # is exercised by real server processes (tests/test_multiprocess.py and the browser tests).
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SOCKETIO_MESSAGE_QUEUE": None})
    _reset_schema(app)
    return app


@pytest.fixture(autouse=True)
def _clean_tables(request):
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        _empty_all_tables()


def _empty_all_tables(attempts: int = 10) -> None:
    """Empty every table. A browser test's server process may still be answering a last request (a refetch
    after a socket event) while we clean up; PostgreSQL may then pick our TRUNCATE as a deadlock victim, so
    try again, as the rules do."""
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    for attempt in range(1, attempts + 1):
        try:
            with db.engine.begin() as connection:
                if db.engine.dialect.name == "postgresql":
                    connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
                else:
                    for table in tables:
                        connection.execute(text(f"DELETE FROM {table}"))
            return
        except OperationalError:
            if attempt == attempts:
                raise
            time.sleep(0.2 * attempt)


@pytest.fixture
def empty_tables(app):
    """Call it to empty every table mid-test, as the clean-up after each test does."""
    return _empty_all_tables


@pytest.fixture(autouse=True)
def _fresh_limits(request):
    """Each test starts with no sign-in or rating attempts counted (the in-process app counts in memory)."""
    if "app" in request.fixturenames:
        from motcua.throttle import limiter

        with request.getfixturevalue("app").app_context():
            limiter.reset()
    yield


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def demo(ctx):
    """The demo ward centre; returns handy objects by name."""
    site = seed_demo(db.session)
    services = {s.prefix: s for s in db.session.scalars(db.select(Service).filter_by(site_id=site.id))}
    counters = {c.number: c for c in db.session.scalars(db.select(Counter).filter_by(site_id=site.id))}
    users = {u.username: u for u in db.session.scalars(db.select(User))}
    return type("Demo", (), {"site": site, "services": services, "counters": counters, "users": users})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(client):
    def _login(username: str, password: str = DEMO_PASSWORD):
        response = client.post("/auth/login", data={"username": username, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return _login


@pytest.fixture
def api_token(client):
    def _token(username: str, password: str = DEMO_PASSWORD) -> dict:
        response = client.post("/api/v1/auth/token", json={"username": username, "password": password})
        assert response.status_code == 200, response.get_json()
        return {"Authorization": f"Bearer {response.get_json()['token']}"}

    return _token


@pytest.fixture
def second_site(demo):
    """A second centre beside the demo one, with its own supervisor (giamsat2), officer (canbo-xa2), service,
    counter and kiosk device; and a kiosk device at the demo site, so staff scope can be tried both ways."""
    from models import DeviceKind, Role, Site
    from motcua.demo import _demo_password_hash

    site = Site(code="xa-thu-hai", name="Bộ phận một cửa xã Thứ Hai")
    service = Service(site=site, prefix="A", name="Hộ tịch", position=0)
    counter = Counter(site=site, number=1, name="Quầy 1")
    counter.links = [CounterService(service=service, position=0)]
    users = {
        name: User(username=name, full_name=name, role=role, site=site, password_hash=_demo_password_hash())
        for name, role in (("giamsat2", Role.SUPERVISOR), ("canbo-xa2", Role.OFFICER))
    }
    device = Device(site=site, kind=DeviceKind.KIOSK, name="Ki-ốt xã", settings={})
    demo_device = Device(site=demo.site, kind=DeviceKind.KIOSK, name="Ki-ốt phường", settings={})
    db.session.add_all([site, service, counter, device, demo_device, *users.values()])
    db.session.commit()
    return type(
        "SecondSite",
        (),
        {
            "site": site,
            "service": service,
            "counter": counter,
            "users": users,
            "device": device,
            "demo_device": demo_device,
        },
    )


@pytest.fixture
def kiosk(demo, client):
    """The demo kiosk, enrolled: `client` carries its cookie (kiosk pages may issue), `.headers` authenticate
    API calls as that kiosk."""
    device = db.session.scalar(db.select(Device).filter_by(name=DEMO_KIOSK))
    enrolled = enrolment(device)
    client.set_cookie(KIOSK_COOKIE, enrolled.key)
    return enrolled


@pytest.fixture
def printing(app, monkeypatch, tmp_path):
    """Point the server's default printer somewhere (`.use(url)`); `.heard` collects printer_alert_changed."""
    monkeypatch.setitem(app.config, "PRINTOUTS_DIR", str(tmp_path))
    heard = []

    def listen(_sender, **payload):
        heard.append(payload)

    signals.printer_alert_changed.connect(listen)

    def use(url: str):
        monkeypatch.setitem(app.config, "PRINTER_URL", url)

    yield type("Printing", (), {"use": staticmethod(use), "heard": heard})
    signals.printer_alert_changed.disconnect(listen)
