"""The rating on the citizen's phone: the ticket page /t/<token> offers it once the ticket is done.

Same rule as the tablet (models.rating_rules.rate): one rating per ticket whatever the channel, served tickets
only, within RATING_WINDOW_HOURS. Attempts are rate-limited per address (RATING_RATE_LIMIT, motcua/throttle.py).
"""

from flask import current_app, make_response, render_template, request
from flask_babel import gettext as _

from models import Level, Ticket, db, rating_rules, utcnow
from models.errors import RuleError
from models.queries import rating_of
from models.transaction import perform
from motcua.throttle import rating_limits

from . import bp
from .ticket import _ticket_or_404


@bp.app_template_global()
def rating_for(ticket: Ticket) -> dict:
    """What the ticket page shows about rating: the rating given, or whether the form is offered."""
    rating = rating_of(db.session, ticket)
    offered = False
    if rating is None and ticket.status == "done":
        try:
            rating_rules.check_rateable(
                db.session, ticket, utcnow(), current_app.config["RATING_WINDOW_HOURS"]
            )
            offered = True
        except RuleError:
            offered = False
    return {
        "rating": rating,
        "offered": offered,
        "levels": [(level, rating_rules.LEVEL_LABELS[level]) for level in Level.ALL],
        "level_labels": rating_rules.LEVEL_LABELS,
        "criteria": list(rating_rules.CRITERION_LABELS.items()),
    }


def _too_many(_limit):
    ticket = _ticket_or_404(request.view_args.get("token", ""))
    notice = _("Ông/bà đã gửi quá nhiều lần. Xin vui lòng thử lại sau ít phút.")
    # htmx swaps a 429 too (htmx-config in base.html): the phone gets the message in place.
    page = render_template("public/ticket/_rating.html", ticket=ticket, notice=notice, form=request.form)
    return make_response(page, 429)


@bp.post("/t/<token>/rating")
@rating_limits(on_breach=_too_many)
def rate_ticket(token: str):
    ticket = _ticket_or_404(token)
    notice = None
    try:
        perform(
            db.session,
            rating_rules.rate,
            token,
            request.form.get("level"),
            request.form.getlist("criteria"),
            request.form.get("comment", ""),
            channel="phone",
            window_hours=current_app.config["RATING_WINDOW_HOURS"],
        )
    except RuleError as error:
        notice = error.message
    return render_template("public/ticket/_rating.html", ticket=ticket, notice=notice, form=request.form)
