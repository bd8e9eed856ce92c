"""Configuration from the environment (12-factor). Defaults suit a single commune centre on one machine."""

import os
import secrets
from pathlib import Path

from .security import max_content_length

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in instance/ (never committed)."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = INSTANCE / "secret_key"
    if not path.exists():
        INSTANCE.mkdir(exist_ok=True)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'motcua.db'}"
    # Hosting platforms still hand out postgres:// URLs; SQLAlchemy wants an explicit driver.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _engine_options(url: str, lock_seconds: float, statement_seconds: float, slots: int, busy: float) -> dict:
    """A request waits a few seconds for a lock, then the rule is retried and finally answered "busy" (503):
    a long transaction elsewhere must never hang every kiosk and phone for as long as it lasts.

    The pool holds a connection for each request slot (motcua/request_gate.py) and as many again for what runs
    beside the requests (Socket.IO handlers, a printer's late outcome); past that a request waits `busy`
    seconds, then is answered "busy" too."""
    pool = {"pool_size": slots, "max_overflow": slots, "pool_timeout": busy}
    if url.startswith("sqlite") and (url == "sqlite://" or ":memory:" in url):
        return {"connect_args": {"check_same_thread": False}}  # one in-memory database: one connection
    if url.startswith("sqlite"):
        # Several threads and processes share the file: wait briefly for a writer instead of failing at once.
        return {**pool, "connect_args": {"timeout": lock_seconds, "check_same_thread": False}}
    options = (
        f"-c lock_timeout={int(lock_seconds * 1000)} -c statement_timeout={int(statement_seconds * 1000)}"
    )
    return {**pool, "pool_pre_ping": True, "connect_args": {"options": options}}


