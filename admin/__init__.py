"""The back office (/admin/): today's figures now; configuration and reports grow here."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import dashboard  # noqa: E402,F401
from . import procedures as _procedures  # noqa: E402,F401  (catalogue and fees)
