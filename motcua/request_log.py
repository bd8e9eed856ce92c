"""Request ids and one log line per request: JSON when LOG_FORMAT=json (for a log collector), plain otherwise.

The request id comes from nginx's X-Request-Id when it is sane (so one id follows a request through nginx's
and the app's logs), else it is generated; it is echoed in the response and carried by every log record made
while the request runs. Paths are logged without their query string and with secrets replaced: a ticket's
token (/t/<token>) is the key to its page and rating, so it never reaches a log file.
"""

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request

HEADER = "X-Request-Id"
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
# URL variables whose values are secrets (ticket tokens, device or tablet keys).
_SECRET_ARGS = ("token", "key")
# A path that matched no route has no named variables: hide anything shaped like a token.
_TOKEN_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_-]{16,}(?=/|$)")

access_log = logging.getLogger("motcua.access")


def request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


def logged_path() -> str:
    """request.path with the values of secret URL variables (or, off-route, token-shaped segments) hidden."""
    path = request.path
    if request.url_rule is None:
        return _TOKEN_SEGMENT.sub("…", path)
    for name, value in (request.view_args or {}).items():
        if name in _SECRET_ARGS or name.endswith(("_token", "_key")):
            path = path.replace(str(value), "…")
    return path


class RequestIdFilter(logging.Filter):
    """Gives every record a request_id attribute (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": getattr(record, "request_id", None),
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def init_app(app: Flask) -> None:
    _configure_handler(app)

    @app.before_request
    def _start():
        given = request.headers.get(HEADER, "")
        g.request_id = given if _SANE_ID.match(given) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish(response):
        if "request_id" not in g:  # a request that failed before before_request ran
            return response
        response.headers[HEADER] = g.request_id
        fields = {
            "method": request.method,
            "path": logged_path(),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - g.request_started) * 1000, 1),
            "remote_addr": request.remote_addr,
        }
        message = "{method} {path} {status} {duration_ms} ms {remote_addr}".format(**fields)
        access_log.info(message, extra={"fields": fields})
        return response


def _configure_handler(app: Flask) -> None:
    """One stderr handler on the "motcua" logger (app.logger and motcua.access), formatted per LOG_FORMAT.
    Records still propagate, so a host that configures the root logger (or pytest) sees them too."""
    logger = logging.getLogger("motcua")
    for handler in [h for h in logger.handlers if getattr(h, "motcua", False)]:
        logger.removeHandler(handler)  # create_app() may run more than once in a process (tests)
    handler = logging.StreamHandler()
    handler.motcua = True
    handler.addFilter(RequestIdFilter())
    json_logs = app.config.get("LOG_FORMAT") == "json"
    handler.setFormatter(JsonFormatter() if json_logs else logging.Formatter(PLAIN_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = True
