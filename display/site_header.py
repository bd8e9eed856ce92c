"""GET /display/site-header?site=CODE: the wall display's header fragment (centre name, hotline), refetched when
the centre is changed in the back office (templates/partials/site_header.html)."""

from flask import render_template, url_for

from motcua.web import current_site

from . import bp


@bp.get("/site-header")
def site_header():
    site = current_site()
    return render_template(
        "partials/site_header.html",
        site=site,
        show_hours=False,
        site_header_url=url_for("display.site_header", site=site.code),
    )
