"""The wall display (/display/): which number goes to which counter, shown and announced."""

from flask import Blueprint

from motcua.site_header import add_site_header

bp = Blueprint("display", __name__)
add_site_header(bp, show_hours=False)  # the centre's name and hotline, without the opening hours

from . import views  # noqa: E402,F401