class Config:
    def __init__(self) -> None:
        self.SECRET_KEY = _secret_key()
        self.SQLALCHEMY_DATABASE_URI = _database_url()
        # How long one statement waits for a lock, how long perform() keeps retrying a rule that met one, and
        # the longest any statement may run (PostgreSQL) before the request is answered "busy".
        self.DB_LOCK_TIMEOUT_SECONDS = float(os.environ.get("DB_LOCK_TIMEOUT_SECONDS", "3"))
        self.DB_BUSY_SECONDS = float(os.environ.get("DB_BUSY_SECONDS", "6"))
        self.DB_STATEMENT_TIMEOUT_SECONDS = float(os.environ.get("DB_STATEMENT_TIMEOUT_SECONDS", "30"))
        # Requests of one server process that work at once (motcua/request_gate.py); the others wait their turn.
        self.REQUEST_SLOTS = int(os.environ.get("REQUEST_SLOTS", "10"))
        self.SQLALCHEMY_ENGINE_OPTIONS = _engine_options(
            self.SQLALCHEMY_DATABASE_URI,
            self.DB_LOCK_TIMEOUT_SECONDS,
            self.DB_STATEMENT_TIMEOUT_SECONDS,
            self.REQUEST_SLOTS,
            self.DB_BUSY_SECONDS,
        )
        self.SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
        # The Redis pub/sub channel: separate installs (or test runs) sharing one Redis must not hear each other.
        self.SOCKETIO_CHANNEL = os.environ.get("SOCKETIO_CHANNEL", "motcua")
        self.PRINTER_URL = os.environ.get("PRINTER_URL", "preview")
        self.PRINTER_PAPER_MM = int(os.environ.get("PRINTER_PAPER_MM", "80"))
        self.PRINTER_PROFILE = os.environ.get("PRINTER_PROFILE", "")
        # Where the `preview` printer writes its images (default instance/printouts/).
        self.PRINTOUTS_DIR = os.environ.get("PRINTOUTS_DIR", "")
        # Where printers set in the back office may point (printing/addresses.py); PRINTER_URL is trusted.
        self.PRINTER_FILE_ALLOW = os.environ.get("PRINTER_FILE_ALLOW", "")
        self.PRINTER_TCP_ALLOW_NETS = os.environ.get(
            "PRINTER_TCP_ALLOW_NETS", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"
        )
        self.PRINTER_TCP_PORTS = os.environ.get("PRINTER_TCP_PORTS", "9100,9101,9102,9103")
        # A kiosk answers within about two seconds whatever the printer does; the job goes on in the background.
        self.PRINT_DEADLINE_SECONDS = float(os.environ.get("PRINT_DEADLINE_SECONDS", "1.8"))
        self.PROCEDURE_PORTAL_URL = os.environ.get(
            "PROCEDURE_PORTAL_URL",
            "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-nganh-doc.html?ma_thu_tuc={code}",
        )
        self.TIMEZONE = os.environ.get("TIMEZONE", "Asia/Ho_Chi_Minh")
        self.LANGUAGE = _language_from_env()
        self.PUBLIC_URL = os.environ.get("PUBLIC_URL", "").rstrip("/")
        self.BABEL_DEFAULT_LOCALE = self.LANGUAGE
        self.BABEL_DEFAULT_TIMEZONE = self.TIMEZONE
        self.BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
        self.LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
        # Kiosks stay on one page for days: a CSRF token must live as long as the session, not an hour.
        self.WTF_CSRF_TIME_LIMIT = None
        self.KIOSK_IDLE_SECONDS = int(os.environ.get("KIOSK_IDLE_SECONDS", "25"))
        # How long a ticket request's key is honoured: a retry within it gets the ticket already issued.
        self.KIOSK_IDEMPOTENCY_SECONDS = int(os.environ.get("KIOSK_IDEMPOTENCY_SECONDS", "600"))
        # The kiosk gives up waiting for an answer after this long, then retries with the same key.
        self.KIOSK_REQUEST_TIMEOUT_SECONDS = float(os.environ.get("KIOSK_REQUEST_TIMEOUT_SECONDS", "8"))
        # Satisfaction ratings: how long after service a ticket may be rated, and how long the tablet asks.
        self.RATING_WINDOW_HOURS = float(os.environ.get("RATING_WINDOW_HOURS", "24"))
        self.RATING_ASK_SECONDS = int(os.environ.get("RATING_ASK_SECONDS", "60"))
        self.RATING_RATE_LIMIT = os.environ.get(
            "RATING_RATE_LIMIT", "10/60"
        )  # attempts / seconds per address
        # Dossiers: wrong codes allowed per address at /hs/… and the kiosk's look-up ("attempts/seconds"), and
        # the province's dossier system the receipts are pushed to (models/dossier_systems.py).
        self.DOSSIER_LOOKUP_LIMIT = os.environ.get("DOSSIER_LOOKUP_LIMIT", "10/300")
        self.DOSSIER_SYSTEM = os.environ.get("DOSSIER_SYSTEM", "builtin")
        # How long a counter may take back a "Vắng mặt" (no-show) pressed by mistake.
        self.NO_SHOW_UNDO_SECONDS = int(os.environ.get("NO_SHOW_UNDO_SECONDS", "60"))
        # How long a no-show may come back into the queue with its code, and where: "front" (its own place,
        # before those who came after it) or "back" (behind everyone waiting).
        self.NO_SHOW_RETURN_MINUTES = int(os.environ.get("NO_SHOW_RETURN_MINUTES", "30"))
        self.NO_SHOW_RETURN_POSITION = os.environ.get("NO_SHOW_RETURN_POSITION", "front")
        # Sign-in limits ("attempts/seconds"; only failed attempts count) and the rate-limit store.
        self.LOGIN_ACCOUNT_LIMIT = os.environ.get("LOGIN_ACCOUNT_LIMIT", "10/900")
        self.LOGIN_ADDRESS_LIMIT = os.environ.get("LOGIN_ADDRESS_LIMIT", "30/900")
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or None
        self.PASSWORD_CHECKS_AT_ONCE = int(os.environ.get("PASSWORD_CHECKS_AT_ONCE", "2"))
        self.PASSWORD_CHECK_WAIT_SECONDS = float(os.environ.get("PASSWORD_CHECK_WAIT_SECONDS", "10"))
        self.API_TOKEN_MAX_AGE = int(os.environ.get("API_TOKEN_MAX_AGE", str(12 * 3600)))
        # Operations: LOG_FORMAT=json for a log collector; TRUST_PROXY=<number of proxies in front> (nginx: 1)
        # makes request.remote_addr the client's address. Without it X-Forwarded-For is ignored: anyone can
        # write that header, and rate limits keyed on it would be a hole.
        self.LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain").strip().lower()
        self.TRUST_PROXY = _count_from_env("TRUST_PROXY")
        # Request bodies larger than this are refused with 413 before they are read.
        self.MAX_CONTENT_LENGTH = max_content_length(os.environ.get("MAX_CONTENT_LENGTH"))
        self.SESSION_COOKIE_SAMESITE = "Lax"
        # Behind https the session cookie must never travel over plain http.
        self.SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", self.PUBLIC_URL.startswith("https://"))
        self.SESSION_COOKIE_HTTPONLY = True


def _count_from_env(name: str) -> int:
    """A non-negative count; "1"/"true"/"yes" mean one, anything unreadable means none."""
    value = os.environ.get(name, "").strip().lower()
    if value in ("true", "yes", "on"):
        return 1
    return int(value) if value.isdigit() else 0


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    return default


def _language_from_env() -> str:
    """LANGUAGE=vi|en picks the default. Anything else (a desktop's POSIX "en_US:en", say) keeps Vietnamese."""
    value = os.environ.get("LANGUAGE", "vi").strip().lower()
    return value if value in ("vi", "en") else "vi"
