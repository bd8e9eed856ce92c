"""What the reports count of a counter's pauses: a `paused` counter event with its reason, then a
`pause_ended` one with its length in seconds, however the pause ends (the officer opens again, signs in again,
closes; a supervisor reopens or releases the counter)."""

from datetime import datetime

from .counter_event import CounterEvent
from .service import Counter, CounterStatus
from .user import User


def counter_event(session, counter: Counter, type_: str, actor: User, now: datetime, **data) -> None:
    session.add(
        CounterEvent(
            counter_id=counter.id,
            site_id=counter.site_id,
            type=type_,
            at=now,
            actor_id=actor.id,
            officer_id=counter.officer_id,
            data=data,
        )
    )


def end_pause(session, counter: Counter, actor: User, now: datetime) -> None:
    """Record how long the pause lasted (the reports add these up); the caller changes the status."""
    if counter.status == CounterStatus.PAUSED and counter.paused_at is not None:
        seconds = max(0, round((now - counter.paused_at).total_seconds()))
        counter_event(
            session, counter, "pause_ended", actor, now, reason=counter.pause_reason, seconds=seconds
        )
