from flask import render_template
from sqlalchemy import select

from models import Counter, CounterStatus, db
from models.queries import recent_calls, today
from motcua.web import current_site

from . import bp


def _board(site) -> dict:
    day = today(site)
    calls = recent_calls(db.session, site.id, day, limit=40)
    counters = db.session.scalars(select(Counter).filter_by(site_id=site.id).order_by(Counter.number)).all()
    latest_by_counter = {}
    for ticket in calls:
        latest_by_counter.setdefault(ticket.counter_id, ticket)
    rows = [
        {"counter": counter, "ticket": latest_by_counter.get(counter.id)}
        for counter in counters
        if counter.status != CounterStatus.CLOSED or counter.id in latest_by_counter
    ]
    return {"site": site, "rows": rows, "recent": calls[:8]}


@bp.get("/")
def board_page():
    site = current_site()
    return render_template("display/page.html", **_board(site))


@bp.get("/board")
def board():
    return render_template("display/_board.html", **_board(current_site()))
