"""GET /healthz for the load balancer and the monitoring: is this process fit to take traffic?

200 while the database answers (status "ok", or "degraded" when the message queue is down or a printer is
failing: the process still serves its screens), 503 "down" when the database does not. Cheap (one trivial query
and one small grouped one, a Redis PING with a short timeout) and safe to expose: names no host, user or error
text, only check names and states.
"""

import redis
from flask import Blueprint, current_app, jsonify
from sqlalchemy import func, select, text

from models import PrintRecord, db

bp = Blueprint("health", __name__)

OK, DOWN, NOT_CONFIGURED = "ok", "down", "not_configured"
REDIS_TIMEOUT_SECONDS = 0.5


def check_database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return OK
    except Exception:  # any failure means the same to a load balancer: send no traffic here
        current_app.logger.warning("Health check: the database does not answer", exc_info=True)
        db.session.rollback()
        return DOWN


def check_message_queue() -> str:
    url = current_app.config.get("SOCKETIO_MESSAGE_QUEUE")
    if not url:
        return NOT_CONFIGURED
    client = redis.Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
    )
    try:
        client.ping()
        return OK
    except (redis.RedisError, OSError):
        current_app.logger.warning("Health check: the message queue does not answer")
        return DOWN
    finally:
        client.close()


def failing_printers() -> int:
    """How many printers' latest print attempt failed (all sites)."""
    latest = select(func.max(PrintRecord.id)).group_by(PrintRecord.site_id, PrintRecord.printer_key)
    return db.session.scalar(
        select(func.count()).where(PrintRecord.id.in_(latest.scalar_subquery()), PrintRecord.ok.is_(False))
    )


def health() -> tuple[dict, int]:
    database = check_database()
    checks = {"database": database, "message_queue": check_message_queue()}
    if database == OK:
        failing = failing_printers()
        checks["printers"] = {"status": OK if failing == 0 else "alert", "failing": failing}
    else:
        checks["printers"] = {"status": "unknown"}
    if database != OK:
        status = "down"
    elif checks["message_queue"] == DOWN or checks["printers"]["status"] != OK:
        status = "degraded"
    else:
        status = "ok"
    return {"status": status, "checks": checks}, 503 if status == "down" else 200


@bp.get("/healthz")
def healthz():
    body, status = health()
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, status
