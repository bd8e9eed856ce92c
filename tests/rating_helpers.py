"""Shared by the rating tests: a citizen served at a counter, ready to rate."""

from models import db
from models import queue as rules
from models.transaction import perform


def served(demo, counter_number=1, officer="canbo1"):
    """Issue, call and complete one ticket at the counter; returns the done ticket."""
    counter = demo.counters[counter_number]
    perform(db.session, rules.issue_ticket, counter.services[0].id)
    perform(db.session, rules.call_next, counter.id, demo.users[officer])
    return perform(db.session, rules.complete, counter.id, demo.users[officer])
