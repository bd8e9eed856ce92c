"""Configuration from the environment (12-factor). Defaults suit a single commune centre on one machine."""

import os
import secrets
from pathlib import Path

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


def _engine_options(url: str) -> dict:
    if url.startswith("sqlite"):
        # Wait for a writer instead of failing at once; several threads and processes share the file.
        return {"connect_args": {"timeout": 15, "check_same_thread": False}}
    return {"pool_pre_ping": True}


class Config:
    def __init__(self) -> None:
        self.SECRET_KEY = _secret_key()
        self.SQLALCHEMY_DATABASE_URI = _database_url()
        self.SQLALCHEMY_ENGINE_OPTIONS = _engine_options(self.SQLALCHEMY_DATABASE_URI)
        self.SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
        # The Redis pub/sub channel: separate installs (or test runs) sharing one Redis must not hear each other.
        self.SOCKETIO_CHANNEL = os.environ.get("SOCKETIO_CHANNEL", "motcua")
        self.PRINTER_URL = os.environ.get("PRINTER_URL", "preview")
        self.PRINTER_PAPER_MM = int(os.environ.get("PRINTER_PAPER_MM", "80"))
        self.PRINTER_PROFILE = os.environ.get("PRINTER_PROFILE", "")
        # Where printers set in the back office may point (kiosk/printing/addresses.py); PRINTER_URL is trusted.
        # Where the `preview` printer writes its images (default instance/printouts/).
        self.PRINTOUTS_DIR = os.environ.get("PRINTOUTS_DIR", "")
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
        # Satisfaction ratings: how long after service a ticket may be rated, and how long the tablet asks.
        self.RATING_WINDOW_HOURS = float(os.environ.get("RATING_WINDOW_HOURS", "24"))
        self.RATING_ASK_SECONDS = int(os.environ.get("RATING_ASK_SECONDS", "60"))
        self.RATING_RATE_LIMIT = os.environ.get(
            "RATING_RATE_LIMIT", "10/60"
        )  # attempts / seconds per address
        self.API_TOKEN_MAX_AGE = int(os.environ.get("API_TOKEN_MAX_AGE", str(12 * 3600)))
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_HTTPONLY = True


def _language_from_env() -> str:
    """LANGUAGE=vi|en picks the default. Anything else (a desktop's POSIX "en_US:en", say) keeps Vietnamese."""
    value = os.environ.get("LANGUAGE", "vi").strip().lower()
    return value if value in ("vi", "en") else "vi"
