"""Nhận kết quả: the kiosk issues a ticket to hand a ready result back, carrying the dossier, so the officer who
calls the ticket sees which dossier to return.

The ticket is for the service the procedure is received at in this site (the first active one), else the queue
the dossier was received through. A second tap while that ticket still waits gives the same ticket back."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from . import errors
from .catalogue import service_procedures
from .dossier import Dossier, DossierStatus
from .queries import place_in_queue
from .queue import IssuedTicket, issue_ticket
from .service import Service
from .ticket import Status


def return_service_id(session, dossier: Dossier) -> int | None:
    service_id = session.scalar(
        select(Service.id)
        .join(service_procedures, service_procedures.c.service_id == Service.id)
        .where(
            Service.site_id == dossier.site_id,
            Service.active.is_(True),
            service_procedures.c.procedure_id == dossier.procedure_id,
        )
        .order_by(Service.position, Service.id)
        .limit(1)
    )
    if service_id is None and dossier.ticket is not None:
        service_id = dossier.ticket.queue_service_id
    return service_id


def issue_return_ticket(session, dossier_id: int, site_id: int, *, now=None) -> IssuedTicket:
    """:raise NotFound: no such dossier at this site. :raise RuleError: the result is not ready (yet)."""
    dossier = session.get(Dossier, dossier_id)
    if dossier is None or dossier.site_id != site_id:
        raise errors.NotFound(_l("Không tìm thấy hồ sơ."))
    if dossier.status != DossierStatus.RESULT_READY:
        raise errors.RuleError(_l("Hồ sơ này chưa có kết quả để trả."))
    earlier = dossier.return_ticket
    if earlier is not None and earlier.status not in Status.FINISHED:
        return IssuedTicket(earlier, *place_in_queue(session, earlier))
    service_id = return_service_id(session, dossier)
    if service_id is None:
        raise errors.ServiceClosed()
    issued = issue_ticket(session, service_id, channel="kiosk", now=now)
    dossier.return_ticket_id = issued.ticket.id
    return issued
