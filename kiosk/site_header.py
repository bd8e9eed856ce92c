"""The kiosk's fragments about the centre itself, refetched when it is changed in the back office (site_changed):
GET /kiosk/site-header?site=CODE (name, hours, hotline: motcua/site_header.py) and
GET /kiosk/closed-today?site=CODE (today's closed-day notice, or nothing)."""

from flask import render_template

from motcua.site_header import add_site_header
from motcua.web import current_site

from . import bp

add_site_header(bp, show_hours=True)


@bp.get("/closed-today")
def closed_today():
    return render_template("kiosk/_closed_today.html", site=current_site())
