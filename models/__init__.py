"""The data and the queue rules. No Flask request, no Socket.IO, no templates in this package."""

from .auth_session import AuthKind, AuthSession
from .base import db, utcnow
from .catalogue import (
    DocumentKind,
    Field,
    Procedure,
    ProcedureDocument,
    ProcedureStatus,
    SiteProcedureFee,
    service_fields,
    service_procedures,
)
from .catalogue_upkeep import CatalogueImport
from .counter_event import CounterEvent
from .device import Device, DeviceKind
from .dossier import Delivery, Dossier, DossierEvent, DossierSequence, DossierStatus, Timeliness
from .issuing import IssueRequest
from .popularity import ProcedureUse
from .printing import PrintRecord
from .priority import PriorityCategory
from .rating import Level, Rating
from .report_rollup import ReportDay
from .service import Counter, CounterService, CounterStatus, PauseReason, Service
from .site import Site
from .site_day import DayKind, SiteDay
from .synonyms import SearchSynonym
from .ticket import CancelReason, Priority, Status, Ticket, TicketEvent, TicketSequence
from .user import Role, User, UserSite
from .voice_clips import VoiceClip

__all__ = [
    "UserSite",
    "VoiceClip",
    "AuthKind",
    "AuthSession",
    "CatalogueImport",
    "db",
    "utcnow",
    "CancelReason",
    "Counter",
    "DayKind",
    "Delivery",
    "Dossier",
    "DossierEvent",
    "DossierSequence",
    "DossierStatus",
    "SiteDay",
    "Timeliness",
    "CounterEvent",
    "CounterService",
    "CounterStatus",
    "Device",
    "DocumentKind",
    "DeviceKind",
    "Field",
    "IssueRequest",
    "Level",
    "ReportDay",
    "PauseReason",
    "Priority",
    "PriorityCategory",
    "PrintRecord",
    "Procedure",
    "ProcedureDocument",
    "ProcedureStatus",
    "ProcedureUse",
    "Rating",
    "Role",
    "SearchSynonym",
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
