"""The wall display (/display/): which number goes to which counter, shown and announced."""

from flask import Blueprint

bp = Blueprint("display", __name__)

from . import site_header, views  # noqa: E402,F401
