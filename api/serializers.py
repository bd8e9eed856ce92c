"""How tickets, services and counters look in JSON."""

from models import Counter, PriorityCategory, Service, Ticket
from motcua.web import public_url


def ticket_json(ticket: Ticket, **extra) -> dict:
    counter = ticket.counter
    data = {
        "id": ticket.id,
        "code": ticket.code,
        "number": ticket.number,
        "token": ticket.token,
        "status": ticket.status,
        "day": ticket.day.isoformat(),
        "service": {"id": ticket.queue_service.id, "name": ticket.queue_service.name},
        "issued_for_service_id": ticket.service_id,
        "counter": {"id": counter.id, "number": counter.number, "name": counter.name} if counter else None,
        "priority": ticket.priority,
        "priority_category": category_json(ticket.priority_category) if ticket.priority_category else None,
        "cancel_reason": ticket.cancel_reason,
        "issued_at": _iso(ticket.issued_at),
        "called_at": _iso(ticket.called_at),
        "served_at": _iso(ticket.served_at),
        "finished_at": _iso(ticket.finished_at),
        "url": public_url("public.ticket", token=ticket.token),
    }
    data.update(extra)
    return data


def service_json(service: Service, waiting: int, is_open: bool) -> dict:
    return {
        "id": service.id,
        "site_id": service.site_id,
        "name": service.name,
        "description": service.description,
        "prefix": service.prefix,
        "open": is_open,
        "waiting": waiting,
    }


def counter_json(counter: Counter) -> dict:
    return {
        "id": counter.id,
        "site_id": counter.site_id,
        "number": counter.number,
        "name": counter.name,
        "status": counter.status,
        "service_ids": counter.service_ids,
        "officer": counter.officer.full_name if counter.officer else None,
    }


def _iso(value):
    return value.isoformat() + "Z" if value else None


def category_json(category: PriorityCategory) -> dict:
    return {"id": category.id, "code": category.code, "name": category.name, "mark": category.mark}
