"""Ticket printing on ESC/POS thermal printers, in Vietnamese, that never loses a ticket.

render.py draws tickets and slips as 1-bit images; transports.py turns a printer URL into a python-escpos
printer (or `preview`) and addresses.py says which addresses a back-office printer may use; status.py reads
DLE EOT status; dispatch.py prints with a deadline and records the outcome; printers.py picks the printer;
documents.py and slip.py say what goes on paper; reprint.py reprints and prints test tickets; views.py is the
alert panel the counter and the back office embed. Used by the kiosk, the counter and the back office (no screen
imports another).
"""

from flask import Blueprint

from .dispatch import Outcome, Printer, dispatch
from .documents import ticket_content, ticket_document

bp = Blueprint("printing", __name__)


def print_ticket(
    printer: Printer, ticket, ahead: int, wait_minutes: int, url: str, *, kind: str, note: str = ""
) -> Outcome:
    document = ticket_document(ticket_content(ticket, ahead, wait_minutes, url, note=note), printer.settings)
    return dispatch(printer, document, kind=kind, ticket_id=ticket.id)


from . import views  # noqa: E402,F401
