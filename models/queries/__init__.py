"""Read-only questions the screens ask, one module per subject: the queue, the catalogue, ratings, and what a
counter screen or a wall board shows. Import them from here (`from models.queries import current_ticket`)."""

from .catalogue import fields_with_procedures, procedure_by_code, receiving_service
from .queue import (
    average_service_minutes,
    current_ticket,
    estimated_wait_minutes,
    last_no_show,
    next_waiting_for,
    open_counters_for,
    people_ahead,
    recent_calls,
    service_board,
    ticket_by_code_today,
    ticket_by_token,
    ticket_in_hand,
    today,
    undoable_no_show,
    waiting_counts,
    waiting_order,
)
from .ratings import awaiting_rating, dissatisfied_today, is_rated, rating_of, rating_skipped
from .screens import counter_panel, display_board

__all__ = [
    "average_service_minutes",
    "awaiting_rating",
    "counter_panel",
    "current_ticket",
    "dissatisfied_today",
    "estimated_wait_minutes",
    "fields_with_procedures",
    "is_rated",
    "last_no_show",
    "next_waiting_for",
    "open_counters_for",
    "people_ahead",
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
    "waiting_order",
]
