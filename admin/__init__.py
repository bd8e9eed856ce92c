"""The back office (/admin/): today's figures, printers, the procedure catalogue and fees."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import dashboard, printers, procedures  # noqa: E402,F401
