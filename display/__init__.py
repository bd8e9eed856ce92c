"""The wall display (/display/): which number goes to which counter, shown and announced."""

from flask import Blueprint

bp = Blueprint("display", __name__)

from . import views  # noqa: E402,F401
