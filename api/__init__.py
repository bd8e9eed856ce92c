"""JSON API v1: the same rules as the screens, for integrations and tests."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from . import (  # noqa: E402,F401
    auth,
    counters,
    dossiers,
    errors,
    priority,
    procedures,
    ratings,
    reports,
    services,
    tickets,
)
