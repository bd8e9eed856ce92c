"""What an event may carry: only what a screen shows, and the ids the screens match on.

Never a ticket's token (whoever holds it can rate that ticket), a person's name or a phone number, on any
namespace: a stranger may open the kiosk's, the display's or a ticket page's socket.
"""

from models import Ticket

# What every screen may be told about a ticket.
SHOWN_TICKET_FIELDS = (
    "code",
    "status",
    "site_id",
    "service_id",
    "service_name",
    "counter_id",
    "counter_number",
    "counter_name",
)


def ticket_payload(ticket: Ticket) -> dict:
    counter = ticket.counter
    payload = {
        "code": ticket.code,
        "status": ticket.status,
        "site_id": ticket.site_id,
        "service_id": ticket.queue_service_id,
        "service_name": ticket.queue_service.name,
        "counter_id": counter.id if counter else None,
        "counter_number": counter.number if counter else None,
        "counter_name": counter.name if counter else None,
    }
    assert tuple(payload) == SHOWN_TICKET_FIELDS
    return payload


def queue_payload(site_id, service_ids) -> dict:
    return {"site_id": site_id, "service_ids": service_ids}


def counter_payload(site_id, counter_id) -> dict:
    return {"site_id": site_id, "counter_id": counter_id}


def rating_payload(rating: dict) -> dict:
    """A rating as the tablet and the supervisors' alert see it: the level, the counter and the ticket's code."""
    return {
        "level": rating["level"],
        "counter_id": rating["counter_id"],
        "ticket_code": rating["ticket_code"],
    }
