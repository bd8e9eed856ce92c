"""The one table of counter actions, read by the counter screen and the JSON API alike.

Each action names its rule and the arguments it takes. A caller parses its own input (form or JSON) into those
plain arguments first, then runs `perform(session, run_counter_action, name, counter_id, officer, **arguments)`
once: nothing is parsed inside the retried transaction, and two screens never reimplement a dispatch."""

from collections.abc import Callable
from dataclasses import dataclass, field

from . import counter_operations as operations
from . import queue

TICKET = (
    "ticket_id"  # the ticket the caller's screen showed (optional: None acts on the counter's current one)
)
TARGET = ("service_id", "to_counter_id")  # where a transfer sends the citizen (exactly one of the two)
UNDO_WINDOW = "window_seconds"  # NO_SHOW_UNDO_SECONDS, given by the caller (models/ reads no app config)
CODE = "code"  # a ticket's code as typed (call a chosen ticket)
REASON = "reason"  # why: CancelReason or PauseReason
CATEGORY = "category"  # a priority category's code, or None to remove priority


@dataclass(frozen=True)
class CounterAction:
    rule: Callable
    takes: tuple[str, ...] = ()
    fixed: dict = field(default_factory=dict)
    # Whether the action answers with a ticket (the API offers these); the others change the counter itself.
    moves_ticket: bool = True


ACTIONS: dict[str, CounterAction] = {
    "call-next": CounterAction(queue.call_next),
    "recall": CounterAction(queue.recall, (TICKET,)),
    "start": CounterAction(queue.start_serving, (TICKET,)),
    "complete": CounterAction(queue.complete, (TICKET,)),
    "no-show": CounterAction(queue.no_show, (TICKET,)),
    "undo-no-show": CounterAction(queue.undo_no_show, (TICKET, UNDO_WINDOW)),
    "transfer": CounterAction(queue.transfer, (TICKET, *TARGET)),
    "call": CounterAction(operations.call_ticket, (TICKET, CODE)),
    "hold": CounterAction(operations.hold, (TICKET,)),
    "resume": CounterAction(operations.resume, (TICKET,)),
    "cancel": CounterAction(operations.cancel, (TICKET, REASON)),
    "priority": CounterAction(operations.prioritise_at_counter, (TICKET, CATEGORY)),
    "pause": CounterAction(operations.pause, (REASON,), moves_ticket=False),
    "resume-service": CounterAction(operations.resume_service, moves_ticket=False),
    "close": CounterAction(operations.close, moves_ticket=False),
}


def run_counter_action(session, name: str, counter_id: int, officer, **arguments):
    """Run the named action with only the arguments it takes (already parsed by the caller)."""
    action = ACTIONS[name]
    given = {key: arguments.get(key) for key in action.takes}
    return action.rule(session, counter_id, officer, **given, **action.fixed)
