"""The officer's counter screen (/counter/), with sign-in."""

from flask import Blueprint

bp = Blueprint("counter", __name__)

from . import auth, views  # noqa: E402,F401
from .reprint import reprint_ticket  # noqa: E402,F401  (printing at the counter)
