"""The rating rules in models/rating_rules.py: served only, one per ticket, the window, bad input, the tablet's
question on (re)connect."""

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from models import Level, Rating, TicketEvent, db, rating_rules, signals
from models import queue as rules
from models.errors import NotFound
from models.queries import awaiting_rating
from models.transaction import perform

T0 = datetime(2026, 11, 20, 2, 0)  # 09:00 in Hà Nội


def served_ticket(demo, counter_number=1, officer="canbo1", at=T0):
    """A ticket issued, called and completed at the counter; returns the ticket."""
    counter = demo.counters[counter_number]
    service = counter.services[0]
    perform(db.session, rules.issue_ticket, service.id, now=at)
    ticket = perform(
        db.session, rules.call_next, counter.id, demo.users[officer], now=at + timedelta(minutes=1)
    )
    perform(db.session, rules.complete, counter.id, demo.users[officer], now=at + timedelta(minutes=5))
    return ticket


def rate(ticket, level=Level.SATISFIED, **kwargs):
    if "now" not in kwargs:
        kwargs["now"] = ticket.finished_at + timedelta(minutes=1)
    return perform(db.session, rating_rules.rate, ticket.token, level, **kwargs)


def count(model):
    return db.session.scalar(select(db.func.count()).select_from(model))


def test_a_served_ticket_is_rated_once_with_officer_counter_and_service(demo):
    ticket = served_ticket(demo, counter_number=2, officer="canbo2")
    heard = []

    def listener(_sender, rating, **_):
        heard.append(rating)

    signals.rating_given.connect(listener)
    try:
        rating = rate(ticket, Level.DISSATISFIED, criteria=["thoi_gian_cho"], comment="  Chờ lâu quá  ")
    finally:
        signals.rating_given.disconnect(listener)
    assert rating.officer_id == demo.users["canbo2"].id
    assert rating.counter_id == demo.counters[2].id
    assert rating.service_id == ticket.queue_service_id
    assert rating.comment == "Chờ lâu quá" and rating.criteria == ["thoi_gian_cho"]
    assert heard and heard[0]["level"] == "khong_hai_long" and heard[0]["ticket_code"] == ticket.code
    with pytest.raises(rating_rules.AlreadyRated):
        rate(ticket, Level.VERY_SATISFIED, channel="tablet")
    assert count(Rating) == 1
    assert db.session.scalar(select(Rating.level)) == Level.DISSATISFIED  # the first answer counts


def test_only_a_done_ticket_can_be_rated(demo):
    a = demo.services["A"]
    waiting = perform(db.session, rules.issue_ticket, a.id, now=T0).ticket
    with pytest.raises(rating_rules.NotServed):
        rate(waiting, now=T0)
    perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"], now=T0)
    perform(db.session, rules.no_show, demo.counters[1].id, demo.users["canbo1"], now=T0)
    with pytest.raises(rating_rules.NotServed):
        rate(waiting, now=T0)
    with pytest.raises(NotFound):
        perform(db.session, rating_rules.rate, "no-such-token", Level.SATISFIED)
    assert count(Rating) == 0


def test_the_window_closes_after_the_configured_hours(demo):
    ticket = served_ticket(demo)
    with pytest.raises(rating_rules.RatingClosed):
        rate(ticket, now=ticket.finished_at + timedelta(hours=24, seconds=1))
    with pytest.raises(rating_rules.RatingClosed):
        rate(ticket, now=ticket.finished_at + timedelta(hours=3), window_hours=2)
    assert rate(ticket, now=ticket.finished_at + timedelta(hours=23, minutes=59)).ticket_id == ticket.id


@pytest.mark.parametrize(
    ("level", "criteria", "comment"),
    [
        ("very_good", None, None),
        ("", None, None),
        (None, None, None),
        (Level.SATISFIED, ["thai_do_phuc_vu", "gia_ca"], None),
        (Level.SATISFIED, "thai_do_phuc_vu", None),
        (Level.SATISFIED, [1, 2], None),
        (Level.SATISFIED, None, "x" * 10_000),
        (Level.SATISFIED, None, {"text": "hi"}),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(demo, level, criteria, comment):
    ticket = served_ticket(demo)
    with pytest.raises(rating_rules.InvalidRating):
        rate(ticket, level, criteria=criteria, comment=comment)
    assert count(Rating) == 0


def test_markup_and_nul_bytes_are_stored_as_plain_text(demo):
    ticket = served_ticket(demo)
    rating = rate(ticket, comment="<script>alert(1)</script>\x00 ok")
    assert rating.comment == "<script>alert(1)</script> ok"


def test_two_ratings_at_the_same_instant_give_one_row_and_a_clean_refusal(app, demo):
    ticket = served_ticket(demo)
    token, now = ticket.token, ticket.finished_at + timedelta(minutes=1)
    db.session.remove()
    outcomes, barrier = [], threading.Barrier(4)

    def attempt(level):
        with app.app_context():
            barrier.wait()
            try:
                perform(db.session, rating_rules.rate, token, level, channel="tablet", now=now)
                outcomes.append("ok")
            except rating_rules.AlreadyRated:
                outcomes.append("already")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(lvl,)) for lvl in Level.ALL]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already", "already", "already", "ok"]
    assert count(Rating) == 1


def test_the_tablet_asks_about_the_last_completed_ticket_until_answered_skipped_or_late(demo):
    counter = demo.counters[1]
    ticket = served_ticket(demo)
    finished = ticket.finished_at
    ask = 60
    assert awaiting_rating(db.session, counter.id, ask_seconds=ask, now=finished).id == ticket.id
    assert (
        awaiting_rating(db.session, counter.id, ask_seconds=ask, now=finished + timedelta(seconds=61)) is None
    )
    assert awaiting_rating(db.session, demo.counters[2].id, ask_seconds=ask, now=finished) is None

    assert perform(db.session, rating_rules.skip, ticket.token, counter_id=counter.id, now=finished) is True
    assert perform(db.session, rating_rules.skip, ticket.token, counter_id=counter.id, now=finished) is False
    assert awaiting_rating(db.session, counter.id, ask_seconds=ask, now=finished) is None
    types = db.session.scalars(select(TicketEvent.type).filter_by(ticket_id=ticket.id)).all()
    assert types.count("rating_skipped") == 1
    # Skipped on the tablet, the citizen may still rate on the phone within the window.
    assert rate(ticket, channel="phone").channel == "phone"


def test_a_tablet_cannot_rate_another_counters_ticket(demo):
    ticket = served_ticket(demo, counter_number=1)
    with pytest.raises(NotFound):
        rate(ticket, channel="tablet", counter_id=demo.counters[2].id)
    assert count(Rating) == 0
