"""Limits on what a script could hammer: sign-in (per account and per address) and ratings (per address).

Flask-Limiter counts in Redis when RATELIMIT_STORAGE_URI or SOCKETIO_MESSAGE_QUEUE names one, so every
process shares one count; in memory on a one-process install. Keys stay bounded: an address, or an account
name cut to 80 characters, never a raw URL token (a script posting to 5,000 made-up tokens made 5,000 keys).
Nothing locks an account for good: a window passes and the account signs in again.
"""

from flask import current_app, g, request
from flask_babel import gettext as _
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

# Behind nginx, ProxyFix (or the server) sets remote_addr; never trust a raw X-Forwarded-For here.
limiter = Limiter(key_func=get_remote_address)


def storage_uri(config) -> str:
    """RATELIMIT_STORAGE_URI, else the Redis that carries Socket.IO, else this process's memory."""
    if config.get("RATELIMIT_STORAGE_URI"):
        return config["RATELIMIT_STORAGE_URI"]
    queue = config.get("SOCKETIO_MESSAGE_QUEUE") or ""
    return queue if queue.startswith(("redis://", "rediss://")) else "memory://"


def init_app(app) -> None:
    app.config["RATELIMIT_STORAGE_URI"] = storage_uri(app.config)
    # Separate installs (or test runs) sharing one Redis keep separate counts.
    app.config.setdefault("RATELIMIT_KEY_PREFIX", app.config.get("SOCKETIO_CHANNEL", "motcua"))
    # A Redis outage must not lock every officer out: count in memory until it is back.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)


def _spec(setting: str, default: str) -> str:
    """A setting written as "attempts/seconds" (e.g. 10/60), as Flask-Limiter's "10 per 60 seconds"."""
    try:
        attempts, seconds = str(current_app.config.get(setting, default)).split("/")
        return f"{max(1, int(attempts))} per {max(1, int(float(seconds)))} seconds"
    except ValueError:
        attempts, seconds = default.split("/")
        return f"{attempts} per {seconds} seconds"


# --- sign-in ------------------------------------------------------------------------------------------------


def login_account_limit() -> str:
    return _spec("LOGIN_ACCOUNT_LIMIT", "10/900")


def login_address_limit() -> str:
    return _spec("LOGIN_ADDRESS_LIMIT", "30/900")


def login_account_key() -> str:
    data = request.get_json(silent=True) if request.is_json else request.form
    username = data.get("username") if isinstance(data, dict) else None  # a MultiDict is a dict too
    return "account:" + (username.strip().lower()[:80] if isinstance(username, str) else "")


def login_failed() -> None:
    """The view says so; only failed sign-ins count, so a busy counter signing in all day is never refused."""
    g.login_failed = True


def _counts_as_failure(_response) -> bool:
    return bool(g.get("login_failed"))


def login_message() -> str:
    return _("Đăng nhập sai quá nhiều lần. Xin vui lòng đợi ít phút rồi thử lại.")


def login_limits(on_breach=None):
    """The two sign-in limits, for the web form and the API token; failures count, successes do not."""
    common = {"methods": ["POST"], "deduct_when": _counts_as_failure, "error_message": login_message}

    def decorate(view):
        # Shared limits: the web form and the API token count against the same account and address.
        view = limiter.shared_limit(login_address_limit, "login-address", on_breach=on_breach, **common)(view)
        return limiter.shared_limit(
            login_account_limit, "login-account", key_func=login_account_key, on_breach=on_breach, **common
        )(view)

    return decorate


# --- ratings --------------------------------------------------------------------------------------------------


def rating_limit() -> str:
    return _spec("RATING_RATE_LIMIT", "10/60")


def rating_limits(on_breach=None):
    """Rating posts per address, shared by the phone page and the API."""
    return limiter.shared_limit(
        rating_limit,
        scope="rating",
        error_message=lambda: _("Quá nhiều yêu cầu. Xin vui lòng thử lại sau ít phút."),
        on_breach=on_breach,
    )


# --- dossier look-ups ---------------------------------------------------------------------------------------


def lookup_limit() -> str:
    return _spec("DOSSIER_LOOKUP_LIMIT", "10/300")


def lookup_missed() -> None:
    """The view says so: only codes that name no dossier count, so a citizen reopening their page is never
    refused while a script guessing codes soon is."""
    g.lookup_missed = True


def lookup_limits(on_breach=None):
    """Dossier look-ups per address (the public page /hs/… and the kiosk's "Tra cứu hồ sơ" share one count)."""
    return limiter.shared_limit(
        lookup_limit,
        scope="dossier-lookup",
        methods=["GET", "POST"],
        deduct_when=lambda _response: bool(g.get("lookup_missed")),
        error_message=lambda: _("Đã tra cứu sai quá nhiều lần. Xin vui lòng đợi ít phút rồi thử lại."),
        on_breach=on_breach,
    )
