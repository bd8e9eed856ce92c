"""The priority policy (models/priority.py: pick_next) on generated arrival streams, and call-next using it."""

import random
from datetime import datetime, timedelta

import pytest

from models import Priority, db
from models import queue as rules
from models.priority import Policy, Rules, Waiting, call_order, pick_next
from models.transaction import perform

START = datetime(2026, 11, 23, 1, 0)  # 08:00 in Hà Nội


def simulate(rules_: Rules, arrivals: list[tuple[float, bool]], service_minutes: float) -> list[tuple]:
    """One counter serving a stream of (minute of arrival, is priority): returns (ticket, called at) in call
    order. The counter calls whenever it is free and someone waits."""
    pending = sorted(arrivals)
    waiting: list[Waiting] = []
    called, streak, clock, index = [], 0, 0.0, 0
    while index < len(pending) or waiting:
        while index < len(pending) and pending[index][0] <= clock:
            minute, is_priority = pending[index]
            waiting.append(Waiting(index, is_priority, START + timedelta(minutes=minute)))
            index += 1
        if not waiting:
            clock = pending[index][0]
            continue
        now = START + timedelta(minutes=clock)
        chosen = pick_next(waiting, streak, rules_, now)
        if rules_.max_wait_minutes:
            overdue = [t for t in waiting if now - t.queued_at >= timedelta(minutes=rules_.max_wait_minutes)]
            # The counter is free now: an overdue ticket, if any, is the one called (the longest-waiting).
            assert not overdue or chosen == min(overdue, key=lambda t: (t.queued_at, t.id))
        waiting.remove(chosen)
        called.append((chosen, now))
        streak = streak + 1 if chosen.priority else 0
        clock += service_minutes
    return called


def steady_stream(seed: int, count: int = 300, priority_share: float = 0.5) -> list[tuple[float, bool]]:
    generator = random.Random(seed)
    minute, stream = 0.0, []
    for _ in range(count):
        minute += generator.expovariate(1 / 2.0)  # one arrival every 2 minutes on average
        stream.append((minute, generator.random() < priority_share))
    return stream


@pytest.mark.parametrize("seed", range(8))
def test_ratio_three_never_lets_more_than_three_priority_tickets_pass_a_waiting_normal_one(seed):
    # Service slower than arrivals: the queue grows, and priority tickets keep coming.
    called = simulate(Rules(Policy.RATIO, 3), steady_stream(seed), service_minutes=3.0)
    passed = {}
    for position, (ticket, _now) in enumerate(called):
        if ticket.priority:
            continue
        # Priority tickets called in a row just before this normal one while it was already waiting.
        run = 0
        for earlier, at in reversed(called[:position]):
            if not earlier.priority:
                break
            if at >= ticket.queued_at:
                run += 1
        passed[ticket.id] = run
    assert passed and max(passed.values()) <= 3
    assert max(passed.values()) == 3  # the stream really was priority-heavy enough to test the limit


@pytest.mark.parametrize("seed", range(4))
def test_strict_calls_every_waiting_priority_ticket_before_any_normal_one(seed):
    called = simulate(Rules(Policy.STRICT), steady_stream(seed), service_minutes=3.0)
    for ticket, now in called:
        if not ticket.priority:
            # No priority ticket was waiting when this normal one was called.
            later_priority = [t for t, at in called if t.priority and t.queued_at <= now and at > now]
            assert later_priority == []
    normal_order = [t.queued_at for t, _ in called if not t.priority]
    assert normal_order == sorted(normal_order)


