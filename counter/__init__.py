"""The officer's counter screen (/counter/), with sign-in and reprints."""

from flask import Blueprint

bp = Blueprint("counter", __name__)

from . import auth, reprint, views  # noqa: E402,F401
