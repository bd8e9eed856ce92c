"""The back office (/admin/): today's figures now; configuration and reports grow here."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import dashboard, reports  # noqa: E402,F401
