"""JSON API v1: the same rules as the screens, for integrations and tests."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from . import auth, counters, errors, procedures, ratings, services, tickets  # noqa: E402,F401
