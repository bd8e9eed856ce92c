"""The kiosk's "people ahead of you" (models/queries/waiting.py: people_ahead) is the place pick_next gives the
ticket: under `ratio` and a maximum wait, checked on generated queues against what call-next really does."""

import random
from datetime import timedelta

import pytest

from models import Ticket, db
from models import queue as rules
from models.priority import Policy, Rules, Waiting, call_order, calls_before, pick_next
from models.queries import estimated_wait_minutes, minutes_per_call, people_ahead
from models.transaction import perform

from .test_priority_policy import START


def brute_force_order(waiting, streak, rules_, now, step):
    """pick_next asked about every waiting ticket at each call (what call_order must equal)."""
    left, order = list(waiting), []
    while left:
        chosen = pick_next(left, streak, rules_, now)
        order.append(chosen)
        left.remove(chosen)
        streak = streak + 1 if chosen.priority else 0
        now += step
    return order


def generated_queue(seed: int, count: int = 60) -> list[Waiting]:
    generator = random.Random(seed)
    return [
        Waiting(n, generator.random() < 0.5, START + timedelta(minutes=generator.uniform(0, 60)))
        for n in range(count)
    ]


POLICIES = [
    Rules(Policy.RATIO, 3),
    Rules(Policy.RATIO, 1, max_wait_minutes=25),
    Rules(Policy.STRICT, max_wait_minutes=15),
    Rules(Policy.STRICT),
    Rules(Policy.OFF),
]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("rules_", POLICIES, ids=lambda r: f"{r.policy}-{r.ratio}-{r.max_wait_minutes}")
def test_call_order_asks_pick_next_about_the_two_heads_only_and_gets_the_same_order(seed, rules_):
    waiting = generated_queue(seed)
    now, step = START + timedelta(minutes=60), timedelta(minutes=2)
    for streak in (0, 2):
        expected = brute_force_order(waiting, streak, rules_, now, step)
        assert call_order(waiting, streak, rules_, now, step) == expected
        for ahead, ticket in enumerate(expected):
            assert calls_before(waiting, ticket.id, streak, rules_, now, step) == ahead


def test_the_clock_moving_on_lets_a_ticket_reach_the_maximum_wait_during_the_queue():
    # A normal ticket at 8:00 behind a long run of priority ones, strict, maximum wait 20 minutes, at 8:10:
    # with no time passing it would be last; one call every 3 minutes makes it overdue at 8:22, the 5th call.
    waiting = [Waiting(1, False, START)] + [
        Waiting(n, True, START + timedelta(minutes=5)) for n in range(2, 12)
    ]
    rules_ = Rules(Policy.STRICT, max_wait_minutes=20)
    at_810 = START + timedelta(minutes=10)
    assert calls_before(waiting, 1, 0, rules_, at_810, timedelta(0)) == 10
    assert calls_before(waiting, 1, 0, rules_, at_810, timedelta(minutes=3)) == 4


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize(
    "policy, ratio, max_wait",
    [(Policy.RATIO, 3, None), (Policy.RATIO, 2, 20), (Policy.STRICT, 3, 15)],
)
def test_people_ahead_is_the_place_call_next_gives_each_ticket(demo, seed, policy, ratio, max_wait):
    """A generated queue in the database; at 9:00 each ticket is told how many are ahead; then one counter
    calls and completes them one after another, at the pace the estimate assumes (the service's default
    length, one counter open): each is called after exactly that many others."""
    site, service = demo.site, demo.services["A"]
    site.priority_policy, site.priority_ratio, site.priority_max_wait_minutes = policy, ratio, max_wait
    db.session.commit()
    generator = random.Random(seed)
    minute, issued = 0.0, []
    for _ in range(25):
        minute += generator.expovariate(1 / 2.0)
        category = "nguoi_cao_tuoi" if generator.random() < 0.5 else None
        at = START + timedelta(minutes=minute)
        issued.append(
            perform(db.session, rules.issue_ticket, service.id, priority_category=category, now=at).ticket
        )
    nine = START + timedelta(minutes=60)
    counter, officer = demo.counters[1], demo.users["canbo1"]
    predicted = {ticket.id: people_ahead(db.session, ticket, nine) for ticket in issued}
    assert sorted(predicted.values()) == list(range(len(issued)))  # a place each, none shared

    perform(db.session, rules.open_counter, counter.id, officer)
    step = timedelta(minutes=minutes_per_call(db.session, issued[0]))
    assert step == timedelta(minutes=service.default_minutes)  # one counter open, no service finished yet
    clock, actual = nine, {}
    for position in range(len(issued)):
        called = perform(db.session, rules.call_next, counter.id, officer, now=clock)
        actual[called.id] = position
        clock += step
        perform(db.session, rules.complete, counter.id, officer, now=clock)
    assert actual == predicted


def test_people_ahead_counts_interleaved_priority_tickets_and_the_estimate_follows(demo):
    service = demo.services["A"]
    normal = perform(db.session, rules.issue_ticket, service.id, now=START).ticket
    for n in range(5):
        perform(
            db.session,
            rules.issue_ticket,
            service.id,
            priority_category="nguoi_cao_tuoi",
            now=START + timedelta(minutes=1 + n),
        )
    # ratio 3 (the default): three priority tickets, then this normal one.
    at = START + timedelta(minutes=10)
    assert people_ahead(db.session, normal, at) == 3
    step = minutes_per_call(db.session, normal)
    assert estimated_wait_minutes(db.session, normal, 3) == round(3 * step)


def test_a_ticket_no_longer_waiting_has_no_one_ahead(demo):
    ticket = perform(db.session, rules.issue_ticket, demo.services["A"].id).ticket
    perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"])
    assert people_ahead(db.session, db.session.get(Ticket, ticket.id)) == 0
