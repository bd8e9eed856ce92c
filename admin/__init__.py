"""The back office (/admin/): today's figures, printers, the procedure catalogue and fees."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import counters, dashboard, printers, procedures, reports  # noqa: E402,F401