@pytest.mark.parametrize("policy", [Policy.STRICT, Policy.RATIO])
def test_with_a_maximum_wait_no_ticket_waits_past_it_while_a_counter_is_free(policy):
    """simulate() checks at every call that an overdue ticket goes first; here the counter keeps up with the
    stream, so no wait passes the maximum by more than the one service the counter was busy with."""
    stream = steady_stream(3, count=200, priority_share=0.6)
    service = 1.5
    bounded = simulate(Rules(policy, 3, max_wait_minutes=10), stream, service_minutes=service)
    assert max(at - t.queued_at for t, at in bounded) <= timedelta(minutes=10 + service)
    # The same stream without the maximum: some normal ticket waits far longer behind priority ones.
    unbounded = simulate(Rules(policy, 3), stream, service_minutes=service)
    assert max(at - t.queued_at for t, at in unbounded) > timedelta(minutes=10 + service)


def test_a_ticket_past_the_maximum_wait_goes_before_newer_priority_tickets():
    now = START + timedelta(minutes=30)
    old_normal = Waiting(1, False, START)
    fresh_priority = Waiting(2, True, START + timedelta(minutes=25))
    assert (
        pick_next([old_normal, fresh_priority], 0, Rules(Policy.STRICT, max_wait_minutes=20), now)
        == old_normal
    )
    assert pick_next([old_normal, fresh_priority], 0, Rules(Policy.STRICT), now) == fresh_priority


def test_off_is_first_come_first_served():
    waiting = [Waiting(i, i % 2 == 0, START + timedelta(minutes=10 - i)) for i in range(6)]
    order = call_order(waiting, 0, Rules(Policy.OFF), START + timedelta(hours=1))
    assert [w.id for w in order] == [5, 4, 3, 2, 1, 0]


def test_call_order_of_the_waiting_list_interleaves_as_call_next_would():
    # Six priority tickets then two normal ones, all waiting: ratio 3 gives P P P N P P P N.
    waiting = [Waiting(i, True, START + timedelta(minutes=i)) for i in range(6)]
    waiting += [Waiting(10 + i, False, START - timedelta(minutes=5 - i)) for i in range(2)]
    order = call_order(waiting, 0, Rules(Policy.RATIO, 3), START + timedelta(minutes=10))
    assert [w.priority for w in order] == [True, True, True, False, True, True, True, False]
    # A streak already running counts: after two priority calls, only one more before a normal ticket.
    order = call_order(waiting, 2, Rules(Policy.RATIO, 3), START + timedelta(minutes=10))
    assert [w.priority for w in order[:3]] == [True, False, True]


def test_call_next_follows_the_sites_policy(demo):
    site, counter, officer = demo.site, demo.counters[1], demo.users["canbo1"]
    normal = [perform(db.session, rules.issue_ticket, demo.services["A"].id).ticket.code for _ in range(2)]
    urgent = [
        perform(
            db.session, rules.issue_ticket, demo.services["A"].id, priority_category="nguoi_cao_tuoi"
        ).ticket.code
        for _ in range(4)
    ]
    site.priority_ratio = 2
    db.session.commit()
    order = []
    for _ in range(6):
        ticket = perform(db.session, rules.call_next, counter.id, officer)
        assert ticket.priority == (Priority.PRIORITY if ticket.code in urgent else Priority.NORMAL)
        order.append(ticket.code)
        perform(db.session, rules.complete, counter.id, officer)
    assert order == [urgent[0], urgent[1], normal[0], urgent[2], urgent[3], normal[1]]


def test_the_readme_example():
    eight = START
    waiting = [Waiting(1, False, eight), Waiting(2, False, eight)]
    waiting += [Waiting(n, True, eight + timedelta(minutes=5)) for n in range(3, 9)]
    at_810 = eight + timedelta(minutes=10)
    assert [w.id for w in call_order(waiting, 0, Rules(Policy.RATIO, 3), at_810)] == [3, 4, 5, 1, 6, 7, 8, 2]
    assert [w.id for w in call_order(waiting, 0, Rules(Policy.STRICT), at_810)] == [3, 4, 5, 6, 7, 8, 1, 2]
    at_821 = eight + timedelta(minutes=21)
    assert pick_next(waiting, 0, Rules(Policy.STRICT, max_wait_minutes=20), at_821).id == 1
