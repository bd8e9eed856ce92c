"""The kiosk's "Ưu tiên" path: a citizen of a priority group taps "Ưu tiên", then their group (one large button
each), then the service; the ticket is issued as a priority ticket of that group (kiosk/views.py:take_ticket)."""

from flask import abort

from models import db
from models.priority import active_categories
from models.queries import service_board
from motcua.web import current_site

from . import bp
from .enrolment import issuer_at
from .views import _page


@bp.get("/priority")
def priority_groups():
    site = current_site()
    if issuer_at(site) is None:
        return _page("kiosk/not_enrolled.html", site=site), 403
    return _page("kiosk/priority.html", site=site, categories=active_categories(db.session, site.id))


@bp.get("/priority/<code>")
def priority_services(code: str):
    site = current_site()
    if issuer_at(site) is None:
        return _page("kiosk/not_enrolled.html", site=site), 403
    category = next((c for c in active_categories(db.session, site.id) if c.code == code), None)
    if category is None:
        abort(404)
    return _page(
        "kiosk/priority_services.html",
        site=site,
        category=category,
        services=service_board(db.session, site),
    )
