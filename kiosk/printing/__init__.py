"""Ticket printing on ESC/POS thermal printers, in Vietnamese, that never loses a ticket.

render.py draws tickets and slips as 1-bit images; transports.py turns a printer URL into a python-escpos
printer (or `preview`); status.py reads DLE EOT status; service.py prints with a deadline and records the
outcome; printers.py picks the printer; documents.py and slip.py say what goes on paper.
"""

from .documents import ticket_content, ticket_document
from .service import Outcome, Printer, dispatch


def print_ticket(
    printer: Printer, ticket, ahead: int, wait_minutes: int, url: str, *, kind: str, note: str = ""
) -> Outcome:
    document = ticket_document(ticket_content(ticket, ahead, wait_minutes, url, note=note), printer.settings)
    return dispatch(printer, document, kind=kind, ticket_id=ticket.id)
