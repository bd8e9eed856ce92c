"""The centre's header on the public screens: its name, its opening hours (the kiosk) and its hotline
(templates/partials/site_header.html). Each screen serves it as a fragment at its own /site-header?site=CODE,
refetched when the centre is changed in the back office (site_changed) and on every (re)connect."""

from flask import Blueprint, render_template, url_for

from .web import current_site


def add_site_header(bp: Blueprint, *, show_hours: bool) -> None:
    """Serve GET <bp's prefix>/site-header?site=CODE, endpoint `<bp>.site_header`, on a screen's blueprint."""

    def site_header():
        site = current_site()
        return render_template(
            "partials/site_header.html",
            site=site,
            show_hours=show_hours,
            site_header_url=url_for(f"{bp.name}.site_header", site=site.code),
        )

    bp.add_url_rule("/site-header", "site_header", site_header)
