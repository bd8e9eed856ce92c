"""Room names. A ticket's room is named by its id, so no event and no room ever needs the ticket's token."""


def site_room(site_id) -> str:
    return f"site:{site_id}"


def counter_room(counter_id) -> str:
    return f"counter:{counter_id}"


def device_room(device_id) -> str:
    return f"device:{device_id}"


def ticket_room(ticket_id) -> str:
    return f"ticket:{ticket_id}"
