"""Read-only questions the screens ask, one module per subject: the queue, the catalogue, ratings, and what a
counter screen or a wall board shows. Import them from here (`from models.queries import current_ticket`)."""

from .catalogue import fields_with_procedures, offered_procedures, procedure_by_code, receiving_service
from .display import counter_display, display_board
from .queue import (
    average_service_minutes,
    current_ticket,
    estimated_wait_minutes,
    last_no_show,
    minutes_per_call,
    open_counters_for,
    recent_calls,
    service_board,
    ticket_by_code_today,
    ticket_by_token,
    ticket_in_hand,
    today,
    undoable_no_show,
    waiting_counts,
)
from .ratings import awaiting_rating, dissatisfied_today, is_rated, rating_of, rating_skipped
from .screens import counter_panel
from .waiting import next_candidate, people_ahead, place_in_queue, waiting_list

__all__ = [
    "average_service_minutes",
    "awaiting_rating",
    "counter_panel",
    "counter_display",
    "current_ticket",
    "dissatisfied_today",
    "estimated_wait_minutes",
    "fields_with_procedures",
    "is_rated",
    "last_no_show",
    "minutes_per_call",
    "offered_procedures",
    "open_counters_for",
    "people_ahead",
    "place_in_queue",
    "procedure_by_code",
    "rating_of",
    "rating_skipped",
    "receiving_service",
    "recent_calls",
    "service_board",
    "ticket_by_code_today",
    "ticket_by_token",
    "ticket_in_hand",
    "today",
    "undoable_no_show",
    "display_board",
    "waiting_counts",
    "waiting_list",
    "next_candidate",
]
