"""The data and the queue rules. No Flask request, no Socket.IO, no templates in this package."""

from .auth_session import AuthKind, AuthSession
from .base import db, utcnow
from .catalogue import (
    DocumentKind,
    Field,
    Procedure,
    ProcedureDocument,
    SiteProcedureFee,
    service_fields,
    service_procedures,
)
from .counter_event import CounterEvent
from .device import Device, DeviceKind
from .issuing import IssueRequest
from .printing import PrintRecord
from .rating import Level, Rating
from .service import Counter, CounterService, CounterStatus, Service
from .site import Site
from .ticket import Priority, Status, Ticket, TicketEvent, TicketSequence
from .user import Role, User

__all__ = [
    "AuthKind",
    "AuthSession",
    "db",
    "utcnow",
    "Counter",
    "CounterEvent",
    "CounterService",
    "CounterStatus",
    "Device",
    "DocumentKind",
    "DeviceKind",
    "Field",
    "IssueRequest",
    "Level",
    "Priority",
    "PrintRecord",
    "Procedure",
    "ProcedureDocument",
    "Rating",
    "Role",
    "Service",
    "Site",
    "SiteProcedureFee",
    "Status",
    "Ticket",
    "TicketEvent",
    "TicketSequence",
    "User",
    "service_fields",
    "service_procedures",
]
