"""The rating tablet at a counter, /counter/<id>/rating?key=…: full screen, facing the citizen, one finger.

At rest it shows the counter and the officer on duty. When the officer completes a ticket (rating_requested)
or whenever it (re)connects, it asks the server which ticket awaits a rating here, so a tablet that lost its
connection asks again about the right ticket, or stays at rest when the moment has passed.
"""

from contextlib import suppress

from flask import abort, current_app, render_template, request
from flask_babel import gettext as _

from models import Counter, Level, db, rating_rules, utcnow
from models.errors import RuleError
from models.queries import awaiting_rating
from models.transaction import perform
from motcua.tablet_keys import key_is_valid

from . import bp


def _tablet_counter(counter_id: int) -> tuple[Counter, str]:
    """The counter this tablet belongs to, checked on every request: a revoked key stops the tablet at its
    next refetch, rating or skip, with a message the supervisor setting it up can act on.

    :raise 404: for a missing counter or a key that is not a live tablet key of this counter.
    """
    key = request.args.get("key")
    counter = db.session.get(Counter, counter_id)
    if counter is None or not key_is_valid(counter_id, key):
        abort(
            404,
            description=_(
                "Máy tính bảng này chưa được đăng ký cho quầy hoặc khoá đã bị thu hồi. "
                "Mở liên kết mới từ trang Thiết bị của trung tâm."
            ),
        )
    return counter, key


def _state(counter: Counter, key: str, **extra) -> dict:
    ask_seconds = current_app.config["RATING_ASK_SECONDS"]
    ticket = awaiting_rating(db.session, counter.id, ask_seconds=ask_seconds)
    seconds_left = 0
    if ticket is not None:
        elapsed = (utcnow() - ticket.finished_at).total_seconds()
        seconds_left = max(1, int(ask_seconds - elapsed))
    return {
        "counter": counter,
        "key": key,
        "ticket": ticket,
        "seconds_left": seconds_left,
        "levels": [(level, rating_rules.LEVEL_LABELS[level]) for level in Level.ALL],
        "criteria": list(rating_rules.CRITERION_LABELS.items()),
        **extra,
    }


@bp.get("/<int:counter_id>/rating")
def page(counter_id: int):
    counter, key = _tablet_counter(counter_id)
    return render_template("tablet/page.html", **_state(counter, key))


@bp.get("/<int:counter_id>/rating/state")
def state(counter_id: int):
    counter, key = _tablet_counter(counter_id)
    return render_template("tablet/_state.html", **_state(counter, key))


@bp.post("/<int:counter_id>/rating")
def rate(counter_id: int):
    counter, key = _tablet_counter(counter_id)
    try:
        perform(
            db.session,
            rating_rules.rate,
            request.form.get("token", ""),
            request.form.get("level"),
            request.form.getlist("criteria"),
            request.form.get("comment", ""),
            channel="tablet",
            counter_id=counter.id,
            window_hours=current_app.config["RATING_WINDOW_HOURS"],
        )
    except RuleError as error:
        return render_template("tablet/_state.html", **_state(counter, key, notice=error.message))
    return render_template("tablet/_state.html", **_state(counter, key, thanks=True))


@bp.post("/<int:counter_id>/rating/skip")
def skip(counter_id: int):
    """Nobody answered in time: recorded as not rated (a "rating_skipped" event); back to rest."""
    counter, key = _tablet_counter(counter_id)
    with suppress(RuleError):  # a token that is not this counter's: nothing to record, just rest
        perform(db.session, rating_rules.skip, request.form.get("token", ""), counter_id=counter.id)
    return render_template("tablet/_state.html", **_state(counter, key))
