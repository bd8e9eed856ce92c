from flask import render_template
from sqlalchemy import select

from models import Counter, db
from models.queries import current_ticket, today
from models.stats import day_summary
from motcua.auth import supervisor_required
from motcua.web import staff_site

from . import bp
from .reports import alerts_context


@bp.get("/")
@supervisor_required
def index():
    site = staff_site()
    counters = db.session.scalars(select(Counter).filter_by(site_id=site.id).order_by(Counter.number)).all()
    return render_template(
        "admin/index.html",
        site=site,
        day=today(site),
        summary=day_summary(db.session, site.id, today(site)),
        counters=counters,
        at_counter={c.id: current_ticket(db.session, c.id) for c in counters},
        **alerts_context(site),
    )
