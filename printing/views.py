"""The printing room's own pages: the live printer-alert panel that the counter screens and the back office
embed (staff of the site only)."""

from flask import render_template, request
from flask_login import login_required

from models import Site, db
from models.printing import alert_rows
from motcua.web import int_arg, site_object_or_404

from . import bp


@bp.get("/alerts")
@login_required
def alerts():
    site = site_object_or_404(Site, int_arg(request.args.get("site_id")))
    return render_template("printing/_alerts.html", site=site, alerts=alert_rows(db.session, site.id))
