"""The ticket's live page /t/<token>: what a citizen sees on their phone after scanning the QR code."""

from flask import abort, render_template

from models import Ticket, db
from models.queries import place_in_queue, ticket_by_token

from . import bp


def _ticket_or_404(token: str) -> Ticket:
    ticket = ticket_by_token(db.session, token)
    if ticket is None:
        abort(404)
    return ticket


def _state(ticket: Ticket) -> dict:
    ahead, wait_minutes = place_in_queue(db.session, ticket)
    return {"ticket": ticket, "site": ticket.site, "ahead": ahead, "wait_minutes": wait_minutes}


@bp.get("/t/<token>")
def ticket(token: str):
    return render_template("public/ticket/page.html", **_state(_ticket_or_404(token)))


@bp.get("/t/<token>/status")
def ticket_status(token: str):
    return render_template("public/ticket/_status.html", **_state(_ticket_or_404(token)))


@bp.get("/")
def index():
    """A landing page for whoever opens the server's address: the screens, one link each."""
    return render_template("public/index.html")
