"""The kiosk's fragments about the centre itself, refetched when it is changed in the back office (site_changed):
GET /kiosk/site-header?site=CODE (name, hours, hotline: templates/partials/site_header.html) and
GET /kiosk/closed-today?site=CODE (today's closed-day notice, or nothing)."""

from flask import render_template, url_for

from motcua.web import current_site

from . import bp


@bp.get("/site-header")
def site_header():
    site = current_site()
    return render_template(
        "partials/site_header.html",
        site=site,
        show_hours=True,
        site_header_url=url_for("kiosk.site_header", site=site.code),
    )


@bp.get("/closed-today")
def closed_today():
    return render_template("kiosk/_closed_today.html", site=current_site())
