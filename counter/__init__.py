"""The officer's counter screen (/counter/), with sign-in."""

from flask import Blueprint

bp = Blueprint("counter", __name__)

from . import auth, tablet, views  # noqa: E402,F401
