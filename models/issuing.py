"""One tap, one ticket. A ticket request may carry a key its sender made (a kiosk's tap burst, an API client's
Idempotency-Key): for a short while the same key from the same sender returns the ticket already issued
instead of a second one. A retry after a lost answer (a timeout, a connection dropped after the commit) thus
finds the ticket that was committed, and a double tap gets one number.

Two requests with the same key race on UNIQUE(scope, key). The claim row is written before the ticket
(INSERT … ON CONFLICT DO NOTHING), so the database makes the second request wait for the first and then
inserts nothing for it; the loser reads the winner's ticket. Nothing else of the loser has been written by then.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, Index, String, UniqueConstraint, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from . import errors
from .base import db, utcnow
from .queries import place_in_queue
from .queue import IssuedTicket, issue_ticket, issuing_service
from .ticket import Priority, Ticket

_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
_INSERTS = {"sqlite": sqlite_insert, "postgresql": pg_insert}


class IssueRequest(db.Model):
    """A ticket request that carried a key: (scope, key) → the ticket it got. `scope` names the sender
    ("device:3" for a kiosk, "user:7" for a staff member), so two senders never share a key."""

    __tablename__ = "issue_requests"
    __table_args__ = (
        UniqueConstraint("scope", "key"),
        Index("ix_issue_requests_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(64))
    # Written in the same transaction as the claim, so a committed row always names its ticket.
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


@dataclass
class IssueResult:
    issued: IssuedTicket
    repeated: bool  # True: the key had already been answered; this is that ticket (do not print it again)


def clean_key(value) -> str | None:
    """The sender's key if it is one we accept (8–64 letters, digits, '-' or '_'), else None."""
    if isinstance(value, str) and _KEY.fullmatch(value.strip()):
        return value.strip()
    return None


def issue_once(
    session,
    service_id,
    *,
    scope: str,
    key: str | None,
    site_id: int | None,
    window_seconds: float,
    priority: int = Priority.NORMAL,
    priority_category=None,
    channel: str = "kiosk",
    now: datetime | None = None,
) -> IssueResult:
    """Issue a ticket for a sender of site `site_id` (None: any site), once per `key` within the window.

    :raise NotFound: no such service.
    :raise Forbidden: the service belongs to another site than the sender's.
    """
    now = now or utcnow()
    service = issuing_service(session, service_id)
    if service is None:
        raise errors.NotFound(_l("Không có dịch vụ này."))
    if site_id is not None and service.site_id != site_id:
        raise errors.Forbidden(_l("Không được lấy số cho dịch vụ của trung tâm khác."))
    if key is None:
        return IssueResult(
            issue_ticket(
                session,
                service.id,
                priority=priority,
                priority_category=priority_category,
                channel=channel,
                now=now,
            ),
            False,
        )

    cutoff = now - timedelta(seconds=window_seconds)
    session.execute(delete(IssueRequest).where(IssueRequest.scope == scope, IssueRequest.created_at < cutoff))
    # The claim: a second request with this key waits here for the first, then finds the key taken (nothing
    # inserted, no error, so no savepoint is needed) and answers with the first one's ticket.
    claim_id = session.scalar(
        _insert_claim(session)
        .values(scope=scope, key=key, created_at=now)
        .on_conflict_do_nothing(index_elements=["scope", "key"])
        .returning(IssueRequest.id)
    )
    if claim_id is None:
        earlier = _earlier(session, scope, key, cutoff)
        if (
            earlier is None
        ):  # the other request's row vanished between the two statements: let the caller retry
            raise errors.DatabaseBusy()
        return earlier
    issued = issue_ticket(
        session, service.id, priority=priority, priority_category=priority_category, channel=channel, now=now
    )
    session.execute(
        update(IssueRequest).where(IssueRequest.id == claim_id).values(ticket_id=issued.ticket.id)
    )
    return IssueResult(issued, repeated=False)


def _insert_claim(session):
    return _INSERTS[session.get_bind().dialect.name](IssueRequest)


def _earlier(session, scope: str, key: str, cutoff: datetime) -> IssueResult | None:
    ticket_id = session.scalar(
        select(IssueRequest.ticket_id).where(
            IssueRequest.scope == scope, IssueRequest.key == key, IssueRequest.created_at >= cutoff
        )
    )
    ticket = session.get(Ticket, ticket_id) if ticket_id is not None else None
    if ticket is None:
        return None
    return IssueResult(IssuedTicket(ticket, *place_in_queue(session, ticket)), repeated=True)
